// The drawn map in a real browser: every <text> stays inside its cell with
// the font the browser really uses, and every card opens its touchpoint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser } from './helpers.mjs';

let server, b, page, journeys;
before(async () => {
  server = await serve();
  b = await browser();
  page = await b.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(10000);
  await page.goto(server.url + 'journeys/');
  journeys = await page.$$eval('main a[href]', (as) => [...new Set(as.map((a) => a.pathname).filter((p) => /^\/journeys\/[^/]+\/$/.test(p)))]);
});
after(async () => {
  await b?.close();
  server?.stop();
});

test('the example has journeys to check', () => {
  assert.ok(journeys.length >= 4, `found ${journeys.length} journeys`);
});

test('every text of every map fits inside its cell', async () => {
  for (const j of journeys) {
    await page.goto(server.url + j.slice(1));
    await page.evaluate(() => document.fonts.ready);
    const fonts = await page.evaluate(() => document.fonts.check('12px Inter') && document.fonts.check('600 12px Inter'));
    assert.ok(fonts, 'both faces of Inter are loaded');
    const problems = await page.$$eval('svg.cjm-map g.cell', (cells) => {
      const out = [];
      for (const cell of cells) {
        if (cell.classList.contains('emotion')) continue;
        const rect = cell.querySelector('rect');
        if (!rect) { out.push('a cell without a rectangle'); continue; }
        const r = rect.getBBox();
        for (const t of cell.querySelectorAll('text')) {
          const b = t.getBBox();
          if (b.x < r.x - 0.5 || b.x + b.width > r.x + r.width + 0.5 || b.y < r.y - 0.5 || b.y + b.height > r.y + r.height + 0.5) {
            out.push(`"${t.textContent}" [${b.x.toFixed(1)}..${(b.x + b.width).toFixed(1)} × ${b.y.toFixed(1)}..${(b.y + b.height).toFixed(1)}] leaves [${r.x}..${r.x + r.width} × ${r.y}..${r.y + r.height}]`);
          }
        }
      }
      return out;
    });
    assert.deepEqual(problems, [], `${j}: text leaves its cell`);
  }
});

// Each card's link is fetched from the journey's page and read there,
// rather than opened and drawn one by one: what is checked is where it
// leads. Opening a card for real is the test after this one's.
test('every card opens its touchpoint page', async (t) => {
  let cards = 0;
  for (const j of journeys) {
    await t.test(j, async () => { // a subtest a journey, to show progress
      await page.goto(server.url + j.slice(1));
      const links = await page.$$eval('svg.cjm-map a', (as) => as
        .filter((a) => a.querySelector('.card-cell'))
        .map((a) => ({ href: a.getAttribute('href'), title: a.querySelector('title').textContent.split(' · ')[0] })));
      const opened = await page.evaluate((urls) => Promise.all(urls.map(async (url) => {
        const res = await fetch(url);
        const h1 = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('h1');
        return { status: res.status, h1: h1 ? h1.textContent : '' };
      })), links.map(({ href }) => new URL(href, server.url).href));
      links.forEach(({ href, title }, i) => {
        const { status, h1 } = opened[i];
        assert.equal(status, 200, href);
        assert.ok(h1.replace(/\s+/g, ' ').trim().startsWith(title.replace(/…$/, '').trim()), `${href}: h1 "${h1}" does not start with "${title}"`);
        cards++;
      });
    });
  }
  assert.ok(cards >= 30, `only ${cards} cards`);
});

test('a card is reached by keyboard and opens with Enter', async () => {
  await page.goto(server.url + journeys[0].slice(1));
  const first = page.locator('svg.cjm-map a:has(.card-cell)').first();
  await first.focus();
  const href = await first.getAttribute('href');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === new URL(href, server.url).pathname);
});
