#!/usr/bin/env node
// `npm run check:browser`: /docs and /status rendered in headless Chromium with no network beyond the
// worker. Starts `npm run dev`'s stack (wrangler dev on the repo's local state, the local partners,
// the demo hotel) on free ports, makes some integration traffic (bookings → webhooks, ARI pushes and
// guest email; one webhook endpoint that cannot be reached, so errors show), then checks that /docs
// lists the operations and /status draws its charts, with no console errors, no CSP violation and no
// request to another origin, and writes docs/screenshots/{docs,status}.png. Stops everything it started.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { addDays } from '../bench/seed.mjs';
import { loadDemo } from './dev-demo.mjs';
import { vendorAssets } from './vendor-assets.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps reaching for Google's hosts (closed network here).
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const READY_TIMEOUT_MS = 240_000;
const BOOKINGS = 6;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? '  ok ' : '  FAIL'} ${message}`);
  if (!ok) failures.push(message);
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function adminKeyOf() {
  const line = readFileSync(join(ROOT, '.dev.vars'), 'utf8')
    .split(/\r?\n/)
    .find((l) => /^\s*ADMIN_API_KEY\s*=/.test(l));
  return line
    ?.split('=')
    .slice(1)
    .join('=')
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2');
}

/** `npm run dev` on free ports, in its own process group so that stopping it stops wrangler and workerd. */
async function startDev() {
  const [port, inspector, ota, square, receiver] = await Promise.all(Array.from({ length: 5 }, freePort));
  const env = {
    ...process.env,
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_SEND_METRICS: 'false',
    DEV_OTA_EMULATOR_PORT: String(ota),
    DEV_SQUARE_EMULATOR_PORT: String(square),
    DEV_WEBHOOK_RECEIVER_PORT: String(receiver),
  };
  const args = [join(ROOT, 'scripts', 'dev.mjs'), '--port', String(port), '--inspector-port', String(inspector)];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGINT');
    const stopped = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!stopped) process.kill(-child.pid, 'SIGKILL');
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!output.includes('WeHub Integrations is running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`npm run dev did not come up:\n${output.slice(-4000)}`);
    }
    await sleep(500);
  }
  return { baseUrl: `http://127.0.0.1:${port}`, stop, output: () => output, unusedPort: await freePort() };
}

async function api(baseUrl, adminKey, method, path, body) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'x-api-key': adminKey,
      ...(body ? { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Bookings on the demo hotel: each one a webhook delivery (two endpoints), an ARI push and a guest email. */
async function makeTraffic(baseUrl, adminKey, unusedPort) {
  const demo = loadDemo();
  const unreachable = await api(baseUrl, adminKey, 'POST', '/api/v1/webhook-endpoints', {
    url: `http://127.0.0.1:${unusedPort}/nobody-listens`,
    events: ['reservation.created'],
    hotel_ids: [demo.hotel_id],
    description: 'check:browser: an endpoint nobody answers (errors on the status page)',
  });
  if (unreachable.status !== 201) throw new Error(`creating a webhook endpoint: HTTP ${unreachable.status}`);
  const roomTypes = Object.values(demo.room_types);
  const plans = Object.values(demo.rate_plans);
  let booked = 0;
  for (let i = 0; i < BOOKINGS; i++) {
    const checkIn = addDays(demo.ari_seeded.from, 30 + (((Date.now() / 86_400_000 + i) % 200) | 0));
    const res = await api(baseUrl, adminKey, 'POST', '/api/booking-engine/reservations', {
      hotel_id: demo.hotel_id,
      room_type_id: roomTypes[i % roomTypes.length],
      rate_plan_id: plans[i % plans.length],
      check_in: checkIn,
      check_out: addDays(checkIn, 1),
      adults: 1,
      guest: { first_name: 'Status', last_name: `Check ${i}`, email: `status-check-${i}@example.com` },
    });
    if (res.status === 201) booked++;
  }
  // Queue consumers deliver within a few seconds; the minute cron samples the backlog.
  await sleep(8000);
  await fetch(`${baseUrl}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('* * * * *')}`);
  await sleep(2000);
  return { booked, endpointId: unreachable.json.id };
}

async function openPage(context, url, origin) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (new URL(req.url()).origin === origin) problems.push(`failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, problems, response };
}

async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? []);
}

async function checkDocs(context, baseUrl) {
  const doc = await (await fetch(`${baseUrl}/openapi.json`)).json();
  const operations = Object.values(doc.paths).flatMap((item) => Object.values(item).filter((op) => op?.summary));
  const { page, problems, response } = await openPage(context, `${baseUrl}/docs`, baseUrl);
  check(response.status() === 200, `/docs answers 200 (got ${response.status()})`);
  check(/'self'/.test(response.headers()['content-security-policy'] ?? ''), '/docs sends a same-origin CSP');
  // Scalar renders once it has fetched /openapi.json; the sidebar lists a tag's operations once opened.
  await page.waitForSelector('text=WeHub Integrations API', { timeout: 60_000 });
  const tags = [...new Set(operations.flatMap((op) => op.tags ?? []))];
  for (const tag of tags) {
    const entry = page.getByText(tag, { exact: true }).first();
    if (await entry.isVisible().catch(() => false)) await entry.click().catch(() => undefined);
  }
  await sleep(500);
  const text = await page.evaluate(() => document.body.textContent);
  const missing = operations.filter((op) => !text.includes(op.summary)).map((op) => op.summary);
  const listed = operations.length - missing.length;
  check(
    operations.length > 100 && missing.length === 0,
    `/docs lists every operation (${listed} of ${operations.length} summaries in the DOM) ${missing.slice(0, 5).join('; ')}`,
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'docs.png') });
  const violations = await cspViolations(page);
  check(violations.length === 0, `/docs: no CSP violation ${violations.join('; ')}`);
  check(problems.length === 0, `/docs: no console errors ${problems.join('; ')}`);
  await page.close();
}

async function checkStatus(context, baseUrl, adminKey) {
  const byHeader = await fetch(`${baseUrl}/status`, { headers: { 'x-api-key': adminKey } });
  check(byHeader.status === 200, `/status with the admin key answers 200 (got ${byHeader.status})`);
  const anonymous = await fetch(`${baseUrl}/status`);
  check(anonymous.status === 401, `/status without a credential answers 401 (got ${anonymous.status})`);
  const link = await api(baseUrl, adminKey, 'POST', '/api/v1/status-links', { expires_in_seconds: 600 });
  check(link.status === 201, `POST /api/v1/status-links answers 201 (got ${link.status})`);
  // The link as an operator would get it, opened without any credential.
  const url = new URL(link.json.url);
  const { page, problems, response } = await openPage(context, `${baseUrl}${url.pathname}${url.search}`, baseUrl);
  check(response.status() === 200, `signed /status link answers 200 (got ${response.status()})`);
  await page.waitForSelector('#status[data-ready]', { timeout: 60_000 });
  check((await page.getAttribute('#status', 'data-ready')) === 'true', '/status loaded its data');
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll('figure.chart')].map((figure) => {
      const canvas = figure.querySelector('canvas');
      let drawn = 0;
      if (canvas) {
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) drawn++;
      }
      return { title: figure.querySelector('figcaption')?.textContent, drawn };
    }),
  );
  check(charts.length === 4, `/status has 4 charts (${charts.map((c) => c.title).join(', ')})`);
  for (const chart of charts) check(chart.drawn > 500, `chart "${chart.title}" is drawn (${chart.drawn} pixels)`);
  const rows = await page.$$eval('#health tbody tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ')));
  check(rows.length > 0, `/status health table: ${rows.length} rows`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'status.png'), fullPage: true });
  const violations = await cspViolations(page);
  check(violations.length === 0, `/status: no CSP violation ${violations.join('; ')}`);
  check(problems.length === 0, `/status: no console errors ${problems.join('; ')}`);
  const html = await page.content();
  check(!html.includes(adminKey), '/status: the admin key is nowhere in the page');
  await page.close();
}

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  vendorAssets();
  console.log('[check:browser] starting npm run dev on free ports…');
  const dev = await startDev();
  let browser;
  try {
    const adminKey = adminKeyOf();
    if (!adminKey) throw new Error('no ADMIN_API_KEY in .dev.vars');
    console.log('[check:browser] making integration traffic…');
    const traffic = await makeTraffic(dev.baseUrl, adminKey, dev.unusedPort);
    console.log(`[check:browser] ${traffic.booked} bookings made`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const blocked = [];
    // Nothing but the worker: any other request is refused and reported.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === dev.baseUrl) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await checkDocs(context, dev.baseUrl);
    await checkStatus(context, dev.baseUrl, adminKey);
    check(blocked.length === 0, `no request left the worker's origin ${blocked.join(', ')}`);
    await api(dev.baseUrl, adminKey, 'DELETE', `/api/v1/webhook-endpoints/${traffic.endpointId}`);
  } finally {
    await browser?.close();
    await dev.stop();
  }
  if (failures.length > 0) {
    console.error(`[check:browser] ${failures.length} check(s) failed`);
    process.exit(1);
  }
  console.log(`[check:browser] all checks passed; screenshots in ${SCREENSHOTS}`);
}

main().catch((err) => {
  console.error(`[check:browser] ${err.stack ?? err.message}`);
  process.exit(1);
});
