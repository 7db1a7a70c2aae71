// The opportunities board's filters: team, journey, status and overdue,
// kept in the page's URL (?team=crm&journey=order&status=planned&overdue=1)
// so that a filtered board can be shared and survives a reload. Without
// this script the form stays hidden and the board is the full list.
(function () {
  'use strict';
  const form = document.querySelector('form[data-opp-filters]');
  if (!form) return;
  const keys = ['team', 'journey', 'status', 'overdue'];
  const rows = Array.from(document.querySelectorAll('.opp-table tbody tr'));
  const chips = Array.from(document.querySelectorAll('[data-opp-matrix] li'));
  const count = document.querySelector('[data-opp-count]');
  const none = document.querySelector('[data-opp-none]');
  const total = rows.length;

  const read = () => {
    const q = new URLSearchParams(location.search);
    for (const k of keys) {
      const el = form.elements[k];
      if (el.type === 'checkbox') el.checked = q.get(k) === '1';
      else el.value = Array.from(el.options).some((o) => o.value === q.get(k)) ? q.get(k) : '';
    }
  };
  const state = () => {
    const s = {};
    for (const k of keys) {
      const el = form.elements[k];
      const v = el.type === 'checkbox' ? (el.checked ? '1' : '') : el.value;
      if (v) s[k] = v;
    }
    return s;
  };
  const matches = (el, s) =>
    (!s.team || el.dataset.team === s.team) &&
    (!s.journey || el.dataset.journey === s.journey) &&
    (!s.status || el.dataset.status === s.status) &&
    (!s.overdue || el.dataset.overdue === 'true');
  const apply = () => {
    const s = state();
    let shown = 0;
    for (const r of rows) {
      const ok = matches(r, s);
      r.hidden = !ok;
      if (ok) shown++;
    }
    for (const c of chips) c.hidden = !matches(c, s);
    if (count) count.textContent = shown === total ? String(total) : shown + ' / ' + total;
    if (none) none.hidden = shown > 0;
  };
  const write = () => {
    const q = new URLSearchParams(state());
    const url = location.pathname + (q.toString() ? '?' + q : '') + location.hash;
    history.replaceState(null, '', url);
  };

  form.hidden = false;
  read();
  apply();
  form.addEventListener('change', () => { write(); apply(); });
  form.addEventListener('submit', (e) => { e.preventDefault(); write(); apply(); });
  form.querySelector('[data-opp-clear]').addEventListener('click', (e) => {
    e.preventDefault();
    form.reset();
    for (const k of keys) if (form.elements[k].type !== 'checkbox') form.elements[k].value = '';
    write();
    apply();
  });
  window.addEventListener('popstate', () => { read(); apply(); });
})();
