// axe-core over one page of every kind, light and dark: no violation of
// moderate, serious or critical impact may remain. A reader asks for the
// dark scheme either by the system or by the header's toggle on a light
// system; the toggle's dark must paint every element as the system's does,
// so axe's verdict on the one holds for the other. Printed from a dark
// system, a page is as printed from a light one; the header's toggle
// switches the scheme and keeps the choice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser } from './helpers.mjs';
import { axePath, pages, colourRules, violations, paint, samePaint, isDark } from './a11y.mjs';

let server, b;
before(async () => {
  server = await serve();
  b = await browser();
});
after(async () => {
  await b?.close();
  server?.stop();
});

// A subtest for each page, so that the run shows its progress page by page.
// Each page is loaded once: the schemes are switched in place, which costs
// a fraction of loading it (and axe with it) three times.
test('no accessibility violation, light or dark; the toggle\'s dark paints as the system\'s', async (t) => {
  const context = await b.newContext({ colorScheme: 'light' });
  await context.addInitScript({ path: axePath });
  const page = await context.newPage();
  for (const [kind, path] of Object.entries(pages)) {
    await t.test(kind, async () => {
      const where = `${kind} (/${path})`;
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(server.url + path);
      assert.equal(await isDark(page), false, `${where}: the page is not light`);
      // Light: every rule. The schemes differ in colours alone, so the dark
      // runs check the rules that read colours.
      let found = await violations(page);
      assert.deepEqual(found, [], `axe found, light, on ${where}:\n${found.join('\n')}`);

      // Dark by the toggle on a light system: the reader presses it (the
      // embed page has no header; its head applies a stored choice alike).
      const toggle = page.locator('button.theme-toggle');
      if (await toggle.isVisible()) await toggle.click();
      else await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', `${where}: the toggle did not choose dark`);
      const byToggle = await page.evaluate(paint);

      // Dark by the system, the choice forgotten.
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.evaluate(() => { delete document.documentElement.dataset.theme; localStorage.removeItem('cjm-theme'); });
      assert.equal(await isDark(page), true, `${where}: the page is not dark on a dark system`);
      found = await violations(page, colourRules);
      assert.deepEqual(found, [], `axe found, dark, on ${where}:\n${found.join('\n')}`);
      samePaint(byToggle, await page.evaluate(paint), `${where} dark by the toggle [toggle, system]`);
    });
  }
  await context.close();
});

test('printed from a dark system, a journey page and its map are as printed from a light one', async () => {
  const [dark, light] = await Promise.all([b.newContext({ colorScheme: 'dark' }), b.newContext({ colorScheme: 'light' })]);
  const pages = await Promise.all([dark.newPage(), light.newPage()]);
  const painted = await Promise.all(pages.map(async (page) => {
    await page.emulateMedia({ media: 'print' });
    await page.goto(server.url + 'journeys/order-groceries/');
    return page.evaluate(paint);
  }));
  samePaint(painted[0], painted[1], 'printed from a dark system [dark, light]');
  await Promise.all([dark.close(), light.close()]);
});
test('the toggle switches the scheme, keeps the choice, and follows the system again', async () => {
  const context = await b.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(server.url);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const toggle = page.locator('button.theme-toggle');
  const light = await background();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');

  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.notEqual(await background(), light, 'the background stayed light');

  // The choice lasts across pages, from the first paint.
  await page.goto(server.url + 'journeys/');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.notEqual(await background(), light);

  // Choosing light on a light system forgets the choice.
  await page.locator('button.theme-toggle').click();
  assert.equal(await background(), light);
  assert.equal(await page.evaluate(() => localStorage.getItem('cjm-theme')), null);
  await context.close();
});
