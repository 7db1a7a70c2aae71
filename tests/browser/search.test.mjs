// Search in the browser: "/" focuses the box, Russian and Polish are found
// as people type them, results are grouped by kind and opened by keyboard,
// and the results link under the site's base path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser } from './helpers.mjs';

let server, sub, b, page;
before(async () => {
  server = await serve();
  b = await browser();
  page = await b.newPage();
  page.setDefaultTimeout(10000);
});
after(async () => {
  await b?.close();
  server?.stop();
  sub?.stop();
});

const box = '#search_input';
const options = '#search_results [role="option"]';

// query clears the box, types q and waits for the results to show it.
async function query(q) {
  await page.fill(box, '');
  await page.type(box, q);
  await page.waitForFunction((q) => {
    const s = document.querySelector('#search_results');
    return !s.hidden && s.dataset.query === q;
  }, q);
  return page.$$eval(options, (os) => os.map((o) => ({
    title: o.querySelector('.search-title').textContent,
    context: o.querySelector('.search-context')?.textContent || '',
    kind: o.closest('[role="group"]').querySelector('.search-kind').firstChild.textContent.trim(),
    snippet: o.querySelector('.search-snippet')?.textContent || '',
    marked: Array.from(o.querySelectorAll('.search-snippet mark'), (m) => m.textContent),
    href: o.getAttribute('href'),
  })));
}

test('"/" focuses the search box, which the script shows', async () => {
  await page.goto(server.url);
  assert.equal(await page.locator('form.search').isVisible(), true);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search_input');
  // In the box, "/" is a character like any other.
  await page.keyboard.type('a/b');
  assert.equal(await page.inputValue(box), 'a/b');
});

test('the page normalises text as the build does', async () => {
  await page.goto(server.url);
  const got = await page.evaluate(() => ['Ёлка', 'Łódź', 'Zażółć gęślą jaźń', 'ÉTÉ', 'Ещё  раз:\tSMS-код!', 'Straße', 'check-in, 15 000 ₽'].map(window.cjmSearch.normalize));
  // The same table as TestNormalizeSearch in internal/render/search_test.go.
  assert.deepEqual(got, ['елка', 'lodz', 'zazolc gesla jazn', 'ete', 'еще раз sms код', 'strasse', 'check in 15 000']);
});

test('Russian: a word begun finds the touchpoint, grouped under its kind', async () => {
  await page.goto(server.url);
  await page.focus(box);
  const results = await query('подтверж');
  const tp = results.find((r) => r.title === 'Подтверждение перевода (все шаги)');
  assert.ok(tp, `no touchpoint in ${JSON.stringify(results)}`);
  assert.equal(tp.kind, 'Touchpoints');
  assert.equal(tp.context, 'Перевод с карты на карту в мобильном банке › Подтверждение перевода');
  const kinds = await page.$$eval('#search_results .search-kind', (hs) => hs.map((h) => h.firstChild.textContent.trim()));
  assert.ok(kinds.includes('Stages') && kinds.includes('Touchpoints'), `kind headings: ${kinds}`);
  assert.equal(new Set(kinds).size, kinds.length, 'each kind once');
  assert.match(await page.getAttribute(box, 'aria-expanded'), /true/);
});

test('Russian: е finds ё, in a touchpoint\'s questions', async () => {
  const results = await query('ввел пароль');
  assert.ok(results.some((r) => r.title === 'SMS-код при входе'), JSON.stringify(results));
});

test('Polish typed without Polish letters is found', async () => {
  let results = await query('samoobslugowe bagazu');
  assert.deepEqual(results.map((r) => r.title), ['Samoobsługowe nadanie bagażu w kiosku']);
  results = await query('WYBOR miejsc');
  assert.equal(results[0].title, 'Wybór miejsca');
  results = await query('odprawa');
  assert.ok(results.filter((r) => /^Odprawa/.test(r.title)).length >= 2, JSON.stringify(results));
});

test('title matches rank above body matches, which show a snippet around the word found', async () => {
  await page.goto(server.url);
  await page.focus(box);
  const results = await query('confirmation');
  const touchpoints = results.filter((r) => r.kind === 'Touchpoints');
  const firstBody = touchpoints.findIndex((r) => !/confirmation/i.test(r.title));
  assert.ok(firstBody > 0, `no touchpoint found by its title first: ${JSON.stringify(touchpoints)}`);
  assert.ok(touchpoints.slice(firstBody).every((r) => !/confirmation/i.test(r.title)), `a title match below a body match: ${JSON.stringify(touchpoints)}`);
  for (const r of touchpoints) {
    if (/confirmation/i.test(r.title)) {
      assert.equal(r.snippet, '', `${r.title}: a title match needs no snippet`);
    } else {
      assert.match(r.snippet, /confirmation/i, `${r.title}: no snippet around the word`);
      assert.ok(r.marked.some((m) => /^confirmation/i.test(m)), `${r.title}: the word is not marked in ${r.snippet}`);
      assert.ok(r.snippet.length < 200, `${r.title}: a snippet of ${r.snippet.length} characters`);
    }
  }
});

test('a snippet is cut between words around the first word found, however it is written', async () => {
  await page.goto(server.url);
  await page.evaluate(() => window.cjmSearch.load());
  const text = 'Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu Zażółć nu xi omicron pi rho sigma tau upsilon phi chi psi omega and more words to follow here until the end of it all, far away from the start of the text.';
  const got = await page.evaluate((t) => [window.cjmSearch.snippet(t, 'zazolc'), window.cjmSearch.snippet(t, 'alp'), window.cjmSearch.snippet(t, 'nothing')], text);
  assert.match(got[0], /^… .*Zażółć nu xi/);
  assert.ok(!got[0].includes('Alpha'), got[0]);
  assert.match(got[1], /^Alpha beta .* …$/);
  assert.equal(got[2], '');
});

test('nothing found says so', async () => {
  await query('zzqx');
  assert.equal(await page.locator(options).count(), 0);
  assert.equal(await page.locator('#search_results .search-none').innerText(), 'Nothing found');
  await page.waitForFunction(() => document.querySelector('#search_status').textContent === 'Nothing found');
});

test('Escape closes the results, then clears the box', async () => {
  await query('odprawa');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#search_results').isHidden(), true);
  assert.equal(await page.getAttribute(box, 'aria-expanded'), 'false');
  assert.equal(await page.inputValue(box), 'odprawa');
  await page.keyboard.press('Escape');
  assert.equal(await page.inputValue(box), '');
});

test('ArrowDown and Enter open a result', async () => {
  await page.goto(server.url);
  await page.keyboard.press('/');
  await query('odprawa w aplikacji');
  await page.keyboard.press('ArrowDown');
  const active = await page.getAttribute(box, 'aria-activedescendant');
  assert.ok(active, 'a result is chosen');
  const { href, title } = await page.$eval(`#${active}`, (o) => ({ href: o.href, title: o.querySelector('.search-title').textContent }));
  assert.equal(title, 'Odprawa w aplikacji');
  await page.keyboard.press('Enter');
  await page.waitForURL(href);
  assert.equal(await page.locator('h1').first().innerText(), title);
});

test('ArrowDown moves through results, across kinds, and wraps', async () => {
  await page.keyboard.press('/');
  const results = await query('odprawa');
  const seen = [];
  for (let i = 0; i <= results.length; i++) {
    await page.keyboard.press('ArrowDown');
    seen.push(await page.$eval(`#${await page.getAttribute(box, 'aria-activedescendant')}`, (o) => o.getAttribute('href')));
  }
  assert.deepEqual(seen, [...results.map((r) => r.href), results[0].href]);
  await page.keyboard.press('ArrowUp'); // from the first to the last
  assert.equal(await page.$eval('[role="option"].is-active', (o) => o.getAttribute('href')), results.at(-1).href);
});

test('under a sub-path, results link under it', async () => {
  sub = await serve(undefined, ['-base-url', '/deep/cjm/']);
  assert.match(sub.url, /\/deep\/cjm\/$/);
  await page.goto(sub.url + 'journeys/');
  await page.keyboard.press('/');
  const results = await query('wybor');
  assert.ok(results[0].href.startsWith('/deep/cjm/journeys/'), results[0].href);
  await page.keyboard.press('Enter'); // no result chosen: the first one opens
  await page.waitForURL(new URL(results[0].href, sub.url).href);
  assert.equal(await page.locator('h1').first().innerText(), 'Wybór miejsca');
});
