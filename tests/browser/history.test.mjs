// A journey's history page: a portal committed over months, two dates
// picked in the lists, the chart and the differences following them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, browser } from './helpers.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cjm-history-'));
const git = (args, date, author = 'Anna Admin') => execFileSync('git', ['-C', dir, '-c', `user.name=${author}`, '-c', 'user.email=a@example.com', '-c', 'commit.gpgsign=false', ...args], {
  env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
});
const write = (file, text) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};
const commit = (date, author, message) => { git(['add', '-A']); git(['commit', '-q', '-m', message], date, author); };

let server, b, page;
before(async () => {
  git(['init', '-q', '-b', 'main']);
  write('content/_index.md', '---\ntitle: History portal\n---\n');
  write('content/personas/anna.md', '---\ntitle: Anna\n---\n');
  write('content/personas/boris.md', '---\ntitle: Boris\n---\n');
  write('content/journeys/order/_index.md', '---\ntitle: Order\npersonas: [anna, boris]\n---\n');
  write('content/journeys/order/01-buy/_index.md', '---\ntitle: Buy\n---\n');
  write('content/journeys/order/02-pay/_index.md', '---\ntitle: Pay\n---\n');
  write('content/journeys/order/01-buy/cart.md', '---\ntitle: Cart\nemotion: -1\n---\n');
  write('content/journeys/order/02-pay/card.md', '---\ntitle: Card\nemotion: 0\n---\n');
  commit('2026-02-01T10:00:00Z', 'Anna Admin', 'Map the order journey');
  write('content/journeys/order/01-buy/cart.md', '---\ntitle: Cart\nemotion: {anna: 1, boris: -2}\n---\n');
  commit('2026-04-15T10:00:00Z', 'Boris Builder', 'Cart after the interviews');
  renameSync(path.join(dir, 'content/journeys/order/02-pay/card.md'), path.join(dir, 'content/journeys/order/01-buy/card.md'));
  write('content/journeys/order/02-pay/wallet.md', '---\ntitle: Wallet\nemotion: 2\n---\n');
  commit('2026-06-03T10:00:00Z', 'Chloé <b>Martin</b>', 'Card moves to Buy <script>alert(1)</script>');
  server = await serve(dir);
  b = await browser();
  page = await b.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10000);
});
after(async () => {
  await b?.close();
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const differences = async () => (await page.locator('.history-diff li').allInnerTexts()).map((s) => s.trim());
const shown = async () => page.evaluate(() => {
  const svg = document.querySelector('svg.cjm-history-curves');
  const of = (cls) => [...svg.querySelectorAll('.h-curve.' + cls)].map((g) => g.dataset.curve);
  return { from: of('from'), to: of('to'), visible: [...svg.querySelectorAll('.h-curve')].filter((g) => getComputedStyle(g).display !== 'none').length };
});

test('the history page lists the commits, newest first, escaped', async () => {
  await page.goto(server.url + 'journeys/order/-/history/');
  const heads = await page.locator('.timeline-head').allInnerTexts();
  assert.equal(heads.length, 3);
  assert.match(heads[0], /3 June 2026 · Chloé bMartin\/b/);
  assert.match(heads[2], /1 February 2026 · Anna Admin/);
  assert.match(await page.locator('.timeline-subject').first().innerText(), /Card moves to Buy <script>alert\(1\)<\/script>/);
  assert.equal(await page.locator('main script').count(), 0, 'no script came from a commit message');
});

test('any two dates compare: the oldest against the newest first, then the two picked', async () => {
  await page.goto(server.url + 'journeys/order/-/history/');
  const from = page.locator('select[name=from]'), to = page.locator('select[name=to]');
  assert.ok(await from.isVisible(), 'the lists show where the script runs');
  assert.equal(await from.inputValue(), '2');
  assert.equal(await to.inputValue(), '0');
  let diff = await differences();
  assert.ok(diff.includes('“Cart”: emotion for Anna -1 → +1'), diff.join('\n'));
  assert.ok(diff.includes('“Cart”: emotion for Boris -1 → -2'), diff.join('\n'));
  assert.ok(diff.includes('Touchpoint “Card” moved from stage “Pay” to “Buy”'), diff.join('\n'));
  assert.ok(diff.includes('Touchpoint “Wallet” added to stage “Pay”'), diff.join('\n'));
  let s = await shown();
  assert.equal(s.visible, 2, 'two curves drawn');

  // The first commit against the second: only the cart's feelings moved.
  await to.selectOption('1');
  diff = await differences();
  assert.deepEqual(diff, ['“Cart”: emotion for Anna -1 → +1', '“Cart”: emotion for Boris -1 → -2']);
  s = await shown();
  assert.notDeepEqual(s.from, s.to);
  assert.equal(await page.locator('svg.cjm-history-curves .h-to-label').first().textContent(), '15 April 2026 · Boris Builder');

  // The same commit twice: nothing differs, one curve.
  await from.selectOption('1');
  assert.deepEqual(await differences(), ['No touchpoint or emotion differs.']);
  assert.equal((await shown()).visible, 1);
});

test('every page says when it last changed, and by whom', async () => {
  await page.goto(server.url + 'journeys/order/buy/card/');
  assert.match(await page.locator('.page-updated').innerText(), /Updated 3 June 2026 by Chloé bMartin\/b/);
  assert.match(await page.locator('.as-of').innerText(), /^As of \d+ \w+ \d{4}$/);
  await page.locator('.page-updated a').click();
  await page.waitForURL(/\/-\/history\/$/);
});
