#!/usr/bin/env node
// `npm run dev [-- <wrangler dev args>]`: local D1 migrated, `wrangler dev` running, and a demo hotel
// seeded through the public HTTP API (so the seed goes through the same validation a client does),
// and a local webhook receiver (./webhook-receiver.mjs) subscribed to the demo hotel's events, so
// deliveries are printed here. Without a Square token it runs a local Square (./dev-square.mjs) and
// points the worker at it. A local OTA partner (./dev-ota.mjs) gets the demo hotel's channel: its ARI
// is pushed there, and reservations made at the partner are pushed to the worker. A local Expedia
// QuickConnect (./dev-expedia.mjs) gets the demo hotel's `expedia` channel: the pull cron retrieves and
// confirms what is booked there. Plain Node ESM; it
// needs nothing but `npm install`.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi } from '../bench/api.mjs';
import { DEMO_HOTEL, DEMO_KEY, SeedError, seed } from './dev-demo.mjs';
import { ensureExpediaChannel, expediaBanner, startLocalExpedia } from './dev-expedia.mjs';
import { ensureIcalChannel, icalBanner, startLocalIcal } from './dev-ical.mjs';
import { ensureOtaChannel, otaBanner, startLocalOta } from './dev-ota.mjs';
import { configuredSquareToken, squareBanner, startLocalSquare } from './dev-square.mjs';
import { ensureWebhookEndpoint, startReceiver, WEBHOOK_EVENTS } from './dev-webhooks.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const DEFAULT_PORT = 8787;
const HEALTH_TIMEOUT_MS = 90_000;

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
  const devVars = readDevVars(devVarsFile);
  const squareSource = configuredSquareToken(devVars, opts.vars);
  // In this process: it stops when this script exits, with wrangler.
  const square = squareSource ? null : await startLocalSquare({ workerUrl: baseUrl, shownUrl });
  const ota = await startLocalOta({ devVars, cliVars: opts.vars });
  const ical = await startLocalIcal();
  const expedia = await startLocalExpedia({ devVars, cliVars: opts.vars });

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

  const devArgs = [
    ...passThrough,
    // wrangler loads from .dev.vars only the names in wrangler.toml's `[secrets] required` (the rest are
    // dropped without a word); the README has every other secret (Square's sandbox, the OTA key) go
    // there too, so each .dev.vars value not given as --var already is passed on (wrangler hides them).
    ...Object.entries(devVars)
      .filter(([name]) => opts.vars[name] === undefined)
      .flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    ...(opts.port === undefined ? ['--port', String(DEFAULT_PORT)] : []),
    ...(square?.wranglerArgs ?? []),
    // Both local partners need the same development credentials key: passed once.
    ...(ota?.wranglerArgs ?? expedia?.wranglerArgs ?? []),
  ];
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

  const adminKey = opts.vars.ADMIN_API_KEY ?? devVars.ADMIN_API_KEY;
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
  let otaChannel;
  if (demo && ota) {
    try {
      otaChannel = await ensureOtaChannel(createApi(baseUrl, adminKey).call, demo, ota, baseUrl);
    } catch (err) {
      // The OTA routes may not exist in this build: say why and keep the server running.
      const message = err instanceof SeedError ? err.message : (err?.message ?? String(err));
      console.error(`\n[dev] Connecting the demo hotel to the local OTA partner failed: ${message}`);
    }
  }
  let icalChannel;
  if (demo && ical) {
    try {
      icalChannel = await ensureIcalChannel(createApi(baseUrl, adminKey).call, demo, ical);
    } catch (err) {
      const message = err instanceof SeedError ? err.message : (err?.message ?? String(err));
      console.error(`\n[dev] Connecting the demo hotel to the local calendar host failed: ${message}`);
    }
  }
  let expediaChannel;
  if (demo && expedia) {
    try {
      expediaChannel = await ensureExpediaChannel(createApi(baseUrl, adminKey).call, demo, expedia);
    } catch (err) {
      const message = err instanceof SeedError ? err.message : (err?.message ?? String(err));
      console.error(`\n[dev] Connecting the demo hotel to the local Expedia failed: ${message}`);
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
      `                 endpoint ${webhook.endpoint_id}, events ${WEBHOOK_EVENTS.join(', ')}, demo hotel only`,
    );
  }
  lines.push(
    ...squareBanner(square, squareSource, { shownUrl, demo }),
    ...otaBanner(ota, otaChannel),
    ...icalBanner(ical, icalChannel, shownUrl),
    ...expediaBanner(expedia, expediaChannel, shownUrl),
    '  Stop           Ctrl-C',
    '',
  );
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(`[dev] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
