#!/usr/bin/env node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// ARI push build throughput: a hotel with 20 room types × 5 rate plans, every product mapped to a
// channel, and 365 nights of state (prices by season and weekday, restrictions on some nights, units
// sold at random) pushed in full, as a resync does: the push job's plan (calendar months × kind), then
// for every scope the channel-terms state (coalescing equal nights) and the OTA_HotelAvailNotifRQ /
// OTA_HotelRateAmountNotifRQ bodies (split at 300 statuses). Reports messages, bytes and ms for each
// kind, per provider. Runs the project's TypeScript (bundled with esbuild, which wrangler ships) in Node:
// no worker and no D1, so it measures the building alone. `node bench/ota-ari.mjs`, or in `npm run bench`.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOM_TYPES = 20;
const RATE_PLANS = 5;
const NIGHTS = 365;
const ROUNDS = 3;

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

async function loadModules() {
  const dir = mkdtempSync(join(tmpdir(), 'wehub-ota-ari-'));
  const entry = join(dir, 'entry.ts');
  const src = (p) => JSON.stringify(join(root, 'src/modules/channels', p));
  writeFileSync(
    entry,
    [
      `export { planScopes } from ${src('ari-push/plan.ts')};`,
      `export { availabilityStatuses, rateAmounts } from ${src('ari-push/statuses.ts')};`,
      `export { ARI_ADAPTERS } from ${src('providers/ari-adapters.ts')};`,
    ].join('\n'),
  );
  const out = join(dir, 'entry.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Deterministic state: the same numbers on every run. */
function hotelState(start) {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const dates = Array.from({ length: NIGHTS }, (_, i) => addDays(start, i));
  const roomTypes = Array.from({ length: ROOM_TYPES }, (_, i) => `rt_${i}`);
  const plans = Array.from({ length: RATE_PLANS }, (_, i) => `rp_${i}`);
  const mappings = roomTypes.flatMap((rt, r) =>
    plans.map((rp, p) => ({
      roomTypeId: rt,
      ratePlanId: rp,
      channelRoomCode: `ROOM${r}`,
      channelRateCode: `RATE${p}`,
    })),
  );
  const roomNights = roomTypes.flatMap((rt) =>
    dates.map((date) => ({
      roomTypeId: rt,
      date,
      inventory: 10,
      taken: random() < 0.2 ? Math.floor(random() * 10) : 0,
      overbooked: 0,
    })),
  );
  const rateNights = mappings.flatMap((m, k) =>
    dates.map((date) => {
      const d = new Date(`${date}T00:00:00Z`);
      const weekend = d.getUTCDay() === 5 || d.getUTCDay() === 6;
      const season = [0, 0, 10, 10, 20, 40, 60, 60, 30, 10, 0, 20][d.getUTCMonth()];
      return {
        ratePlanId: m.ratePlanId,
        roomTypeId: m.roomTypeId,
        date,
        amount: (8_000 + (k % 7) * 1_000 + season * 100 + (weekend ? 2_000 : 0)) * (1 - (k % RATE_PLANS) * 0.05),
        minStay: weekend ? 2 : null,
        maxStay: null,
        closed: random() < 0.02,
        closedToArrival: d.getUTCDay() === 0,
        closedToDeparture: false,
      };
    }),
  );
  const planMap = new Map(plans.map((id) => [id, { id, currency: 'EUR', active: true }]));
  return { dates, roomTypes, mappings, roomNights, rateNights, planMap };
}

function context(provider) {
  const at = new Date();
  return {
    channel: {
      id: 'chn_bench',
      hotelId: 'htl_bench',
      provider,
      name: 'bench',
      endpointUrl: 'http://ota.test/ari',
      endpoints: {},
      hotelCode: 'BENCH',
      autoAccept: true,
      enabled: true,
      mode: 'pull',
      syncIntervalSeconds: 300,
      pullClaimedUntil: null,
      lastPulledAt: null,
      lastSuccessAt: null,
      lastErrorAt: null,
      lastError: null,
      createdAt: at,
      updatedAt: at,
    },
    credentials: { username: 'bench', password: 'bench' },
  };
}

function pushOnce(m, state, provider) {
  const adapter = m.ARI_ADAPTERS[provider];
  const ctx = context(provider);
  const dirty = state.roomTypes.map((roomTypeId) => ({
    roomTypeId,
    from: state.dates[0],
    to: addDays(state.dates[state.dates.length - 1], 1),
    availability: true,
    rates: true,
  }));
  const totals = { availability: { messages: 0, bytes: 0, items: 0 }, rates: { messages: 0, bytes: 0, items: 0 } };
  const started = performance.now();
  for (const scope of m.planScopes(dirty, new Set(state.roomTypes))) {
    // As the send job reads D1: only the scope's window and room types.
    const inScope = (n) => n.date >= scope.from && n.date < scope.to && scope.roomTypeIds.includes(n.roomTypeId);
    const window = { from: scope.from, to: scope.to };
    const mappings = state.mappings.filter((x) => scope.roomTypeIds.includes(x.roomTypeId));
    const rateNights = state.rateNights.filter(inScope);
    const items =
      scope.kind === 'availability'
        ? m.availabilityStatuses(window, mappings, state.roomNights.filter(inScope), rateNights, state.planMap)
        : m.rateAmounts(window, mappings, rateNights, state.planMap);
    const requests = scope.kind === 'availability' ? adapter.availability(ctx, items) : adapter.rates(ctx, items);
    const t = totals[scope.kind];
    t.items += items.length;
    t.messages += requests.length;
    for (const r of requests) t.bytes += Buffer.byteLength(r.body ?? '');
  }
  return { totals, ms: performance.now() - started };
}

export async function measureOtaAri(log = () => {}) {
  log('OTA ARI build: bundling the channel modules…');
  const m = await loadModules();
  const state = hotelState(new Date().toISOString().slice(0, 10));
  const lines = [
    `OTA ARI push build: ${NIGHTS} nights × ${ROOM_TYPES} room types × ${RATE_PLANS} rate plans ` +
      `(${NIGHTS * ROOM_TYPES * RATE_PLANS} rate-nights, ${NIGHTS * ROOM_TYPES} room-nights), full resync, best of ${ROUNDS}:`,
  ];
  for (const provider of Object.keys(m.ARI_ADAPTERS)) {
    let best = null;
    for (let i = 0; i < ROUNDS; i++) {
      const run = pushOnce(m, state, provider);
      if (best === null || run.ms < best.ms) best = run;
    }
    const { availability: a, rates: r } = best.totals;
    lines.push(
      `  ${provider}: ${a.messages} OTA_HotelAvailNotifRQ (${a.items} statuses, ${(a.bytes / 1024).toFixed(0)} KiB) + ` +
        `${r.messages} OTA_HotelRateAmountNotifRQ (${r.items} rate ranges, ${(r.bytes / 1024).toFixed(0)} KiB) ` +
        `built in ${best.ms.toFixed(0)} ms`,
    );
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lines = await measureOtaAri((message) => console.log(`[bench] ${message}`));
  console.log(lines.join('\n'));
}
