// Shared set-up of the browser tests: a cjm dev server on a free port and
// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// serve starts `cjm serve -port 0` on a site folder and resolves with the
// address it prints, waiting for the line rather than sleeping.
export function serve(source = repo, args = []) {
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

// browser launches Chromium. A launch that crashes before the browser is
// up is tried again, twice: Debian's Chromium now and then dies at start on
// a loaded machine, which says nothing about the pages under test.
export async function browser() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({
        executablePath: process.env.CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
    } catch (e) {
      if (attempt === 3) throw e;
      console.error(`Chromium did not start (attempt ${attempt}): ${e.message.split('\n')[0]}`);
    }
  }
}
