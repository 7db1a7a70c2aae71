// What run.sh shares between the test files of a run: one Chromium (a
// playwright-core browser server the tests connect to) and one `cjm serve`
// of the example portal, which the tests only read. It prints
//
//	CJM_BROWSER_WS=ws://...
//	CJM_EXAMPLE_URL=http://127.0.0.1:.../
//
// and then keeps both until its standard input closes or it is stopped.
import { chromium } from 'playwright-core';
import { serve, launchOptions, retried } from './helpers.mjs';

const [served, launched] = await Promise.allSettled([serve(), retried(() => chromium.launchServer(launchOptions()))]);
if (served.status === 'fulfilled') process.on('exit', () => served.value.stop());
for (const r of [served, launched]) {
  if (r.status === 'rejected') {
    console.error(r.reason);
    process.exit(1);
  }
}
const server = served.value, chrome = launched.value;
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await chrome.close().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.stdout.write(`CJM_BROWSER_WS=${chrome.wsEndpoint()}\nCJM_EXAMPLE_URL=${server.url}\n`);
