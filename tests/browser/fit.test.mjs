// Unseen portals (portal.mjs), made to be hard to draw, in English, Russian
// and Polish. In Chromium, with the font the browser really uses, no text
// of any map, funnel, comparison chart or heatmap may be cut, shortened
// with "…", leave its drawing or its cell, or overlap another text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, browser } from './helpers.mjs';
import { site } from './portal.mjs';

// textProblems checks every text of every drawing on the page: inside its
// drawing, inside its cell, whole, and clear of every other text.
function textProblems() {
  const out = [];
  const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
  const name = (t) => `"${t.textContent.slice(0, 40)}"`;
  for (const svg of document.querySelectorAll('svg.cjm-map, svg.funnel')) {
    const kind = svg.classList.contains('funnel') ? 'funnel' : svg.classList.contains('cjm-curves') ? 'curves' : 'map';
    const frame = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '');
    const boxes = texts.map((t) => t.getBoundingClientRect());
    texts.forEach((t, i) => {
      const b = boxes[i];
      if (!inside(b, frame)) out.push(`${kind}: ${name(t)} leaves the drawing`);
      if (/…$/.test(t.textContent)) out.push(`${kind}: ${name(t)} is cut with "…"`);
      const cell = t.closest('g.cell');
      if (cell && !cell.classList.contains('emotion')) {
        const r = cell.querySelector('rect').getBoundingClientRect();
        if (!inside(b, r)) out.push(`${kind}: ${name(t)} leaves its cell`);
      }
    });
    // Overlaps, by a sweep down the page.
    const order = boxes.map((b, i) => i).sort((a, b) => boxes[a].top - boxes[b].top);
    for (let a = 0; a < order.length; a++) {
      const A = boxes[order[a]];
      for (let c = a + 1; c < order.length && boxes[order[c]].top < A.bottom - 0.5; c++) {
        const B = boxes[order[c]];
        if (Math.min(A.right, B.right) - Math.max(A.left, B.left) > 0.5 && Math.min(A.bottom, B.bottom) - Math.max(A.top, B.top) > 0.5) {
          out.push(`${kind}: ${name(texts[order[a]])} overlaps ${name(texts[order[c]])}`);
        }
      }
    }
  }
  for (const cell of document.querySelectorAll('table.heatmap th, table.heatmap td')) {
    if (cell.scrollWidth > cell.clientWidth + 1) out.push(`heatmap: "${cell.textContent.trim().slice(0, 40)}" overflows its cell`);
    if (/…/.test(cell.textContent)) out.push(`heatmap: "${cell.textContent.trim().slice(0, 40)}" is cut with "…"`);
  }
  return out;
}

const root = mkdtempSync(path.join(tmpdir(), 'cjm-fit-'));
let b;
before(async () => { b = await browser(); });
after(async () => {
  await b?.close();
  rmSync(root, { recursive: true, force: true });
});

for (const lang of ['en', 'ru', 'pl']) {
  test(`every text of every drawing fits, ${lang}`, async () => {
    const server = await serve(site(root, lang));
    try {
      const page = await b.newPage({ viewport: { width: 1440, height: 900 } });
      page.setDefaultTimeout(60000); // its pages are the largest drawings; a loaded machine took over 20 s
      const urls = ['heatmap/', 'journeys/long/-/compare/'];
      // map.svg is the page's map drawn alone, with the same layout and
      // font: in one language it shows the standalone file gets its font.
      for (const j of ['long', 'long-target', 'one', 'twelve']) urls.push(`journeys/${j}/`, ...(lang === 'en' ? [`journeys/${j}/map.svg`] : []));
      let drawn = 0;
      for (const u of urls) {
        const res = await page.goto(server.url + u);
        assert.equal(res.status(), 200, u);
        await page.evaluate(() => document.fonts.ready);
        assert.ok(await page.evaluate(() => document.fonts.check('12px Inter')), `${u}: Inter is not loaded`);
        drawn += await page.evaluate(() => document.querySelectorAll('svg.cjm-map, svg.funnel, table.heatmap').length);
        const problems = await page.evaluate(textProblems);
        assert.deepEqual(problems.slice(0, 20), [], `${lang} ${u}: ${problems.length} problems`);
      }
      assert.ok(drawn >= (lang === 'en' ? 10 : 6), `only ${drawn} drawings checked`);
      await page.close();
    } finally {
      server.stop();
    }
  });
}
