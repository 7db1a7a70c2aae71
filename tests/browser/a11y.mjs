// What the accessibility tests share (a11y.test.mjs, home.test.mjs): one
// page of every kind, axe's verdict on a page, and the colours a page
// paints.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

export const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// One page of every kind the portal writes.
export const pages = {
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

// violations runs axe on the page (or on the part of it that within
// names, an axe context) and returns its moderate, serious and critical
// violations, one line per element, ready to read in a failure. axe must
// be loaded: a context that loads it into every page it opens
// (addInitScript) costs far less than sending its half a megabyte again
// for each page.
// (Text drawn in the SVG map is beyond axe's contrast check; the map's
// palette is checked by internal/swimlane's TestContrast.)
//
// The dark schemes change colours alone, so their runs check the rules
// that read colours; the light run checks every rule.
export const colourRules = ['color-contrast', 'link-in-text-block'];
export async function violations(page, rules, within) {
  const options = { resultTypes: ['violations'], ...(rules && { runOnly: { type: 'rule', values: rules } }) };
  const result = await page.evaluate(([w, o]) => window.axe.run(w ?? document, o), [within, options]);
  return result.violations
    .filter((v) => v.impact !== 'minor')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`));
}

// paint lists the colours of every element (and of an HTML element's
// ::before and ::after), in document order, one line each.
export function paint() {
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

// samePaint fails unless two pages painted every element alike: got and
// want are what paint returned on each.
export function samePaint(got, want, what) {
  assert.ok(want.length > 20, `${what}: only ${want.length} elements`);
  assert.equal(got.length, want.length, `${what}: ${got.length} elements against ${want.length}`);
  const differ = got.map((line, i) => [line, want[i]]).filter(([a, z]) => a !== z).slice(0, 10);
  assert.deepEqual(differ, [], `${what}: painted otherwise`);
}

export const isDark = (page) => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches || document.documentElement.dataset.theme === 'dark');
