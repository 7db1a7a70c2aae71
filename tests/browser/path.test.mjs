// A person's path through the portal, by clicking: home → journey → a
// touchpoint in the map → its owner team, and back to the persona.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser } from './helpers.mjs';

let server, b, page;
before(async () => {
  server = await serve();
  b = await browser();
  page = await b.newPage();
  page.setDefaultTimeout(10000);
});
after(async () => {
  await b?.close();
  server?.stop();
});

test('home lists the journeys and links to them', async () => {
  await page.goto(server.url);
  assert.match(await page.title(), /Acme/);
  await page.click('main a[href$="/journeys/order-groceries/"]');
  await page.waitForURL(/\/journeys\/order-groceries\/$/);
  assert.match(await page.locator('h1').first().innerText(), /grocer/i);
});

test('a card of the map opens the touchpoint, which links to its owner', async () => {
  await page.goto(server.url + 'journeys/order-groceries/');
  await page.locator('svg.cjm-map a:has(.card-cell)[href$="/confirmation-email/"]').first().click();
  await page.waitForURL(/\/confirmation\/confirmation-email\/$/);
  assert.match(await page.locator('h1').first().innerText(), /Confirmation email/);
  await page.locator('main a[href$="/teams/crm/"]').first().click();
  await page.waitForURL(/\/teams\/crm\/$/);
  // The team page lists the touchpoint it owns: the link goes both ways.
  assert.ok(await page.locator('main a[href$="/confirmation-email/"]').count() > 0);
});

test('the map is also a table, stages across, for screen readers', async () => {
  await page.goto(server.url + 'journeys/order-groceries/');
  await page.locator('details.map-as-table > summary').click();
  const table = page.locator('details.map-as-table table');
  assert.ok(await table.locator('th[scope=col]').count() >= 7, 'stages are column headers');
  assert.ok(await table.locator('th[scope=row]').count() >= 5, 'lanes are row headers');
  await table.locator('a[href$="/confirmation-email/"]').first().click();
  await page.waitForURL(/\/confirmation-email\/$/);
});

test('a persona links to its journeys and back', async () => {
  await page.goto(server.url + 'personas/olga-busy-parent/');
  await page.locator('main a[href$="/journeys/order-groceries/"]').first().click();
  await page.waitForURL(/\/journeys\/order-groceries\/$/);
  assert.ok(await page.locator('main a[href$="/personas/olga-busy-parent/"]').count() > 0);
});

test('an unknown address shows the 404 page with working links', async () => {
  const res = await page.goto(server.url + 'no/such/page/');
  assert.equal(res.status(), 404);
  await page.locator('a[href$="/journeys/"]').first().click();
  await page.waitForURL(/\/journeys\/$/);
});
