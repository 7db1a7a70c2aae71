// axe-core over one page of every kind, in the light and the dark scheme:
// no violation of moderate, serious or critical impact may remain. The dark scheme is asked
// for both ways a reader can: by the system, and by the header's toggle
// on a light system. The light run checks every rule; the dark runs the
// rules that read colours, since the schemes differ in colours alone.
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

// A subtest for each page, so that the run shows its progress page by page.
for (const scheme of ['light', 'dark', 'dark by toggle']) {
  test(`no accessibility violation, ${scheme}`, async (t) => {
    const context = await b.newContext({ colorScheme: scheme === 'dark' ? 'dark' : 'light' });
    await context.addInitScript({ path: axePath });
    if (scheme === 'dark by toggle') {
      await context.addInitScript(() => localStorage.setItem('cjm-theme', 'dark'));
    }
    const page = await context.newPage();
    for (const [kind, path] of Object.entries(pages)) {
      await t.test(kind, async () => {
        await page.goto(server.url + path);
        const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches || document.documentElement.dataset.theme === 'dark');
        assert.equal(dark, scheme !== 'light', `${kind}: the page is not in the ${scheme} scheme`);
        const found = (await violations(page, scheme === 'light' ? undefined : colourRules)).map((line) => `${kind} (/${path}): ${line}`);
        assert.deepEqual(found, [], `axe found:\n${found.join('\n')}`);
      });
    }
    await context.close();
  });
}

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
