// A journey's history page: two selects pick any two commits, and the
// chart shows the emotion curves of both (the earlier dashed with square
// marks, the later solid with round ones) while the list under it says
// how the journey differs. The page's data-history holds every commit's
// curve and touchpoints; without this script the page shows the oldest
// against the newest, drawn at build time.
(function () {
  'use strict';
  const section = document.querySelector('[data-history]');
  if (!section) return;
  let data;
  try { data = JSON.parse(section.dataset.history); } catch (e) { return; }
  const form = section.querySelector('.history-pick');
  const list = section.querySelector('.history-diff');
  const svg = section.querySelector('svg.cjm-history-curves');
  if (!form || !list || !svg || !data.points || !data.points.length) return;
  const words = data.words;
  const fill = (w, v) => w.replace(/\{(\w+)\}/g, (m, k) => (v[k] !== undefined ? v[k] : ''));
  const sign = (v) => (v === null || v === undefined ? '—' : v > 0 ? '+' + v : String(v));
  const index = (p) => {
    const m = new Map();
    p.tps.forEach(([slug, title, stage, feelings]) => { if (!m.has(slug)) m.set(slug, { slug, title, stage, feelings }); });
    return m;
  };
  const unanimous = (fs) => (fs.length && fs.every((f) => f[1] === fs[0][1]) ? fs[0][1] : null);
  const valueOf = (fs, who) => { const f = fs.find((x) => x[0] === who); return f ? f[1] : null; };
  // The same differences as the build lists (history.Compare).
  const differences = (a, b) => {
    const was = index(a), is = index(b), out = [];
    is.forEach((n, slug) => {
      const o = was.get(slug);
      if (!o) { out.push(fill(words['touchpoint-added'], { t: n.title, s: n.stage })); return; }
      if (o.title !== n.title) out.push(fill(words['touchpoint-renamed'], { t: n.title, from: o.title, to: n.title }));
      if (o.stage !== n.stage) out.push(fill(words['touchpoint-moved'], { t: n.title, from: o.stage, to: n.stage }));
      const ov = unanimous(o.feelings), nv = unanimous(n.feelings);
      if (ov !== null && nv !== null && o.feelings.length === n.feelings.length) {
        if (ov !== nv) out.push(fill(words.emotion, { t: n.title, from: sign(ov), to: sign(nv) }));
        return;
      }
      const seen = new Set();
      n.feelings.concat(o.feelings).forEach(([who]) => {
        if (seen.has(who)) return;
        seen.add(who);
        const x = valueOf(o.feelings, who), y = valueOf(n.feelings, who);
        if (x !== y) out.push(fill(words['emotion-persona'], { t: n.title, d: who, from: sign(x), to: sign(y) }));
      });
    });
    was.forEach((o, slug) => { if (!is.has(slug)) out.push(fill(words['touchpoint-removed'], { t: o.title, s: o.stage })); });
    return out;
  };
  const show = () => {
    const from = data.points[+form.elements.from.value], to = data.points[+form.elements.to.value];
    if (!from || !to) return;
    svg.querySelectorAll('.h-curve').forEach((g) => {
      const n = +g.dataset.curve;
      g.classList.toggle('from', n === from.curve);
      g.classList.toggle('to', n === to.curve);
    });
    // The legend names both: on the first of its lines, the others emptied.
    [['.h-from-label', from], ['.h-to-label', to]].forEach(([cls, p]) => {
      svg.querySelectorAll(cls).forEach((t, i) => { t.textContent = i ? '' : p.legend; });
    });
    list.replaceChildren();
    const diff = differences(from, to);
    (diff.length ? diff : [words.none]).forEach((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      if (!diff.length) li.className = 'muted';
      list.appendChild(li);
    });
  };
  form.hidden = false;
  form.addEventListener('change', show);
  show();
})();
