#!/usr/bin/env node
// `npm run dev [-- <wrangler dev args>]`: local D1 migrated, `wrangler dev` running, and a demo hotel
// seeded through the public HTTP API (so the seed goes through the same validation a client does),
// and a local webhook receiver (./webhook-receiver.mjs) subscribed to the demo hotel's events, so
// deliveries are printed here. Plain Node ESM; it needs nothing but `npm install`.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi, isRouteMissing } from '../bench/api.mjs';
import { zonedDate } from '../bench/seed.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const DEMO_FILE = join(ROOT, '.wrangler', 'demo.json');
const DEFAULT_PORT = 8787;
const HEALTH_TIMEOUT_MS = 90_000;

const DEMO_HOTEL = {
  name: 'WeHub Demo Hotel',
  timezone: 'Europe/Vienna',
  currency: 'EUR',
  address: { line1: 'Opernring 2', city: 'Vienna', postal_code: '1010', country: 'AT' },
  amenities: ['wifi', 'breakfast', 'spa'],
  policies: { check_in_time: '15:00', check_out_time: '11:00', pets: 'Small dogs on request' },
};
// Nightly prices in minor units per room type code and rate plan code.
const DEMO_ROOM_TYPES = [
  {
    body: {
      code: 'DBL',
      name: 'Classic Double',
      description: 'A quiet double room facing the courtyard.',
      max_adults: 2,
      max_children: 1,
      max_occupancy: 3,
      amenities: ['minibar', 'rain shower'],
      images: [],
    },
    prices: { FLEX: 16500, NREF: 13000 },
  },
  {
    body: {
      code: 'TWN',
      name: 'Superior Twin',
      description: 'Two single beds and a view of the Ring.',
      max_adults: 2,
      max_children: 0,
      max_occupancy: 2,
      amenities: ['minibar'],
      images: [],
    },
    prices: { FLEX: 18500, NREF: 15000 },
  },
  {
    body: {
      code: 'STE',
      name: 'Junior Suite',
      description: 'A suite with a separate living area.',
      max_adults: 3,
      max_children: 2,
      max_occupancy: 4,
      amenities: ['minibar', 'bathtub', 'espresso machine'],
      images: [],
    },
    prices: { FLEX: 28500, NREF: 23000 },
  },
];
// Each plan's terms are what its name says: FLEX cancels free until 48 h before arrival (then the
// first night) and includes breakfast; NREF is room only and charges the whole stay from booking.
const DEMO_RATE_PLANS = [
  {
    code: 'FLEX',
    name: 'Flexible, breakfast included',
    meal_plan: 'breakfast',
    cancellation_policy: { free_until_hours: 48, penalty: { type: 'first_night' } },
  },
  {
    code: 'NREF',
    name: 'Non-refundable, room only',
    meal_plan: 'room_only',
    cancellation_policy: { free_until_hours: null, penalty: { type: 'full_stay' } },
  },
];
const DEMO_KEY = {
  name: 'Demo booking widget',
  // A widget books and manages its own bookings; reading every reservation is the hotel's (reservations:read).
  scopes: ['hotels:read', 'availability:read', 'reservations:write'],
  allowed_origins: ['http://localhost:3000', 'http://localhost:5173'],
};
const DEMO_WEBHOOK = {
  events: ['*'],
  description: 'npm run dev: the local webhook receiver (scripts/webhook-receiver.mjs)',
};
const ARI_DAYS = 365;
const ARI_INVENTORY = 5;

class SeedError extends Error {}

/** The wrangler flags this script needs to know about; everything is passed on to `wrangler dev` as given. */
function parseArgs(args) {
  const found = { port: undefined, ip: undefined, vars: {}, shared: [] };
  // Flags that select which config, environment and local state `wrangler d1 migrations apply` must use too.
  const sharedFlags = new Set(['--config', '-c', '--env', '-e', '--persist-to', '--cwd']);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--port') found.port = Number(value());
    else if (flag === '--ip') found.ip = value();
    else if (flag === '--var') {
      // yargs array option: `--var A:1 B:2` takes every following word up to the next flag.
      const values = inline !== undefined ? [inline] : [];
      while (inline === undefined && i + 1 < args.length && !args[i + 1].startsWith('-')) values.push(args[++i]);
      for (const pair of values) {
        const colon = pair.indexOf(':');
        if (colon > 0) found.vars[pair.slice(0, colon)] = pair.slice(colon + 1);
      }
    } else if (sharedFlags.has(flag)) {
      const v = value();
      found.shared.push(flag, v);
    }
  }
  return found;
}

function readDevVars(file) {
  if (!existsSync(file)) return {};
  const vars = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    vars[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return vars;
}

function portIsFree(port, host) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host }, () => server.close(() => resolve(true)));
  });
}

function run(args, stdio) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, stdio });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForHealth(baseUrl, child) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  return false;
}

function expectOk(res, status, what) {
  if (res.status === status) return res.json;
  const hint = isRouteMissing(res.status, res.json) ? ' (that endpoint does not exist yet)' : '';
  throw new SeedError(
    `${what}: expected HTTP ${status}, got ${res.status}${hint}: ${res.json?.detail ?? res.text.slice(0, 300)}`,
  );
}

function loadDemo() {
  try {
    return JSON.parse(readFileSync(DEMO_FILE, 'utf8'));
  } catch {
    return {};
  }
}

function saveDemo(state) {
  mkdirSync(dirname(DEMO_FILE), { recursive: true });
  writeFileSync(DEMO_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

/** A demo plan seeded by an older version of this script gets the terms its name promises. */
async function alignTerms(call, path, plan) {
  const current = expectOk(await call('GET', path), 200, `Checking rate plan ${plan.code}`);
  const terms = { meal_plan: plan.meal_plan, cancellation_policy: plan.cancellation_policy };
  const same =
    current.meal_plan === terms.meal_plan &&
    JSON.stringify(current.cancellation_policy) === JSON.stringify(terms.cancellation_policy);
  if (!same) expectOk(await call('PATCH', path, { body: terms }), 200, `Updating rate plan ${plan.code}`);
}

/**
 * Seeds step by step and records each step in .wrangler/demo.json, so a restart seeds nothing twice
 * and a seed that stopped half-way (an endpoint missing, the server stopped) resumes where it stopped.
 */
async function seed(call) {
  let state = loadDemo();
  if (state.hotel_id) {
    const res = await call('GET', `/api/v1/booking-engine/hotels/${state.hotel_id}`);
    if (res.status === 404) {
      console.log('[dev] The demo hotel is gone (local D1 wiped?): seeding again.');
      state = {};
    } else {
      expectOk(res, 200, 'Checking the demo hotel');
    }
  }
  if (!state.hotel_id) {
    const hotel = expectOk(await call('POST', '/api/v1/hotels', { body: DEMO_HOTEL }), 201, 'Creating the demo hotel');
    state = { hotel_id: hotel.id, room_types: {}, rate_plans: {} };
    saveDemo(state);
  }
  const base = `/api/v1/hotels/${state.hotel_id}`;
  for (const { body } of DEMO_ROOM_TYPES) {
    if (state.room_types[body.code]) continue;
    const room = expectOk(
      await call('POST', `${base}/room-types`, { body: body }),
      201,
      `Creating room type ${body.code}`,
    );
    state.room_types[body.code] = room.id;
    saveDemo(state);
  }
  for (const plan of DEMO_RATE_PLANS) {
    if (state.rate_plans[plan.code]) {
      await alignTerms(call, `${base}/rate-plans/${state.rate_plans[plan.code]}`, plan);
      continue;
    }
    const body = { ...plan, room_type_ids: Object.values(state.room_types) };
    const created = expectOk(
      await call('POST', `${base}/rate-plans`, { body: body }),
      201,
      `Creating rate plan ${plan.code}`,
    );
    state.rate_plans[plan.code] = created.id;
    saveDemo(state);
  }
  if (!state.ari_seeded) {
    const from = zonedDate(DEMO_HOTEL.timezone, 0);
    const to = zonedDate(DEMO_HOTEL.timezone, ARI_DAYS - 1);
    const updates = [];
    for (const { body, prices } of DEMO_ROOM_TYPES) {
      const roomTypeId = state.room_types[body.code];
      updates.push({ room_type_id: roomTypeId, from, to, inventory: ARI_INVENTORY });
      for (const [planCode, amount] of Object.entries(prices)) {
        updates.push({ room_type_id: roomTypeId, rate_plan_id: state.rate_plans[planCode], from, to, amount });
      }
    }
    expectOk(
      await call('PUT', `${base}/ari`, { body: { updates } }),
      200,
      `Loading ${ARI_DAYS} days of availability and rates`,
    );
    state.ari_seeded = { from, to };
    saveDemo(state);
  }
  if (state.api_key_id) {
    const res = await call('GET', `/api/v1/api-keys/${state.api_key_id}`);
    const key = res.status === 404 ? null : expectOk(res, 200, 'Checking the demo API key');
    if (!key || key.revoked_at) {
      console.log('[dev] The demo API key is gone or revoked: creating a new one.');
      delete state.api_key_id;
      delete state.api_key;
    }
  }
  if (!state.api_key_id) {
    const body = { ...DEMO_KEY, hotel_ids: [state.hotel_id] };
    const key = expectOk(await call('POST', '/api/v1/api-keys', { body: body }), 201, 'Creating the demo API key');
    state.api_key_id = key.id;
    state.api_key = key.key;
    saveDemo(state);
  }
  return state;
}

/**
 * Subscribes the local receiver to the demo hotel's events, once: the endpoint id and its secret are
 * kept in .wrangler/demo.json so a restart verifies with the same secret. An endpoint that is gone
 * is made again; one that was edited (another URL, disabled, fewer events) is set back.
 */
async function ensureWebhookEndpoint(call, state, url) {
  const wanted = { url, events: DEMO_WEBHOOK.events, hotel_ids: [state.hotel_id] };
  if (state.webhook?.endpoint_id) {
    const path = `/api/v1/webhook-endpoints/${state.webhook.endpoint_id}`;
    const res = await call('GET', path);
    if (res.status === 404) {
      console.log('[dev] The demo webhook endpoint is gone: creating a new one.');
      delete state.webhook;
    } else {
      const current = expectOk(res, 200, 'Checking the demo webhook endpoint');
      const same =
        current.url === url &&
        current.enabled &&
        JSON.stringify(current.events) === JSON.stringify(wanted.events) &&
        JSON.stringify(current.hotel_ids) === JSON.stringify(wanted.hotel_ids);
      if (!same) {
        expectOk(
          await call('PATCH', path, { body: { ...wanted, enabled: true } }),
          200,
          'Updating the webhook endpoint',
        );
      }
    }
  }
  if (!state.webhook) {
    const body = { ...wanted, description: DEMO_WEBHOOK.description };
    const created = expectOk(
      await call('POST', '/api/v1/webhook-endpoints', { body }),
      201,
      'Creating the demo webhook endpoint',
    );
    state.webhook = { endpoint_id: created.id, secret: created.secret };
    saveDemo(state);
  }
  return state.webhook;
}

/** The receiver, listening before wrangler starts so that retries due from a previous run land; null if it cannot. */
async function startReceiver() {
  const { receiverPortFromEnv, startWebhookReceiver } = await import('./webhook-receiver.mjs');
  let port;
  try {
    port = receiverPortFromEnv();
    return await startWebhookReceiver({ port, secret: loadDemo().webhook?.secret ?? null });
  } catch (err) {
    const why = err?.code === 'EADDRINUSE' ? `port ${port} is in use (set DEV_WEBHOOK_RECEIVER_PORT)` : err.message;
    console.error(`[dev] Not starting the local webhook receiver: ${why}.`);
    return null;
  }
}

function mask(secret) {
  return secret.length <= 8 ? '****' : `${secret.slice(0, 6)}…${secret.slice(-2)}`;
}

async function main() {
  const passThrough = process.argv.slice(2);
  const opts = parseArgs(passThrough);

  if (!existsSync(WRANGLER)) {
    console.error('[dev] wrangler is not installed: run `npm install` first.');
    process.exit(1);
  }
  const devVarsFile = join(ROOT, '.dev.vars');
  if (!existsSync(devVarsFile)) {
    copyFileSync(join(ROOT, '.dev.vars.example'), devVarsFile);
    console.log('[dev] Created .dev.vars from .dev.vars.example (local secrets; not committed).');
  }

  const port = opts.port ?? DEFAULT_PORT;
  const listenIp = opts.ip ?? 'localhost';
  const connectHost = ['0.0.0.0', '::', '*', 'localhost'].includes(listenIp)
    ? '127.0.0.1'
    : listenIp.includes(':')
      ? `[${listenIp}]`
      : listenIp;
  const baseUrl = `http://${connectHost}:${port}`;
  const shownUrl = connectHost === '127.0.0.1' ? `http://localhost:${port}` : baseUrl;
  // Otherwise the health check below could find some other server and seed into it.
  if (!(await portIsFree(port, connectHost.replace(/^\[|\]$/g, '')))) {
    console.error(`[dev] Port ${port} is already in use. Stop that server or pass another: npm run dev -- --port 8788`);
    process.exit(1);
  }

  const receiver = await startReceiver();

  console.log('[dev] Applying D1 migrations to the local database…');
  // stdin ignored: wrangler then skips its confirmation prompt, as in CI.
  const migrated = await run(
    ['d1', 'migrations', 'apply', 'DB', '--local', ...opts.shared],
    ['ignore', 'inherit', 'inherit'],
  );
  if (migrated !== 0) {
    console.error('[dev] `wrangler d1 migrations apply DB --local` failed (see above).');
    process.exit(migrated);
  }

  const devArgs = opts.port === undefined ? [...passThrough, '--port', String(DEFAULT_PORT)] : passThrough;
  const child = spawn(process.execPath, [WRANGLER, 'dev', ...devArgs], { cwd: ROOT, stdio: 'inherit' });
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    // A terminal's Ctrl-C reaches wrangler too (same process group); forwarding covers `kill <pid>`.
    if (child.exitCode === null) child.kill(signal);
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1))));
  exited.then((code) => process.exit(code));

  if (!(await waitForHealth(baseUrl, child))) {
    if (!stopping && child.exitCode === null) {
      console.error(`[dev] ${baseUrl}/health did not answer within ${HEALTH_TIMEOUT_MS / 1000} s; not seeding.`);
    }
    return;
  }

  const adminKey = opts.vars.ADMIN_API_KEY ?? readDevVars(devVarsFile).ADMIN_API_KEY;
  const adminSource = opts.vars.ADMIN_API_KEY ? '--var ADMIN_API_KEY' : 'ADMIN_API_KEY in .dev.vars';
  if (!adminKey) {
    console.error('[dev] No ADMIN_API_KEY (in .dev.vars or --var ADMIN_API_KEY:...): not seeding the demo hotel.');
    return;
  }
  let demo;
  try {
    demo = await seed(createApi(baseUrl, adminKey).call);
  } catch (err) {
    // Whatever went wrong, the server stays up: report it instead of orphaning wrangler.
    const cause = err?.cause?.message ? ` (${err.cause.message})` : '';
    const message = err instanceof SeedError ? err.message : `${err?.message ?? String(err)}${cause}`;
    console.error(`\n[dev] Seeding the demo hotel failed: ${message}`);
    console.error('[dev] The server keeps running; restart `npm run dev` to finish the seed (done steps are kept).');
  }
  let webhook;
  if (demo && receiver) {
    try {
      webhook = await ensureWebhookEndpoint(createApi(baseUrl, adminKey).call, demo, receiver.url);
      receiver.setSecret(webhook.secret);
    } catch (err) {
      const message = err instanceof SeedError ? err.message : (err?.message ?? String(err));
      console.error(`\n[dev] Subscribing the local webhook receiver failed: ${message}`);
    }
  }
  const lines = [
    '',
    '  WeHub Integrations is running',
    `  URL            ${shownUrl}`,
    `  API docs       ${shownUrl}/docs   (OpenAPI: ${shownUrl}/openapi.json)`,
    `  Admin key      ${mask(adminKey)}  (from ${adminSource}; send it as X-API-Key)`,
  ];
  if (demo) {
    lines.push(
      `  Demo hotel     ${demo.hotel_id}  (${DEMO_HOTEL.name}, rooms and rates for ${demo.ari_seeded.from} … ${demo.ari_seeded.to})`,
      `  Demo API key   ${demo.api_key}`,
      `                 scopes ${DEMO_KEY.scopes.join(', ')}; origins ${DEMO_KEY.allowed_origins.join(', ')}`,
      `  Try            curl -H 'X-API-Key: ${demo.api_key}' ${shownUrl}/api/booking-engine/hotels/${demo.hotel_id}`,
    );
  }
  if (webhook) {
    lines.push(
      `  Webhooks       deliveries to ${receiver.url} are printed here ([webhook] lines)`,
      `                 endpoint ${webhook.endpoint_id}, events ${DEMO_WEBHOOK.events.join(', ')}, demo hotel only`,
    );
  }
  lines.push('  Stop           Ctrl-C', '');
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(`[dev] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
