// Filters of a list page (the home page's journeys, the gaps page): a
// form.filters[data-for=ID] narrows the items ([data-item]) inside #ID.
//
// Each select names a data attribute of the items: an item shows when, for
// every select with a value, its attribute (a space-separated list) holds
// that value. A select named "view" instead shows the child of #ID whose
// data-view is its value, and hides the others. A [data-group] inside #ID
// hides when none of its items show, and its [data-count] says how many
// do; the form's [role=status] says how many show of all.
//
// A search field (input[type=search]) narrows the items to those whose
// text holds what is typed, each word of it, ignoring case and accents
// (ё is е, ł is l).
//
// When no item shows, [data-none] inside #ID says so.
//
// The form's state is the page's URL (?persona=olga&view=table), so that a
// filtered list can be linked to and survives a reload; the back button
// goes through the states. Without JavaScript the form stays hidden and
// every item shows.
(function () {
  'use strict';
  // fold writes text as the filter compares it: lower case, no accents.
  const fold = (s) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ё/g, 'е').replace(/ł/g, 'l');

  document.querySelectorAll('form.filters[data-for]').forEach((form) => {
    const root = document.getElementById(form.dataset.for);
    if (!root) return;
    const selects = Array.from(form.querySelectorAll('select[name], input[type="search"][name]'));
    const none = root.querySelector('[data-none]');
    const texts = new WeakMap(); // each item's folded text, made once
    const status = form.querySelector('[role="status"]');
    const views = Array.from(root.querySelectorAll(':scope > [data-view]'));

    // fromURL sets the selects from the address; a value no option has
    // (an old link) counts as none.
    function fromURL() {
      const q = new URLSearchParams(location.search);
      for (const s of selects) {
        const v = q.get(s.name) || '';
        if (!s.options) s.value = v;
        else s.value = Array.from(s.options).some((o) => o.value === v) ? v : first(s);
      }
    }

    function first(s) {
      return s.options ? s.options[0].value : '';
    }

    function toURL(push) {
      const q = new URLSearchParams(location.search);
      for (const s of selects) {
        if (s.value.trim() && s.value !== first(s)) q.set(s.name, s.value.trim());
        else q.delete(s.name);
      }
      const url = location.pathname + (q.toString() ? '?' + q : '') + location.hash;
      if (url !== location.pathname + location.search + location.hash) {
        history[push ? 'pushState' : 'replaceState'](null, '', url);
      }
    }

    function apply() {
      let scope = root;
      const view = selects.find((s) => s.name === 'view');
      if (view && views.length) {
        for (const v of views) v.hidden = v.dataset.view !== view.value;
        scope = views.find((v) => !v.hidden) || root;
      }
      const wanted = selects.filter((s) => s.options && s.name !== 'view' && s.value);
      const words = selects.filter((s) => !s.options).flatMap((s) => fold(s.value).split(/\s+/)).filter(Boolean);
      let shown = 0, all = 0;
      for (const item of scope.querySelectorAll('[data-item]')) {
        let ok = wanted.every((s) => (item.dataset[s.name] || '').split(' ').includes(s.value));
        if (ok && words.length) {
          if (!texts.has(item)) texts.set(item, fold(item.textContent));
          const text = texts.get(item);
          ok = words.every((w) => text.includes(w));
        }
        item.hidden = !ok;
        all++;
        if (ok) shown++;
      }
      for (const g of scope.querySelectorAll('[data-group]')) {
        const n = Array.from(g.querySelectorAll('[data-item]')).filter((i) => !i.hidden).length;
        g.hidden = n === 0;
        const c = g.querySelector('[data-count]');
        if (c) c.textContent = c.dataset.count.replace('%d', n);
      }
      if (none) none.hidden = shown > 0;
      if (status) status.textContent = form.dataset.shown.replace('%d', shown).replace('%d', all);
    }

    form.addEventListener('change', () => {
      toURL(true);
      apply();
    });
    // Typing narrows the list at once; the address follows without a
    // history entry per letter.
    form.addEventListener('input', (e) => {
      if (e.target.type !== 'search') return;
      toURL(false);
      apply();
    });
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('reset', (e) => {
      e.preventDefault();
      for (const s of selects) s.value = first(s);
      toURL(true);
      apply();
    });
    window.addEventListener('popstate', () => {
      fromURL();
      apply();
    });
    fromURL();
    toURL(false);
    apply();
    form.hidden = false;
  });
})();
