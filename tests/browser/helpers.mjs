// Shared set-up of the browser tests: a cjm dev server on a free port and
// Debian's Chromium driven by playwright-core (never a downloaded browser).
//
// run.sh starts one Chromium and one `cjm serve` of the example portal
// for the whole run (shared.mjs) and passes them on in CJM_BROWSER_WS and
// CJM_EXAMPLE_URL: browser() then connects to that Chromium, and serve()
// of the example returns that server. Each test still opens contexts of
// its own. Run alone (node --test x.test.mjs), a file starts its own.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// serve starts `cjm serve -port 0` on a site folder and resolves with the
// address it prints, waiting for the line rather than sleeping. The example
// portal without arguments is the run's shared server where there is one,
// which only reading tests ask for; stopping it is then left to run.sh.
export function serve(source = repo, args = []) {
  if (source === repo && args.length === 0 && process.env.CJM_EXAMPLE_URL) {
    return Promise.resolve({ url: process.env.CJM_EXAMPLE_URL, stop: () => {} });
  }
  const proc = spawn(process.env.CJM, ['serve', '-source', source, '-port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/\S*)/);
      if (m) resolve({ url: m[1], stop: () => proc.kill() });
    });
    proc.on('exit', (code) => reject(new Error(`cjm serve exited with ${code}: ${err}`)));
  });
}

export const launchOptions = () => ({
  executablePath: process.env.CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// retried runs start, a Chromium launch, again when it fails, twice:
// Debian's Chromium now and then dies at start on a loaded machine, which
// says nothing about the pages under test.
export async function retried(start) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (e) {
      if (attempt === 3) throw e;
      console.error(`Chromium did not start (attempt ${attempt}): ${e.message.split('\n')[0]}`);
    }
  }
}

// browser connects to the run's shared Chromium, or launches one of its
// own. Closing what it returns closes the contexts opened through it.
export async function browser() {
  if (process.env.CJM_BROWSER_WS) return chromium.connect(process.env.CJM_BROWSER_WS);
  return retried(() => chromium.launch(launchOptions()));
}
