// Reading a map in the browser: the whole journey at a glance, zoom and
// pan with frozen lane names and stage headers, keys, deep links, a view
// kept across reloads, a phone, the dark scheme, print on A4 sheets, and
// the embed page inside an <iframe>. On the example portal and on unseen
// ones (portal.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, browser } from './helpers.mjs';
import { site } from './portal.mjs';

const root = mkdtempSync(path.join(tmpdir(), 'cjm-view-'));
let b, example, unseen;
before(async () => {
  b = await browser();
  example = await serve();
  unseen = await serve(site(root, 'ru'));
});
after(async () => {
  await b?.close();
  example?.stop();
  unseen?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function open(url, viewport = { width: 1440, height: 900 }, colorScheme = 'light') {
  const context = await b.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await page.goto(url);
  await page.evaluate(() => document.fonts.ready);
  return page;
}

// glance scrolls the page to the map and, inside it, to the emotion lane,
// then says where every stage header and every emotion point is.
function glance() {
  const box = document.querySelector('.map-view');
  box.scrollIntoView({ block: 'start' });
  const lane = box.querySelector('.lane-emotions');
  if (lane) {
    const top = box.querySelector('.map-top').getBoundingClientRect().height;
    box.scrollTop += lane.getBoundingClientRect().top - box.getBoundingClientRect().top - top;
  }
  const rect = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
  return {
    width: innerWidth, height: innerHeight, scrollX: document.documentElement.scrollWidth,
    stages: [...box.querySelectorAll('.map-top [id^="stage-"]')].map(rect),
    points: [...box.querySelectorAll('g.emotion')].map(rect),
  };
}

const inView = (r, g) => r.left >= -0.5 && r.right <= g.width + 0.5 && r.top >= -0.5 && r.bottom <= g.height + 0.5;

for (const [name, url] of [['the example', () => example.url + 'journeys/order-groceries/'], ['twelve stages in Russian', () => unseen.url + 'journeys/twelve/']]) {
  test(`${name}: every stage and every point of the curve at a glance, at 1440 × 900`, async () => {
    const page = await open(url());
    const g = await page.evaluate(glance);
    assert.ok(g.stages.length >= 7 && g.points.length >= 7, `${g.stages.length} stages, ${g.points.length} points`);
    assert.ok(g.scrollX <= g.width, `the page scrolls sideways: ${g.scrollX} px`);
    g.stages.forEach((r, i) => assert.ok(inView(r, g), `stage ${i + 1} is out of view: ${JSON.stringify(r)}`));
    g.points.forEach((r, i) => assert.ok(inView(r, g), `emotion point ${i + 1} is out of view: ${JSON.stringify(r)}`));
    await page.context().close();
  });
}

test('at 100 %, panned to the last stage, the lane names and stage headers stay in view', async () => {
  const page = await open(unseen.url + 'journeys/long/');
  await page.click('[data-map="actual"]');
  assert.equal(await page.locator('.map-level').textContent(), '100 %');
  const g = await page.evaluate(() => {
    const box = document.querySelector('.map-view');
    box.scrollIntoView({ block: 'start' });
    box.scrollLeft = box.scrollWidth;
    box.scrollTop = box.scrollHeight / 2;
    const b = box.getBoundingClientRect();
    const r = (s) => box.querySelector(s).getBoundingClientRect();
    const stages = [...box.querySelectorAll('.map-top [id^="stage-"]')];
    return { box: { left: b.left, top: b.top }, left: r('.map-left').left, top: r('.map-top').top, lanes: r('.map-left').width,
      last: stages.at(-1).getBoundingClientRect().right, right: b.right, scrolled: box.scrollLeft > 0 && box.scrollTop > 0 };
  });
  assert.ok(g.scrolled, 'the map did not scroll');
  assert.ok(Math.abs(g.left - g.box.left) < 2, `the lane names left the left edge: ${g.left} against ${g.box.left}`);
  assert.ok(Math.abs(g.top - g.box.top) < 2, `the stage headers left the top: ${g.top} against ${g.box.top}`);
  assert.ok(g.last <= g.right + 1, 'the last stage header is out of view');
  await page.context().close();
});

test('keys zoom the focused map; the view survives a reload', async () => {
  const page = await open(example.url + 'journeys/order-groceries/');
  const level = () => page.locator('.map-level').textContent();
  const fit = await level();
  await page.focus('.map-view');
  await page.keyboard.press('+');
  assert.notEqual(await level(), fit, '+ did not zoom in');
  await page.keyboard.press('1');
  assert.equal(await level(), '100 %');
  await page.keyboard.press('-');
  assert.equal(await level(), '80 %');
  await page.keyboard.press('0');
  assert.equal(await level(), fit, '0 did not fit the map again');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused map shows no focus');

  await page.keyboard.press('1');
  const was = await page.evaluate(() => { const box = document.querySelector('.map-view'); box.scrollLeft = 500; return box.scrollLeft; });
  await page.waitForTimeout(300); // the view is kept after scrolling stops
  await page.reload();
  await page.evaluate(() => document.fonts.ready);
  assert.equal(await level(), '100 %', 'the zoom was lost on reload');
  const left = await page.evaluate(() => document.querySelector('.map-view').scrollLeft);
  assert.ok(was > 0 && Math.abs(left - was) < 2, `the place was lost on reload: scrolled to ${left}, was ${was}`);
  await page.context().close();
});

test('a deep link zooms to the touchpoint, centres it and outlines it', async () => {
  const page = await open(example.url + 'journeys/order-groceries/#tp-confirmation-sms');
  const g = await page.evaluate(() => {
    const el = document.getElementById('tp-confirmation-sms');
    const r = el.getBoundingClientRect(), b = document.querySelector('.map-view').getBoundingClientRect();
    return { target: el.classList.contains('is-target'), inside: r.left >= b.left && r.right <= b.right && r.top >= b.top && r.bottom <= b.bottom,
      level: document.querySelector('.map-level').textContent };
  });
  assert.ok(g.target, 'the touchpoint is not outlined');
  assert.ok(g.inside, 'the touchpoint is not in view');
  assert.equal(g.level, '100 %');
  await page.context().close();
});

test('a phone: nothing scrolls sideways but the map, and every stage can be reached', async () => {
  const page = await open('about:blank', { width: 390, height: 844 });
  for (const u of ['journeys/order-groceries/', 'journeys/order-groceries/-/compare/', 'journeys/order-groceries/-/embed/', 'heatmap/', 'opportunities/',
    'journeys/order-groceries/confirmation/confirmation-email/']) {
    await page.goto(example.url + u);
    await page.evaluate(() => document.fonts.ready);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${u} is ${width} px wide on a 390 px phone`);
    if (u.endsWith('order-groceries/')) {
      const reach = await page.evaluate(() => {
        const box = document.querySelector('.map-view');
        box.scrollLeft = box.scrollWidth;
        const cards = [...box.querySelectorAll('.card-cell')];
        const r = cards.at(-1).getBoundingClientRect(), b = box.getBoundingClientRect();
        return { visible: r.left >= b.left - 1 && r.right <= b.right + 1, lanes: box.querySelector('.map-left').getBoundingClientRect().width };
      });
      assert.ok(reach.visible, 'the last stage\'s touchpoint cannot be scrolled into view');
      assert.ok(reach.lanes <= 130, `the lane names take ${reach.lanes} px of the phone`);
    }
  }
  await page.context().close();
});

// luminance and contrast as WCAG defines them, from CSS rgb() colours.
function contrastOf(fg, bg) {
  const lum = (c) => {
    const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, c] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (c + 0.05);
}

test('in the dark scheme the map is dark and its text reads', async () => {
  const page = await open('about:blank', { width: 1440, height: 900 }, 'dark');
  for (const u of [example.url + 'journeys/order-groceries/', example.url + 'journeys/order-groceries/map.svg']) {
    await page.goto(u);
    const c = await page.evaluate(() => ({
      bg: getComputedStyle(document.querySelector('svg.cjm-map rect.bg')).fill,
      ink: getComputedStyle(document.querySelector('svg.cjm-map text.title, svg.cjm-map text.head')).fill,
      meta: getComputedStyle(document.querySelector('svg.cjm-map text.meta')).fill,
      lane: getComputedStyle(document.querySelector('svg.cjm-map rect.ln')).fill,
    }));
    const dark = c.bg.match(/[\d.]+/g).slice(0, 3).every((v) => v < 60);
    assert.ok(dark, `${u}: the map's background is ${c.bg}`);
    for (const [what, fg, bg] of [['text', c.ink, c.bg], ['meta text', c.meta, c.lane]]) {
      const r = contrastOf(fg, bg);
      assert.ok(r >= 4.5, `${u}: ${what} ${fg} on ${bg} has contrast ${r.toFixed(2)}`);
    }
  }
  await page.context().close();
});

test('printed on A4 landscape: every stage, and no map text under 7 pt', async () => {
  for (const u of [example.url + 'journeys/order-groceries/', unseen.url + 'journeys/twelve/']) {
    const page = await open(u);
    await page.emulateMedia({ media: 'print' });
    const p = await page.evaluate(() => {
      const sheets = [...document.querySelectorAll('.map-sheet svg.print-sheet')];
      const smallest = Math.min(...[...document.querySelectorAll('.map-viewer svg text')].map((t) => parseFloat(getComputedStyle(t).fontSize)));
      const scales = sheets.map((s) => s.getBoundingClientRect().width / s.viewBox.baseVal.width);
      // The stretch of stages each sheet shows, from its stage headers' viewBox.
      const spans = sheets.map((s) => { const v = s.querySelectorAll('svg')[1].viewBox.baseVal; return [v.x, v.x + v.width]; });
      const stages = [...document.querySelectorAll('.map-top [id^="stage-"] > rect')].map((r) => [r.x.baseVal.value, r.x.baseVal.value + r.width.baseVal.value]);
      return { sheets: sheets.length, smallest, scale: Math.min(...scales), spans, stages,
        viewer: getComputedStyle(document.querySelector('.map-viewer')).visibility };
    });
    assert.ok(p.sheets >= 2, `${u}: ${p.sheets} sheets`);
    assert.equal(p.viewer, 'hidden');
    const pt = p.smallest * p.scale * 0.75;
    assert.ok(pt >= 7, `${u}: the smallest map text prints at ${pt.toFixed(2)} pt`);
    for (const [x0, x1] of p.stages) {
      assert.ok(p.spans.some(([a, z]) => a < x1 - 1 && z > x0 + 1), `${u}: the stage at ${x0}..${x1} is on no sheet`);
    }
    // Printing itself, once: the twelve stages' 14 sheets take seconds more
    // to print, and their layout is checked above.
    if (u.startsWith(example.url)) {
      const pdf = (await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true })).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
      assert.ok(pages >= p.sheets, `${u}: the PDF has ${pages} pages for ${p.sheets} sheets of the map`);
      assert.match(pdf, /\/MediaBox \[0 0 841\.9\d* 594\.9\d*\]/, `${u}: the PDF's pages are not A4 landscape`);
    }
    await page.context().close();
  }
});

test('stages named compare, embed and history build, and the embed page works in an iframe', async () => {
  const page = await open(unseen.url + 'journeys/named/');
  for (const st of ['compare', 'embed', 'history']) {
    const res = await page.goto(unseen.url + `journeys/named/${st}/`);
    assert.equal(res.status(), 200, st);
    assert.match(await page.locator('h1').first().innerText(), new RegExp(st));
  }
  await page.setContent(`<iframe src="${unseen.url}journeys/long/-/embed/" width="900" height="600"></iframe>`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForSelector('.map-viewer .map-tools:not([hidden])');
  assert.ok(await frame.locator('.map-viewer svg.cjm-map').count() >= 4, 'the embed page shows no map');
  assert.equal(await frame.locator('.site-header').count(), 0, 'the embed page shows the portal\'s header');
  const back = await frame.locator('a[target="_top"]').first().getAttribute('href');
  assert.match(back, /journeys\/long\/$/);
  await page.context().close();
});

test('without JavaScript the whole map scrolls in its box, headers frozen, and the table is there', async () => {
  const context = await b.newContext({ viewport: { width: 1440, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(example.url + 'journeys/order-groceries/');
  const g = await page.evaluate(() => {
    const box = document.querySelector('.map-view');
    box.scrollLeft = box.scrollWidth;
    box.scrollTop = box.scrollHeight;
    const b = box.getBoundingClientRect();
    return {
      tools: document.querySelector('.map-tools').hidden,
      zoom: getComputedStyle(document.querySelector('.map-viewer')).getPropertyValue('--zoom').trim(),
      scrolls: box.scrollLeft > 0 && box.scrollTop > 0,
      left: document.querySelector('.map-left').getBoundingClientRect().left - b.left,
      top: document.querySelector('.map-top').getBoundingClientRect().top - b.top,
      table: document.querySelectorAll('table.map tbody tr').length,
    };
  });
  assert.equal(g.tools, true, 'controls that need JavaScript are shown');
  assert.equal(g.zoom, '1');
  assert.ok(g.scrolls, 'the map does not scroll in its box');
  assert.ok(Math.abs(g.left) < 2 && Math.abs(g.top) < 2, `the lane names or stage headers scrolled away: ${g.left}, ${g.top}`);
  assert.ok(g.table >= 5, `the map as a table has ${g.table} rows`);
  await context.close();
});
