import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readBody, send } from '../node-http.ts';
import type { BookingChanges, BookingInput } from './bookings.ts';
import { createExpediaEmulator, type ExpediaEmulator } from './emulator.ts';
import { restoreSnapshot, snapshotOf } from './persist.ts';
import { arKey, type Failure } from './state.ts';

/**
 * The local Expedia QuickConnect for `npm run dev`, over HTTP on 127.0.0.1: Expedia's endpoints
 * (./emulator.ts: `/eqc/ar`, `/eqc/br`, `/eqc/bc`) for the worker, and `/__emulator/…` endpoints for a
 * developer (what happens at Expedia: a traveller books, changes, cancels). Run on its own:
 *   node emulators/expedia/server.ts [--port 8793]
 * Node ≥ 22.18 runs this TypeScript directly (type stripping).
 */
export const DEV_EXPEDIA = {
  port: 8793,
  username: 'wehub-dev-eqc',
  password: 'dev-expedia-eqc-password',
  hotelId: '4455667',
} as const;

export type ExpediaServerOptions = {
  port?: number;
  /** Keep bookings and the ARI view in this JSON file across restarts. */
  statePath?: string;
  log?: (line: string) => void;
};

export type ExpediaServer = { url: string; emulator: ExpediaEmulator; close: () => Promise<void> };

export async function startExpediaServer(options: ExpediaServerOptions = {}): Promise<ExpediaServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  let save: ReturnType<typeof keepState> | undefined;
  const emulator = createExpediaEmulator({
    accounts: { [DEV_EXPEDIA.username]: { password: DEV_EXPEDIA.password } },
    onChange: () => save?.(),
  });
  save = keepState(emulator, options.statePath, log);
  const saveNow = save;
  const server = createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () => log(`[expedia] ${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    serve(emulator, req, res).catch((err) => {
      if (!res.headersSent) void send(res, Response.json({ error: String(err) }, { status: 500 }));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEV_EXPEDIA.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        saveNow.now();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Loads the saved state, and returns a save() that writes it shortly after changes (now() at once). */
function keepState(emulator: ExpediaEmulator, path: string | undefined, log: (line: string) => void) {
  const write = () => {
    if (!path) return;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(snapshotOf(emulator.state)));
  };
  if (path) {
    try {
      if (restoreSnapshot(emulator.state, JSON.parse(readFileSync(path, 'utf8')))) {
        log(`[expedia] state restored from ${path} (${emulator.state.bookings.size} bookings)`);
      }
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') log(`[expedia] ${path} not restored: ${String(err)}`);
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

async function serve(emulator: ExpediaEmulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (body === null) {
    res.setHeader('connection', 'close');
    return send(res, new Response('Body over 1 MB', { status: 413 }));
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/__emulator/')) return send(res, control(emulator, req.method ?? 'GET', url, body));
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const request = new Request(url, {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
  });
  try {
    await send(res, await emulator.fetch(request));
  } catch {
    // A planned network failure: the connection ends without an answer.
    res.destroy();
  }
}

type Json = Record<string, unknown>;
const json = (status: number, body: unknown) => Response.json(body, { status });

/**
 * `/__emulator/…`: what happens at Expedia without a request from the hotel's system.
 *   GET  bookings[?hotel_id=]               every booking with its transactions (unconfirmed: open ones)
 *   POST bookings {BookingInput}            a traveller books (a Book transaction, pending)
 *   POST bookings/:id/modify {changes}      a Modify;   POST bookings/:id/cancel   a Cancel
 *   POST fail {count, http? | error:{code,text}? | network?, match?}
 *   GET  ari?hotel_id=&room_type=&rate_plan=&date=   what AR sent for a night;   GET received
 */
function control(emulator: ExpediaEmulator, method: string, url: URL, raw: string): Response {
  let body: Json = {};
  try {
    body = raw ? (JSON.parse(raw) as Json) : {};
  } catch {
    return json(400, { error: 'body is not JSON' });
  }
  const parts = url.pathname.split('/').slice(2);
  const route = `${method} ${parts[0] ?? ''}${parts.length > 2 ? `/:id/${parts[2]}` : ''}`;
  const id = parts[1] ?? '';
  const get = (name: string) => url.searchParams.get(name) ?? '';
  try {
    if (route === 'GET bookings') {
      const hotel = url.searchParams.get('hotel_id');
      const unconfirmed = new Set(emulator.unconfirmed().map((b) => b.id));
      const list = [...emulator.state.bookings.values()].filter((b) => !hotel || b.hotelId === hotel);
      return json(200, { bookings: list.map((b) => ({ ...b, unconfirmed: unconfirmed.has(b.id) })) });
    }
    if (route === 'POST bookings') return json(201, { booking: emulator.createBooking(body as BookingInput) });
    if (route === 'POST bookings/:id/modify') {
      return json(200, { booking: emulator.modifyBooking(id, (body.changes ?? body) as BookingChanges) });
    }
    if (route === 'POST bookings/:id/cancel') return json(200, { booking: emulator.cancelBooking(id) });
    if (route === 'POST fail') {
      emulator.failNext(Number(body.count ?? 1), body as unknown as Failure, body.match as string | undefined);
      return json(200, { planned: emulator.state.planned.length });
    }
    if (route === 'GET ari') {
      const key = arKey(get('hotel_id'), get('room_type'), get('rate_plan') || null, get('date'));
      return json(200, { night: emulator.state.ari.get(key) ?? null });
    }
    if (route === 'GET received') return json(200, { received: emulator.state.received.slice(-100) });
  } catch (err) {
    return json(409, { error: err instanceof Error ? err.message : String(err) });
  }
  return json(404, { error: `no ${method} ${url.pathname}` });
}

function argValue(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at > 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(argValue('--port') ?? process.env.DEV_EXPEDIA_EMULATOR_PORT ?? DEV_EXPEDIA.port);
  const server = await startExpediaServer({ port });
  console.log(
    `[expedia] local Expedia QuickConnect on ${server.url}; EQC ${DEV_EXPEDIA.username}:${DEV_EXPEDIA.password}`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
