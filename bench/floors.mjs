// Floors: stand-in workers (bench/floors/worker.js) that do only what a request of each kind cannot
// avoid, served beside the worker by a second Miniflare on the same kind of listener, with the same
// options wrangler.toml gives the worker (compatibility, assets in front, D1, KV, rate-limit tiers).
// A scenario's throughput is held against its floor measured in the same alternating rounds, so the
// ratio says how much of the platform's unavoidable cost the worker adds (docs/performance.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from 'wrangler';
import { createLoader, roundRatios, rpsOf, settle } from './load.mjs';

const ROOT = join(import.meta.dirname, '..');
const SCRIPT = join(import.meta.dirname, 'floors', 'worker.js');
const ROWS = 1_000;
const NIGHTS = 20 * 365;

// Bodies like the requests they stand in for: the floors read them, as any route must.
const SEARCH_BODY = JSON.stringify({
  hotel_id: 'hotel_0000000000000000000000',
  check_in: '2027-01-01',
  check_out: '2027-01-02',
  adults: 2,
  children: 0,
});
const BOOKING_BODY = JSON.stringify({
  hotel_id: 'hotel_0000000000000000000000',
  room_type_id: 'rt_00000000000000000000000000',
  rate_plan_id: 'rp_00000000000000000000000000',
  check_in: '2027-01-01',
  check_out: '2027-01-03',
  adults: 2,
  children: 0,
  guest: { first_name: 'Bench', last_name: 'Guest 1', email: 'floor-1@bench.example' },
});

const floor = (name, path, body) => ({
  name,
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json' },
  body,
});

/** The six floors, by the name a scenario's `floor` refers to. */
export const FLOORS = Object.fromEntries(
  [
    floor('floor:kv', '/kv', SEARCH_BODY),
    floor('floor:d1', '/d1', SEARCH_BODY),
    floor('floor:write', '/write', BOOKING_BODY),
    floor('floor:kv, no limiter', '/kv/no-limiter', SEARCH_BODY),
    floor('floor:d1, no limiter', '/d1/no-limiter', SEARCH_BODY),
    floor('floor:write, no limiter', '/write/no-limiter', BOOKING_BODY),
  ].map((f) => [f.name, f]),
);

const SCHEMA = [
  'CREATE TABLE floor_rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)',
  `CREATE TABLE floor_nights (id INTEGER PRIMARY KEY, inventory INTEGER NOT NULL, taken INTEGER NOT NULL,
     CONSTRAINT taken_within_inventory CHECK (taken >= 0 AND taken <= inventory))`,
  'CREATE TABLE floor_bookings (id TEXT PRIMARY KEY, body TEXT NOT NULL)',
  'CREATE TABLE floor_events (id TEXT PRIMARY KEY, booking_id TEXT NOT NULL, body TEXT NOT NULL)',
  `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
     INSERT INTO floor_rows SELECT i, json_object('id', i, 'pad', printf('%.1000c', 'x')) FROM n`,
  // Inventory no booking run can exhaust: a 409 from floor:write would be a bug.
  `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${NIGHTS})
     INSERT INTO floor_nights SELECT i, 1000000000, 0 FROM n`,
];

/**
 * Starts the stand-in worker on its own Miniflare listener at `port`, its tables and KV key in place.
 * Returns `{ url, stop() }`.
 */
export async function startFloors({ port }) {
  const config = unstable_readConfig({ config: join(ROOT, 'wrangler.toml'), env: '' }, { hideWarnings: true });
  const { workerOptions } = unstable_getMiniflareWorkerOptions(config, '');
  // The worker's bindings and options; not its modules, queue consumers or crons (the stand-in has no
  // queue or scheduled handler).
  const { modulesRules: _rules, queueConsumers: _consumers, cronTriggers: _crons, ...options } = workerOptions;
  const persistDir = mkdtempSync(join(tmpdir(), 'wehub-bench-floors-'));
  const removePersistDir = () => rmSync(persistDir, { recursive: true, force: true });
  process.once('exit', removePersistDir);
  let mf;
  try {
    mf = new Miniflare(
      convertV4MiniflareOptions({
        ...options,
        rootPath: ROOT,
        modules: [{ type: 'ESModule', path: SCRIPT }],
        modulesRoot: join(import.meta.dirname, 'floors'),
        bindings: { ...options.bindings, FLOOR_ROWS: String(ROWS), FLOOR_NIGHTS: String(NIGHTS) },
        host: '127.0.0.1',
        port,
        cf: false,
        resourcePersistencePath: persistDir,
        logRequests: false,
        log: new Log(LogLevel.WARN),
      }),
    );
    const url = await mf.ready;
    const db = await mf.getD1Database('DB');
    for (const sql of SCHEMA) await db.prepare(sql).run();
    const kv = await mf.getKVNamespace('CACHE');
    await kv.put('floor:v', JSON.stringify({ v: crypto.randomUUID(), b: null }));
    return {
      url: url.origin,
      async stop() {
        try {
          await mf.dispose();
        } finally {
          removePersistDir();
          process.off('exit', removePersistDir);
        }
      },
    };
  } catch (err) {
    await mf?.dispose().catch(() => {});
    removePersistDir();
    process.off('exit', removePersistDir);
    throw err;
  }
}

/**
 * Loaders for the floors at `url`, each made on first use: probed (a non-2xx stops the bench: the
 * stand-in is broken), warmed up and measured at one connection. `rows()` gives each floor used its
 * report row, its ratio taken against the /health slices that ran in the same rounds (`pair`).
 */
export function floorLoaders(url, { connections, warmupSeconds, oneConnectionSeconds }) {
  const used = new Map();
  return {
    async get(name) {
      const known = used.get(name);
      if (known) return known.loader;
      const scenario = FLOORS[name];
      if (!scenario) throw new Error(`No floor "${name}" in bench/floors.mjs`);
      const loader = createLoader(url, scenario, connections);
      const first = await loader.probe();
      if (first.status < 200 || first.status >= 300) {
        throw new Error(`${name} answered ${first.status}: ${first.text.slice(0, 300)}`);
      }
      if (warmupSeconds > 0) await settle(await loader.run(warmupSeconds, { measured: false }));
      const oneConnection = oneConnectionSeconds > 0 ? await loader.oneConnection(oneConnectionSeconds) : null;
      used.set(name, { scenario, loader, oneConnection, baseline: [] });
      return loader;
    },
    /** Records the /health slices of a round set that included `name`'s slices. */
    pair(name, baselineSlices) {
      used.get(name)?.baseline.push(...baselineSlices);
    },
    rows: () =>
      [...used.values()]
        .filter(({ loader }) => loader.slices() > 0)
        .map(({ scenario, loader, oneConnection, baseline }) => ({
          scenario,
          result: {
            ...loader.summary(),
            baselineRps: baseline.length > 0 ? rpsOf(baseline) : null,
            // One floor slice per round, in the order `pair` recorded those rounds' /health slices.
            toBaseline: roundRatios(loader.measuredSlices(), baseline),
            oneConnection,
          },
        })),
  };
}
