// axe-core over one page of every kind in the light scheme, every rule: no
// violation of moderate, serious or critical impact may remain. The dark
// scheme is in a11y-dark.test.mjs. Printed from a dark system, a page is
// as printed from a light one; the header's toggle switches the scheme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser } from './helpers.mjs';
import { axePath, pages, violations, samePaint, isDark } from './a11y.mjs';

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
test('no accessibility violation, light', async (t) => {
  const context = await b.newContext({ colorScheme: 'light' });
  await context.addInitScript({ path: axePath });
  const page = await context.newPage();
  for (const [kind, path] of Object.entries(pages)) {
    await t.test(kind, async () => {
      await page.goto(server.url + path);
      assert.equal(await isDark(page), false, `${kind}: the page is not light`);
      const found = (await violations(page)).map((line) => `${kind} (/${path}): ${line}`);
      assert.deepEqual(found, [], `axe found:\n${found.join('\n')}`);
    });
  }
  await context.close();
});

test('printed from a dark system, a journey page and its map are as printed from a light one', async () => {
  const [dark, light] = await Promise.all([b.newContext({ colorScheme: 'dark' }), b.newContext({ colorScheme: 'light' })]);
  const pages = await Promise.all([dark.newPage(), light.newPage()]);
  await Promise.all(pages.map(async (page) => {
    await page.emulateMedia({ media: 'print' });
    await page.goto(server.url + 'journeys/order-groceries/');
  }));
  await samePaint(pages[0], pages[1], 'printed from a dark system [dark, light]');
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
