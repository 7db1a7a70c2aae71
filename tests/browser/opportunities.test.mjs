// The opportunities board in a browser: the impact × effort matrix, and
// filters by team, journey, status and overdue whose state is the page's
// URL, so that a reload or a shared link shows the same board; without
// script, the full list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser } from './helpers.mjs';

let server, b, page;
before(async () => {
  server = await serve();
  b = await browser();
  page = await b.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(10000);
});
after(async () => {
  await b?.close();
  server?.stop();
});

const visibleRows = () => page.evaluate(() => [...document.querySelectorAll('.opp-table tbody tr')].filter((r) => !r.hidden).map((r) => r.dataset));
const visibleChips = () => page.locator('[data-opp-matrix] li:not([hidden])').count();

test('the matrix places each scored opportunity in its cell, a link to its row', async () => {
  await page.goto(server.url + 'opportunities/');
  for (const q of ['Quick wins', 'Big bets', 'Fill-ins', 'Money pits']) {
    assert.ok(await page.getByText(q, { exact: true }).isVisible(), q);
  }
  const chip = page.locator('.matrix-cell[data-impact="5"][data-effort="2"] a.opp-chip').first();
  const href = await chip.getAttribute('href');
  assert.match(href, /^#opp-\d+$/);
  await chip.click();
  assert.ok(await page.locator(href + ':target').isVisible(), 'the row is the target');
  assert.equal(await page.locator(href + ' td[data-label="Impact"]').innerText(), '5');
});

test('filters narrow the table and the matrix, and live in the URL through a reload', async () => {
  await page.goto(server.url + 'opportunities/');
  const all = (await visibleRows()).length;
  assert.ok(all > 20);
  await page.selectOption('select[name=team]', 'crm');
  await page.selectOption('select[name=status]', 'planned');
  let rows = await visibleRows();
  assert.ok(rows.length > 0 && rows.length < all);
  assert.ok(rows.every((r) => r.team === 'crm' && r.status === 'planned'));
  assert.equal(new URL(page.url()).search, '?team=crm&status=planned');
  assert.match(await page.locator('[data-opp-count]').innerText(), new RegExp(`^${rows.length} / ${all}$`));

  await page.reload();
  assert.equal(await page.locator('select[name=team]').inputValue(), 'crm');
  assert.equal(await page.locator('select[name=status]').inputValue(), 'planned');
  assert.deepEqual(await visibleRows(), rows);

  await page.goto(server.url + 'opportunities/?journey=order-groceries&overdue=1');
  rows = await visibleRows();
  assert.ok(rows.length >= 1);
  assert.ok(rows.every((r) => r.journey === 'order-groceries' && r.overdue === 'true'));
  assert.ok(await page.locator('input[name=overdue]').isChecked());
  assert.ok(await visibleChips() <= rows.length);

  await page.getByText('Show all').click();
  assert.equal(new URL(page.url()).search, '');
  assert.equal((await visibleRows()).length, all);
});

test('without script the board is the full list, and the filters are not offered', async () => {
  const ctx = await b.newContext({ javaScriptEnabled: false });
  const p = await ctx.newPage();
  await p.goto(server.url + 'opportunities/?team=crm');
  assert.ok(!(await p.locator('form[data-opp-filters]').isVisible()));
  const rows = await p.locator('.opp-table tbody tr').count();
  assert.ok(rows > 20);
  assert.equal(await p.locator('.opp-table tbody tr:visible').count(), rows);
  await ctx.close();
});
