import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readBody, send } from '../node-http.ts';
import type { PushTarget } from './controls.ts';
import { createOtaEmulator, type OtaEmulator } from './emulator.ts';
import { restoreSnapshot, snapshotOf } from './persist.ts';
import type { Failure, ReservationInput } from './state.ts';

/**
 * The local OTA partner for `npm run dev`, over HTTP on 127.0.0.1: the partner's endpoints
 * (./emulator.ts: `/ota_xml`, `/booking_com/hotels/ota/…`) for the worker, and `/__emulator/…`
 * endpoints for a developer (what happens at the OTA: a guest books, changes, cancels). Run on its own:
 *   node emulators/ota/server.ts [--port 8792]
 * Node ≥ 22.18 runs this TypeScript directly (type stripping).
 */
export const DEV_OTA = {
  port: 8792,
  username: 'wehub-dev',
  password: 'dev-ota-partner-password',
  hotelCode: 'WEHUBDEMO',
} as const;

export type OtaServerOptions = {
  port?: number;
  /** Keep reservations and the ARI view in this JSON file across restarts. */
  statePath?: string;
  log?: (line: string) => void;
};

export type OtaServer = {
  url: string;
  emulator: OtaEmulator;
  /** Where `POST /__emulator/reservations` pushes new reservations (the demo channel's push route). */
  setPushTarget: (target: PushTarget | undefined) => void;
  close: () => Promise<void>;
};

export async function startOtaServer(options: OtaServerOptions = {}): Promise<OtaServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  let save: ReturnType<typeof keepState> | undefined;
  const emulator = createOtaEmulator({
    accounts: { [DEV_OTA.username]: { password: DEV_OTA.password } },
    onChange: () => save?.(),
  });
  save = keepState(emulator, options.statePath, log);
  const saveNow = save;
  let pushTarget: PushTarget | undefined;
  const server = createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () => log(`[ota] ${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    serve(emulator, () => pushTarget, req, res).catch((err) => {
      if (!res.headersSent) void send(res, Response.json({ error: String(err) }, { status: 500 }));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEV_OTA.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    emulator,
    setPushTarget: (target) => {
      pushTarget = target;
    },
    close: () =>
      new Promise<void>((resolve) => {
        saveNow.now();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Loads the saved state, and returns a save() that writes it shortly after changes (now() at once). */
function keepState(emulator: OtaEmulator, path: string | undefined, log: (line: string) => void) {
  const write = () => {
    if (!path) return;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(snapshotOf(emulator.state)));
  };
  if (path) {
    try {
      if (restoreSnapshot(emulator.state, JSON.parse(readFileSync(path, 'utf8')))) {
        log(`[ota] partner state restored from ${path} (${emulator.state.reservations.size} reservations)`);
      }
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') log(`[ota] ${path} not restored: ${String(err)}`);
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

async function serve(
  emulator: OtaEmulator,
  pushTarget: () => PushTarget | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req);
  if (body === null) {
    res.setHeader('connection', 'close');
    return send(res, new Response('Body over 1 MB', { status: 413 }));
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/__emulator/')) {
    return send(res, await control(emulator, pushTarget(), req.method ?? 'GET', url, body));
  }
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
 * `/__emulator/…`: what happens at the OTA without a request from the hotel.
 *   GET  reservations[?hotel_code=]          the partner's reservations (pending: not yet acknowledged)
 *   POST reservations {ReservationInput, push?}  a guest books; pushed to the hotel when a push target is set (push:false: wait for a pull)
 *   POST reservations/:id/modify {changes}    the guest changes it;  POST reservations/:id/cancel
 *   POST reservations/:id/push {url?, username?, password?, flavour?}
 *   POST fail {count, http? | errors? | network?, match?}   POST warn {count, warnings?, match?}
 *   GET  ari?hotel_code=&room=&rate=&from=&to=   the ARI the partner holds;  GET received
 */
async function control(
  emulator: OtaEmulator,
  target: PushTarget | undefined,
  method: string,
  url: URL,
  raw: string,
): Promise<Response> {
  let body: Json = {};
  try {
    body = raw ? (JSON.parse(raw) as Json) : {};
  } catch {
    return json(400, { error: 'body is not JSON' });
  }
  const parts = url.pathname.split('/').slice(2);
  const route = `${method} ${parts[0] ?? ''}${parts.length > 2 ? `/:id/${parts[2]}` : ''}`;
  const id = parts[1] ?? '';
  const pushTo = async (reservationId: string, overrides: Json = {}) => {
    const to = { ...target, ...overrides } as Partial<PushTarget>;
    if (!to.url || !to.username || !to.password) return null;
    return emulator.pushReservation(reservationId, to as PushTarget);
  };
  try {
    if (route === 'GET reservations') {
      const hotel = url.searchParams.get('hotel_code');
      const list = [...emulator.state.reservations.values()].filter((r) => !hotel || r.hotelCode === hotel);
      return json(200, { reservations: list.map((r) => ({ ...r, pending: r.deliveredVersion < r.version })) });
    }
    if (route === 'POST reservations') {
      const reservation = emulator.createReservation(body as unknown as ReservationInput);
      const pushed = body.push === false ? null : await pushTo(reservation.id);
      return json(201, { reservation, pushed });
    }
    if (route === 'POST reservations/:id/modify') {
      const reservation = emulator.modifyReservation(id, (body.changes ?? body) as Json);
      return json(200, { reservation, pushed: body.push === false ? null : await pushTo(id) });
    }
    if (route === 'POST reservations/:id/cancel') {
      const reservation = emulator.cancelReservation(id);
      return json(200, { reservation, pushed: body.push === false ? null : await pushTo(id) });
    }
    if (route === 'POST reservations/:id/push') {
      const pushed = await pushTo(id, body);
      return pushed ? json(200, { pushed }) : json(409, { error: 'no push target: give url, username, password' });
    }
    if (route === 'POST fail') {
      emulator.failNext(Number(body.count ?? 1), body as unknown as Failure, body.match as string | undefined);
      return json(200, { planned: emulator.state.planned.length });
    }
    if (route === 'POST warn') {
      emulator.warnNext(Number(body.count ?? 1), body.warnings as never, body.match as string | undefined);
      return json(200, { planned: emulator.state.planned.length });
    }
    if (route === 'GET ari') return json(200, emulator.ari(url.searchParams.get('hotel_code') ?? '', filterOf(url)));
    if (route === 'GET received') return json(200, { received: emulator.state.received.slice(-100) });
  } catch (err) {
    return json(409, { error: err instanceof Error ? err.message : String(err) });
  }
  return json(404, { error: `no ${method} ${url.pathname}` });
}

function filterOf(url: URL) {
  const get = (name: string) => url.searchParams.get(name) ?? undefined;
  return { room: get('room'), rate: get('rate'), from: get('from'), to: get('to') };
}

function argValue(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at > 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(argValue('--port') ?? process.env.DEV_OTA_EMULATOR_PORT ?? DEV_OTA.port);
  const server = await startOtaServer({ port });
  console.log(`[ota] local OTA partner on ${server.url}; Basic ${DEV_OTA.username}:${DEV_OTA.password}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
