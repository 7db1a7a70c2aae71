// screenshot.mjs writes docs/images/map.png, the README's picture: the example
// portal's grocery map at 1440 × 900, cropped to the map, in Debian's
// Chromium (never a downloaded browser). Run it from the repository's root
// after `cd tests/browser && npm ci`:
//
//	go run ./cmd/cjm build -out /tmp/cjm-shot
//	node tests/browser/screenshot.mjs /tmp/cjm-shot
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { repo } from './helpers.mjs';

const root = path.resolve(process.argv[2] || '/tmp/cjm-shot');
const types = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json', '.woff2': 'font/woff2' };
const server = http.createServer((req, res) => {
  let p = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!p.startsWith(root)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, 'index.html');
  if (!fs.existsSync(p)) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': types[path.extname(p)] || 'application/octet-stream' });
  fs.createReadStream(p).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const [scheme, file] of [['light', 'map.png']]) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
    await page.goto(`${base}/journeys/order-groceries/`, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    const viewer = page.locator('.map-viewer').first();
    await viewer.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const out = path.join(repo, 'docs/images', file);
    await viewer.screenshot({ path: out });
    console.log(`${out}: ${fs.statSync(out).size} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
