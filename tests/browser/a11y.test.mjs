// axe-core over one page of every kind, in the light and the dark scheme:
// no violation of moderate, serious or critical impact may remain. The light
// run checks every rule; the dark run the rules that read colours, since the
// schemes differ in colours alone. A reader asks for the dark scheme either
// by the system or by the header's toggle on a light system; the toggle's
// dark must paint every element as the system's does, so axe's verdict on
// the one holds for the other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { serve, browser } from './helpers.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// One page of every kind the portal writes.
const pages = {
  home: '',
  personas: 'personas/',
  persona: 'personas/olga-busy-parent/',
  teams: 'teams/',
  team: 'teams/crm/',
  'generated team': 'teams/partner-airline/',
  channels: 'channels/',
  channel: 'channels/web/',
  journeys: 'journeys/',
  journey: 'journeys/order-groceries/',
  'journey in Russian': 'journeys/card-to-card-transfer/',
  compare: 'journeys/order-groceries/-/compare/',
  embed: 'journeys/order-groceries/-/embed/',
  stage: 'journeys/order-groceries/confirmation/',
  touchpoint: 'journeys/order-groceries/confirmation/confirmation-email/',
  page: 'glossary/',
  opportunities: 'opportunities/',
  kpis: 'kpis/',
  kpi: 'kpis/time-to-confirmation-email/',
  benchmark: 'benchmark/',
  competitor: 'competitors/freshmart/',
  history: 'journeys/order-groceries/-/history/',
  data: 'data/',
  gaps: 'gaps/',
  heatmap: 'heatmap/',
  404: 'no/such/page/',
};

let server, b;
before(async () => {
  server = await serve();
  b = await browser();
});
after(async () => {
  await b?.close();
  server?.stop();
});

// violations runs axe on the page and returns its moderate, serious and
// critical violations, one line per element, ready to read in a failure.
// The context loads axe into every page it opens (addInitScript), which
// costs far less than sending its half a megabyte again for each page.
// (Text drawn in the SVG map is beyond axe's contrast check; the map's
// palette is checked by internal/swimlane's TestContrast.)
//
// The dark schemes change colours alone, so their runs check the rules
// that read colours; the light run checks every rule.
const colourRules = ['color-contrast', 'link-in-text-block'];
async function violations(page, rules) {
  const options = { resultTypes: ['violations'], ...(rules && { runOnly: { type: 'rule', values: rules } }) };
  const result = await page.evaluate((o) => window.axe.run(document, o), options);
  return result.violations
    .filter((v) => v.impact !== 'minor')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`));
}

// paint lists the colours of every element (and of an HTML element's
// ::before and ::after), in document order, one line each.
function paint() {
  const props = ['color', 'background-color', 'background-image', 'border-top-color', 'border-right-color', 'border-bottom-color',
    'border-left-color', 'outline-color', 'text-decoration-color', 'box-shadow', 'fill', 'stroke', 'stop-color', 'opacity'];
  const out = [];
  for (const el of document.querySelectorAll('body, body *')) {
    for (const pseudo of el instanceof HTMLElement ? [null, '::before', '::after'] : [null]) {
      const style = getComputedStyle(el, pseudo);
      if (pseudo && style.content === 'none') continue;
      const where = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.classList.length ? '.' + [...el.classList].join('.') : ''}${pseudo ?? ''}`;
      out.push(`${where}: ${props.map((p) => style.getPropertyValue(p)).join(' | ')}`);
    }
  }
  return out;
}

// samePaint fails unless the two pages paint every element alike.
async function samePaint(got, want, what) {
  const [g, w] = await Promise.all([got.evaluate(paint), want.evaluate(paint)]);
  assert.ok(w.length > 20, `${what}: only ${w.length} elements`);
  assert.equal(g.length, w.length, `${what}: ${g.length} elements against ${w.length}`);
  const differ = g.map((line, i) => [line, w[i]]).filter(([a, z]) => a !== z).slice(0, 10);
  assert.deepEqual(differ, [], `${what}: painted otherwise`);
}

const isDark = (page) => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches || document.documentElement.dataset.theme === 'dark');

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
