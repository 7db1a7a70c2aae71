// Live reload in the browser: an open page reloads by itself after a save,
// shows the build's errors over the last good page, and clears them when
// the file is fixed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, browser } from './helpers.mjs';

const site = mkdtempSync(path.join(tmpdir(), 'cjm-live-'));
const write = (name, text) => {
  mkdirSync(path.dirname(path.join(site, name)), { recursive: true });
  writeFileSync(path.join(site, name), text);
};
const tp = 'content/journeys/order/01-buy/pay.md';

let server, b, page;
before(async () => {
  write('content/_index.md', '---\ntitle: Live portal\n---\n');
  write('content/personas/olga.md', '---\ntitle: Olga\n---\n');
  write('content/journeys/order/_index.md', '---\ntitle: Order\npersonas: olga\n---\n');
  write('content/journeys/order/01-buy/_index.md', '---\ntitle: Buy\n---\n');
  write(tp, '---\ntitle: Pay by card\nemotion: 1\n---\n');
  server = await serve(site);
  b = await browser();
  page = await b.newPage();
  page.setDefaultTimeout(15000);
});
after(async () => {
  await b?.close();
  server?.stop();
  rmSync(site, { recursive: true, force: true });
});

// connected resolves once the page's live script has had the server's hello.
async function connected() {
  await page.waitForFunction(() => document.documentElement.dataset.cjmLive === 'listening');
}

test('the open page reloads by itself after a save', async () => {
  await page.goto(server.url + 'journeys/order/buy/pay/');
  assert.equal(await page.locator('h1').innerText(), 'Pay by card');
  await connected();
  write(tp, '---\ntitle: Pay with a phone\nemotion: 1\n---\n');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Pay with a phone');
});

test('a broken file shows its errors over the last good page; fixing it reloads', async () => {
  await connected();
  write(tp, '---\ntitle: [unclosed\n---\n');
  const overlay = page.getByRole('alert');
  await overlay.waitFor();
  const text = await overlay.innerText();
  assert.match(text, /content\/journeys\/order\/01-buy\/pay\.md:2/);
  assert.match(text, /YAML/);
  assert.equal(await page.locator('h1').innerText(), 'Pay with a phone', 'the last good page stays under the overlay');

  write(tp, '---\ntitle: Pay in one tap\nemotion: 2\n---\n');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Pay in one tap');
  assert.equal(await page.getByRole('alert').count(), 0, 'the overlay is gone after the fix');
});
