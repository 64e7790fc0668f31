import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readBody, send } from '../node-http.ts';
import { createSquareEmulator, type SquareEmulator } from './emulator.ts';
import { json, squareError } from './http.ts';
import { notificationOf, type Subscription, signNotification } from './notifications.ts';
import { restoreSnapshot, snapshotOf } from './persist.ts';
import type { Json, SquareChange } from './state.ts';

/**
 * The local Square for `npm run dev`, over HTTP on 127.0.0.1: Square's API (./emulator.ts) for the worker,
 * signed notifications to the worker's /api/v1/webhooks/square, and a few `/__emulator/` endpoints for a
 * developer (what a Square dashboard or a bank would do). Run on its own with
 *   node emulators/square/server.ts [--port 8791] [--notify http://127.0.0.1:8787/api/v1/webhooks/square]
 * Node ≥ 22.18 runs this TypeScript directly (type stripping).
 */
export const DEV_SQUARE = {
  port: 8791,
  token: 'sq_dev_platform_token',
  merchantId: 'MLDEVPLATFORM',
  locationId: 'LDEVPLATFORM',
  signatureKey: 'dev_square_signature_key',
  applicationId: 'sandbox-sq0idb-dev-emulator',
  applicationSecret: 'sandbox-sq0csb-dev-emulator-secret',
} as const;

const DELIVERY_ATTEMPTS = 5;
const REFUND_DELAY_MS = 5000;

export type SquareServerOptions = {
  port?: number;
  /** Where notifications go (the worker's webhook route); none are sent without it. */
  notificationUrl?: string;
  signatureKey?: string;
  /** Keep the account in this JSON file across restarts (npm run dev keeps it next to the local D1). */
  statePath?: string;
  log?: (line: string) => void;
};

export type SquareServer = { url: string; emulator: SquareEmulator; close: () => Promise<void> };

export async function startSquareServer(options: SquareServerOptions = {}): Promise<SquareServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const subscription = options.notificationUrl
    ? { notificationUrl: options.notificationUrl, signatureKey: options.signatureKey ?? DEV_SQUARE.signatureKey }
    : undefined;
  let save: ReturnType<typeof keepState> | undefined;
  const emulator = createSquareEmulator({
    tokens: { [DEV_SQUARE.token]: { id: DEV_SQUARE.merchantId, locationId: DEV_SQUARE.locationId } },
    refundDelayMs: REFUND_DELAY_MS,
    // A hotel connecting "its own" Square account in dev approves as this merchant (oauth.ts).
    oauth: {
      application: { applicationId: DEV_SQUARE.applicationId, applicationSecret: DEV_SQUARE.applicationSecret },
      merchant: { id: 'MLDEVHOTEL', locationId: 'LDEVHOTEL' },
    },
    onChange: (change) => {
      if (subscription) void deliver(change, subscription, log);
      save?.();
    },
  });
  save = keepState(emulator, options.statePath, log);
  const saveAfter = save;
  const server = createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () => {
      log(`[square] ${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`);
      saveAfter();
    });
    serve(emulator, req, res).catch((err) => {
      if (!res.headersSent) send(res, squareError(500, 'API_ERROR', 'INTERNAL_SERVER_ERROR', String(err)));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEV_SQUARE.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        saveAfter.now();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Loads the saved account, and returns a save() that writes it shortly after changes (now() at once). */
function keepState(emulator: SquareEmulator, path: string | undefined, log: (line: string) => void) {
  const write = () => {
    if (!path) return;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(snapshotOf(emulator.state)));
  };
  if (path) {
    try {
      if (restoreSnapshot(emulator.state, JSON.parse(readFileSync(path, 'utf8')))) {
        log(`[square] account restored from ${path} (${emulator.state.payments.size} payments)`);
      }
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') log(`[square] ${path} not restored: ${String(err)}`);
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    if (!path || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      write();
    }, 200);
  };
  save.now = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    write();
  };
  return save;
}

async function serve(emulator: SquareEmulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (body === null) {
    res.setHeader('connection', 'close');
    return send(res, squareError(413, 'INVALID_REQUEST_ERROR', 'REQUEST_ENTITY_TOO_LARGE', 'Body over 1 MB.'));
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/__emulator/')) return send(res, control(emulator, req.method ?? 'GET', url, body));
  const abort = new AbortController();
  res.on('close', () => abort.abort(new Error('client went away')));
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const request = new Request(url, {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
    signal: abort.signal,
  });
  try {
    send(res, await emulator.fetch(request));
  } catch {
    // A `drop-*` or `hang` fault: the connection ends without an answer, as a lost one would.
    res.destroy();
  }
}

/** `/__emulator/…`: what happens in Square without an API call (a developer's buttons). */
function control(emulator: SquareEmulator, method: string, url: URL, raw: string): Response {
  let body: Json = {};
  try {
    body = raw ? (JSON.parse(raw) as Json) : {};
  } catch {
    return json(400, { error: 'body is not JSON' });
  }
  const route = `${method} ${url.pathname}`;
  const id = url.pathname.split('/')[3] ?? '';
  try {
    if (route === 'GET /__emulator/payments') return json(200, { payments: [...emulator.state.payments.values()] });
    if (route === 'GET /__emulator/refunds') return json(200, { refunds: [...emulator.state.refunds.values()] });
    if (route === 'GET /__emulator/disputes') return json(200, { disputes: [...emulator.state.disputes.values()] });
    if (/^POST \/__emulator\/payments\/[^/]+\/settle$/.test(route)) {
      return json(200, { payment: emulator.settle(id, body.outcome === 'FAILED' ? 'FAILED' : 'COMPLETED') });
    }
    if (/^POST \/__emulator\/payments\/[^/]+\/dispute$/.test(route)) {
      const options = {
        ...(typeof body.amount === 'number' ? { amount: body.amount } : {}),
        ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
      };
      return json(200, { dispute: emulator.openDispute(id, options) });
    }
    if (/^POST \/__emulator\/disputes\/[^/]+\/state$/.test(route)) {
      return json(200, { dispute: emulator.updateDispute(id, String(body.state) as never) });
    }
    if (route === 'POST /__emulator/refunds/complete') return json(200, { refunds: emulator.completeRefunds() });
    if (route === 'POST /__emulator/faults') {
      const kind = String(body.kind) as 'drop-before' | 'drop-after' | 'hang' | 'server-error';
      if (!['drop-before', 'drop-after', 'hang', 'server-error'].includes(kind))
        return json(400, { error: 'bad kind' });
      emulator.fault({
        kind,
        ...(typeof body.method === 'string' ? { method: body.method } : {}),
        ...(typeof body.path === 'string' ? { path: new RegExp(body.path) } : {}),
      });
      return json(200, { queued: kind });
    }
  } catch (err) {
    return json(409, { error: err instanceof Error ? err.message : String(err) });
  }
  return json(404, { error: `no ${route}` });
}

/** Sends one notification like Square: the same signed body on each attempt, retried while the worker is down. */
async function deliver(change: SquareChange, subscription: Subscription, log: (line: string) => void) {
  const notification = notificationOf(change);
  for (let attempt = 0; attempt < DELIVERY_ATTEMPTS; attempt++) {
    const signed = await signNotification(notification, subscription, attempt);
    let outcome: string;
    try {
      const res = await fetch(signed.url, { method: 'POST', headers: signed.headers, body: signed.body });
      await res.arrayBuffer();
      outcome = String(res.status);
      if (res.ok || (res.status >= 400 && res.status < 500 && res.status !== 429)) {
        const hint = res.status === 404 ? ' (the worker has no Square webhook route yet)' : '';
        log(`[square] notify ${notification.type} ${change.object.id} → ${outcome}${hint}`);
        return;
      }
    } catch (err) {
      outcome = err instanceof Error ? (err.cause as Error | undefined)?.message || err.message : String(err);
    }
    log(`[square] notify ${notification.type} ${change.object.id} → ${outcome}; attempt ${attempt + 1}`);
    await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
  }
  log(`[square] notify ${notification.type} ${change.object.id} given up after ${DELIVERY_ATTEMPTS} attempts`);
}

function argValue(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at > 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(argValue('--port') ?? process.env.DEV_SQUARE_EMULATOR_PORT ?? DEV_SQUARE.port);
  const notificationUrl = argValue('--notify');
  const server = await startSquareServer({ port, ...(notificationUrl ? { notificationUrl } : {}) });
  console.log(`[square] local Square on ${server.url}; token ${DEV_SQUARE.token}, location ${DEV_SQUARE.locationId}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
