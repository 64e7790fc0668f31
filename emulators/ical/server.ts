import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readBody, send } from '../node-http.ts';
import { type CalendarEvent, createIcalHost, type IcalHost } from './host.ts';

/**
 * The local calendar host for `npm run dev`, over HTTP on 127.0.0.1: the listing feeds
 * (`GET /calendar/<feed>.ics`) the worker's cron imports, and `/__emulator/…` endpoints for a developer
 * (what happens at Airbnb: a guest books, changes the dates, cancels):
 *   GET    /__emulator/feeds/<feed>               the feed's bookings (JSON)
 *   PUT    /__emulator/feeds/<feed>/events/<uid>  {"start":"YYYY-MM-DD","end":"YYYY-MM-DD","summary"?} — add or move
 *   DELETE /__emulator/feeds/<feed>/events/<uid>  cancel (the event disappears from the feed)
 * Run on its own: node emulators/ical/server.ts [--port 8794]  (Node ≥ 22.18: TypeScript type stripping).
 */
export const DEV_ICAL = { port: 8794, feed: 'demo-listing' } as const;

export type IcalServer = { url: string; host: IcalHost; feedUrl: (feed: string) => string; close: () => Promise<void> };

type Saved = Record<string, CalendarEvent[]>;

export async function startIcalServer(
  options: { port?: number; statePath?: string; log?: (line: string) => void } = {},
): Promise<IcalServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const feeds = new Set<string>([DEV_ICAL.feed]);
  const save = () => {
    if (!options.statePath) return;
    const saved: Saved = Object.fromEntries([...feeds].map((f) => [f, host.events(f)]));
    mkdirSync(dirname(options.statePath), { recursive: true });
    writeFileSync(options.statePath, JSON.stringify(saved, null, 2));
  };
  const host = createIcalHost({ onChange: save });
  for (const [feed, events] of Object.entries(restore(options.statePath, log))) {
    feeds.add(feed);
    for (const event of events) host.put(feed, event);
  }
  for (const feed of feeds) host.open(feed);
  const server = createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () => log(`[ical] ${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    serve(host, feeds, req, res).catch((err) => {
      if (!res.headersSent) void send(res, Response.json({ error: String(err) }, { status: 500 }));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEV_ICAL.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    host,
    feedUrl: (feed) => `${url}/calendar/${feed}.ics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function restore(path: string | undefined, log: (line: string) => void): Saved {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Saved;
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') log(`[ical] not restoring ${path}: ${String(err)}`);
    return {};
  }
}

async function serve(host: IcalHost, feeds: Set<string>, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const control = /^\/__emulator\/feeds\/([^/]+)(?:\/events\/([^/]+))?$/.exec(url.pathname);
  if (!control) {
    await send(res, await host.fetch(new Request(url, { method: req.method ?? 'GET' })));
    return;
  }
  const feed = decodeURIComponent(control[1] ?? '');
  const uid = control[2] === undefined ? undefined : decodeURIComponent(control[2]);
  if (req.method === 'GET' && uid === undefined) {
    await send(res, Response.json({ feed, url: `/calendar/${feed}.ics`, events: host.events(feed) }));
  } else if (req.method === 'PUT' && uid !== undefined) {
    try {
      const body = JSON.parse((await readBody(req)) ?? '{}') as Omit<CalendarEvent, 'uid'>;
      host.put(feed, { ...body, uid });
      feeds.add(feed);
    } catch (err) {
      await send(res, Response.json({ error: String(err) }, { status: 400 }));
      return;
    }
    await send(res, Response.json({ feed, events: host.events(feed) }));
  } else if (req.method === 'DELETE' && uid !== undefined) {
    host.remove(feed, uid);
    await send(res, Response.json({ feed, events: host.events(feed) }));
  } else {
    await send(res, Response.json({ error: 'see emulators/ical/server.ts' }, { status: 404 }));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flag = process.argv.indexOf('--port');
  const server = await startIcalServer({ port: flag > 0 ? Number(process.argv[flag + 1]) : DEV_ICAL.port });
  console.log(`iCal host emulator on ${server.url}; feed ${server.feedUrl(DEV_ICAL.feed)}`);
}
