// axe-core over one page of every kind in the dark scheme: the rules that
// read colours, since the schemes differ in colours alone (a11y.test.mjs
// runs every rule in the light one). A reader asks for the dark scheme
// either by the system or by the header's toggle on a light system; the
// toggle's dark must paint every element as the system's does, so axe's
// verdict on the one holds for the other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser } from './helpers.mjs';
import { axePath, pages, colourRules, violations, samePaint, isDark } from './a11y.mjs';

let server, b;
before(async () => {
  server = await serve();
  b = await browser();
});
after(async () => {
  await b?.close();
  server?.stop();
});

test('no accessibility violation, dark, by the system or by the toggle, which paints as the system does', async (t) => {
  const system = await b.newContext({ colorScheme: 'dark' });
  await system.addInitScript({ path: axePath });
  const toggle = await b.newContext({ colorScheme: 'light' });
  await toggle.addInitScript(() => localStorage.setItem('cjm-theme', 'dark'));
  const [bySystem, byToggle] = await Promise.all([system.newPage(), toggle.newPage()]);
  for (const [kind, path] of Object.entries(pages)) {
    await t.test(kind, async () => {
      await Promise.all([bySystem.goto(server.url + path), byToggle.goto(server.url + path)]);
      assert.equal(await isDark(bySystem), true, `${kind}: the page is not dark on a dark system`);
      assert.equal(await byToggle.evaluate(() => document.documentElement.dataset.theme), 'dark', `${kind}: the toggle's choice was not applied`);
      const found = (await violations(bySystem, colourRules)).map((line) => `${kind} (/${path}): ${line}`);
      assert.deepEqual(found, [], `axe found:\n${found.join('\n')}`);
      await samePaint(byToggle, bySystem, `${kind} (/${path}) dark by the toggle [toggle, system]`);
    });
  }
  await Promise.all([system.close(), toggle.close()]);
});

