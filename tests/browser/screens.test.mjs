// The home, journey and touchpoint pages at desktop and phone widths, light
// and dark: nothing but the map may scroll sideways. With CJM_SCREENSHOTS=1
// (make screenshots) it also writes them, and the example's maps alone, to
// output/screenshots/ for a person to look at; every run would spend a
// fifth of this file's time encoding pictures nobody opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { serve, browser } from './helpers.mjs';

const dir = path.join(import.meta.dirname, 'output', 'screenshots');
const shoot = Boolean(process.env.CJM_SCREENSHOTS);
const pages = {
  home: '',
  journey: 'journeys/order-groceries/',
  touchpoint: 'journeys/order-groceries/confirmation/confirmation-email/',
};
const widths = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

let server, b;
before(async () => {
  if (shoot) mkdirSync(dir, { recursive: true });
  server = await serve();
  b = await browser();
});
after(async () => {
  await b?.close();
  server?.stop();
});

// screenshot writes the page's picture and checks it holds something.
async function screenshot(page, name, fullPage = true) {
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  assert.ok(statSync(file).size > 10000, `${file} is nearly empty`);
}

for (const [device, viewport] of Object.entries(widths)) {
  test(`${device}: nothing overflows ${viewport.width} px, light or dark`, async () => {
    const context = await b.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const [name, url] of Object.entries(pages)) {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(server.url + url);
      await page.evaluate(() => document.fonts.ready);
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= viewport.width, `${name}, ${scheme}, is ${width}px wide at ${viewport.width}px: something overflows`);
        if (shoot) await screenshot(page, `${name}-${device}-${scheme}`);
      }
    }
    await context.close();
  });
}

test('the example\'s maps alone, as map.svg draws them', { skip: !shoot && 'pictures only: CJM_SCREENSHOTS=1 (make screenshots) writes them' }, async () => {
  const page = await b.newPage();
  for (const name of ['order-groceries', 'card-to-card-transfer']) {
    await page.goto(server.url + `journeys/${name}/map.svg`);
    const size = await page.evaluate(() => ({ width: Math.ceil(document.documentElement.width.baseVal.value), height: Math.ceil(document.documentElement.height.baseVal.value) }));
    await page.setViewportSize(size);
    await screenshot(page, `map-${name}`, false);
  }
  await page.close();
});
