// The home page of a 100-journey portal: filtered by persona and by team,
// the choice kept in the URL and restored on reload; the whole table
// without JavaScript; the header's links folding into a More menu at
// 1440 px in Russian and at 390 px; axe-core finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, browser } from './helpers.mjs';
import { hundred, hundredPersona, hundredTeam } from './portal.mjs';
import { axePath, violations } from './a11y.mjs';

const root = mkdtempSync(path.join(os.tmpdir(), 'cjm-home-'));
const rows = '#home-journey-list [data-view="table"] tbody tr';
let server, b;
before(async () => {
  server = await serve(hundred(root, 'ru'));
  b = await browser();
});
after(async () => {
  await b?.close();
  server?.stop();
  rmSync(root, { recursive: true, force: true });
});

const expected = (ok) => Array.from({ length: 100 }, (_, j) => j).filter(ok).length;
const visibleRows = (page) => page.$$eval(rows, (rs) => rs.filter((r) => !r.hidden && r.offsetParent !== null).length);

// headerViolations runs axe over the site header with its menu open. The
// whole of every kind of page is checked in a11y.test.mjs; here the
// header of a hundred journeys' home page is what is new, and axe over the
// whole of that page took four seconds.
async function headerViolations(page) {
  await page.addScriptTag({ path: axePath });
  return violations(page, undefined, { include: [['.site-header']] });
}

test('without JavaScript the home page is the full table of 100 journeys', async () => {
  const context = await b.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + '?persona=p3');
  assert.equal(await page.locator(rows).count(), 100);
  assert.equal(await visibleRows(page), 100);
  assert.equal(await page.locator('form.filters').isVisible(), false, 'the filters show without the script that works them');
  await context.close();
});

test('filtered by persona, then team: the URL keeps the choice and a reload restores it', async () => {
  const context = await b.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  assert.equal(await visibleRows(page), 100);

  await page.selectOption('select[name="persona"]', 'p3');
  const byPersona = expected((j) => hundredPersona(j).includes('p3'));
  assert.ok(byPersona > 5 && byPersona < 100);
  assert.equal(await visibleRows(page), byPersona);
  assert.equal(new URL(page.url()).searchParams.get('persona'), 'p3');
  assert.match(await page.locator('.filters [role="status"]').innerText(), new RegExp(`${byPersona} / 100`));

  await page.selectOption('select[name="team"]', 't4');
  const both = expected((j) => hundredPersona(j).includes('p3') && hundredTeam(j) === 't4');
  assert.ok(both > 0 && both < byPersona, `persona p3 and team t4: ${both}`);
  assert.equal(await visibleRows(page), both);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('persona'), 'p3');
  assert.equal(url.searchParams.get('team'), 't4');

  await page.reload();
  assert.equal(await page.inputValue('select[name="persona"]'), 'p3');
  assert.equal(await page.inputValue('select[name="team"]'), 't4');
  assert.equal(await visibleRows(page), both);
  // Every row shown is one of theirs.
  const shown = await page.$$eval(rows, (rs) => rs.filter((r) => !r.hidden).map((r) => [r.dataset.persona, r.dataset.team]));
  assert.ok(shown.every(([p, t]) => p.split(' ').includes('p3') && t === 't4'), JSON.stringify(shown));

  // The team alone, from a link.
  await page.goto(server.url + '?team=t1');
  assert.equal(await visibleRows(page), expected((j) => hundredTeam(j) === 't1'));
  // Back goes through the states.
  await page.selectOption('select[name="team"]', 't2');
  await page.goBack();
  assert.equal(await page.inputValue('select[name="team"]'), 't1');
  assert.equal(await visibleRows(page), expected((j) => hundredTeam(j) === 't1'));

  // The persona view groups the same journeys by persona, filtered alike.
  await page.goto(server.url + '?view=personas&persona=p3');
  const cards = await page.$$eval('#home-journey-list [data-view="personas"] [data-item]', (cs) => cs.filter((c) => c.offsetParent !== null).length);
  assert.ok(cards >= byPersona, `${cards} cards for p3 in the persona view, want at least ${byPersona}`);
  assert.equal(await page.locator('#home-journey-list [data-view="table"]').isVisible(), false);

  // Sorting by a column orders the rows.
  await page.goto(server.url);
  await page.click('.journey-table thead th:nth-child(5) button');
  const health = await page.$$eval(rows, (rs) => rs.map((r) => r.children[4].dataset.value).filter((v) => v !== '').map(Number));
  assert.deepEqual(health, [...health].sort((x, y) => x - y));
  await context.close();
});

for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
  test(`the header folds its links into a More menu at ${viewport.width} px, in Russian`, async () => {
    const context = await b.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(() => document.fonts.ready);
    const button = page.locator('.nav-more-button');
    await button.waitFor({ state: 'visible' });
    assert.equal(await button.innerText(), 'Ещё');
    const fit = await page.evaluate(() => {
      const row = document.querySelector('.site-nav > ul');
      return { overflow: row.scrollWidth - row.clientWidth, inRow: row.children.length, inMenu: document.querySelectorAll('#nav_more > li').length };
    });
    assert.ok(fit.overflow <= 1, `the row still overflows by ${fit.overflow}px`);
    assert.ok(fit.inRow >= 1 && fit.inMenu >= 1, JSON.stringify(fit));
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), viewport.width, 'the page scrolls sideways');

    // Opened by keyboard, closed by Escape with the focus back on the button.
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const menu = page.locator('#nav_more');
    assert.equal(await menu.isVisible(), true);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('#nav_more') !== null), true, 'Tab does not reach the menu');
    await page.keyboard.press('Escape');
    assert.equal(await menu.isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('nav-more-button')), true);
    // A link in the menu leads to its page, where the button is marked.
    await button.click();
    const last = menu.locator('a').last();
    const href = await last.getAttribute('href');
    await last.click();
    await page.waitForURL((u) => u.pathname === new URL(href, server.url).pathname);
    await page.locator('.nav-more-button').waitFor({ state: 'visible' });
    assert.equal(await page.locator('.nav-more-button.active').count(), 1, 'the button does not say the current page is in it');

    const found = [];
    for (const url of ['', 'data/']) {
      await page.goto(server.url + url);
      await page.locator('.nav-more-button').click();
      for (const line of await headerViolations(page)) found.push(`/${url}: ${line}`);
    }
    assert.deepEqual(found, [], `axe found:\n${found.join('\n')}`);
    await context.close();
  });
}
