// Screenshots of the home, journey and touchpoint pages at desktop and
// phone widths, light and dark, written to output/screenshots/ so a person
// can look at them. Each page must also fit its width: nothing but the map
// may scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { serve, browser } from './helpers.mjs';

const dir = path.join(import.meta.dirname, 'output', 'screenshots');
const pages = {
  home: '',
  journey: 'journeys/order-groceries/',
  touchpoint: 'journeys/order-groceries/confirmation/confirmation-email/',
};
const widths = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

let server, b;
before(async () => {
  mkdirSync(dir, { recursive: true });
  server = await serve();
  b = await browser();
});
after(async () => {
  await b?.close();
  server?.stop();
});

for (const [device, viewport] of Object.entries(widths)) {
  for (const scheme of ['light', 'dark']) {
    test(`${device}, ${scheme}`, async () => {
      const context = await b.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
      const page = await context.newPage();
      for (const [name, url] of Object.entries(pages)) {
        await page.goto(server.url + url);
        await page.evaluate(() => document.fonts.ready);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= viewport.width, `${name} is ${width}px wide at ${viewport.width}px: something overflows`);
        const file = path.join(dir, `${name}-${device}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(statSync(file).size > 10000, `${file} is nearly empty`);
      }
      await context.close();
    });
  }
}
