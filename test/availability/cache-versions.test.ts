import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { realSleep } from '../../src/deps';
import { newId } from '../../src/lib/ids';
import {
  entryKey,
  type HotelVersion,
  publishPending,
  readCached,
  rememberResult,
  versionKey,
} from '../../src/modules/availability/cache';
import { claimPending, claimSlot, LEASE_MS, SLOT_MS, settleLease } from '../../src/modules/availability/version-slots';
import { commitChange } from '../../src/modules/events/commit';
import { runHousekeeping } from '../../src/modules/platform/housekeeping';
import { testDeps } from '../helpers/deps';

const hotelId = () => newId('hotel');
/** Whole seconds, so "the same second" below means the same second of the injected clock. */
const T0 = Date.UTC(2031, 0, 1, 12, 0, 0);

/**
 * The test's KV binding with every put (key, at the injected clock) and every key read recorded. A put
 * takes `slowPut.ms` of the injected clock (and waits for `slowPut.held` when set): a KV write that
 * ends well after it started.
 */
function spyKv(clock: { now: number }) {
  const puts: { key: string; at: number }[] = [];
  const reads: string[] = [];
  /** Reads started while it is set wait for it: a read still in flight while something else happens. */
  const gate: { held: Promise<void> | null } = { held: null };
  const slowPut: { ms: number; held: Promise<void> | null } = { ms: 0, held: null };
  const kv = {
    put: async (key: string, value: string, options?: KVNamespacePutOptions) => {
      puts.push({ key, at: clock.now });
      await slowPut.held;
      clock.now += slowPut.ms;
      return env.CACHE.put(key, value, options);
    },
    get: async (key: string | string[], type: 'text' | 'json') => {
      reads.push(...(Array.isArray(key) ? key : [key]));
      const held = gate.held;
      const value = await env.CACHE.get(key as string, type as 'text');
      await held;
      return value;
    },
  } as unknown as KVNamespace;
  return { kv, puts, reads, gate, slowPut };
}

/**
 * Deps over the real D1 and the spied KV, on a clock the test moves. The trailing publish sleeps on the
 * real timer (tests elsewhere skip that wait, DEFERRED_WAITS in vitest.config.ts); `waits` records what
 * it asked for.
 */
function clocked(start = T0) {
  const clock = { now: start };
  const spy = spyKv(clock);
  const waits: number[] = [];
  const sleep = (ms: number) => {
    waits.push(ms);
    return realSleep(ms);
  };
  const deps = testDeps({ cache: spy.kv, now: () => new Date(clock.now), sleep, subscribers: [] });
  return { clock, deps, waits, ...spy };
}

/** A change that alters what a search of `hotel` sees (no statements of its own: only its cache effect). */
function change(deps: ReturnType<typeof clocked>['deps'], hotel: string) {
  const session = env.DB.withSession('first-primary');
  return commitChange(deps, { hotelId: hotel, session, statements: [], events: [], affectsAvailability: true });
}

/** The most puts any key received within one second of the injected clock. */
function maxPutsPerKeySecond(puts: { key: string; at: number }[]): number {
  const counts = new Map<string, number>();
  for (const p of puts) {
    const slot = `${p.key}@${Math.floor(p.at / 1000)}`;
    counts.set(slot, (counts.get(slot) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values());
}

const published = (hotel: string) => env.CACHE.get<HotelVersion>(versionKey(hotel), 'json');
const pendingOf = async (hotel: string) =>
  (await env.DB.prepare('SELECT pending FROM cache_versions WHERE hotel_id = ?')
    .bind(hotel)
    .first<number>('pending')) ?? null;

describe('availability cache version: at most one KV write per key and second', () => {
  it('publishes the first of a burst of changes at once and counts the rest as pending', async () => {
    const { clock, deps, puts } = clocked();
    const hotel = hotelId();
    for (let i = 0; i < 50; i++) {
      clock.now = T0 + i * 19;
      await change(deps, hotel);
    }
    expect(puts.filter((p) => p.key === versionKey(hotel))).toEqual([{ key: versionKey(hotel), at: T0 }]);
    expect(await pendingOf(hotel)).toBe(49);
    await deps.settle();
  });

  it('publishes the last change of a burst when its second ends, still one write per second', async () => {
    const { clock, deps, puts, waits } = clocked();
    const hotel = hotelId();
    await change(deps, hotel);
    const first = await published(hotel);
    for (let i = 1; i <= 20; i++) {
      clock.now = T0 + i * 45;
      await change(deps, hotel);
    }
    // The trailing publish waits for the end of the slot, then reads this clock.
    clock.now = T0 + SLOT_MS;
    await deps.settle();
    const last = await published(hotel);
    expect(last?.v).toBeDefined();
    expect(last?.v).not.toBe(first?.v);
    expect(await pendingOf(hotel)).toBe(0);
    expect(puts.map((p) => p.at)).toEqual([T0, T0 + SLOT_MS]);
    expect(maxPutsPerKeySecond(puts)).toBe(1);
    // The first loser's trailing publish, until a few ms past the slot's end (the winner published).
    expect(waits).toEqual([SLOT_MS - 45 + 5]);
  });

  it('publishes a trailing change at its slot end on the clock the change was made on, waiting no longer than a slot', async () => {
    // Housekeeping runs for a given instant (its `at`), which need not be the isolate's clock: the trailing
    // publish must not wait for, or measure against, the real clock instead.
    const { clock, deps, waits } = clocked();
    const hotel = hotelId();
    await change(deps, hotel);
    clock.now = T0 + 100;
    await change(deps, hotel);
    expect(await pendingOf(hotel)).toBe(1);
    await deps.settle();
    expect(await pendingOf(hotel)).toBe(0);
    // Measured on the change's clock (the real one is years before T0): the rest of the slot, not a whole one.
    expect(waits).toEqual([SLOT_MS - 100 + 5]);
  });

  it('has the housekeeping cron publish what a trailing publish left behind', async () => {
    const { deps, puts } = clocked();
    const hotel = hotelId();
    // As a loser leaves it when its isolate ends before the trailing publish ran.
    await env.DB.prepare('INSERT INTO cache_versions (hotel_id, published_at, pending) VALUES (?, ?, 3)')
      .bind(hotel, T0 - 5 * SLOT_MS)
      .run();
    const result = await runHousekeeping(deps, new Date(T0));
    expect(result.versions_published).toBeGreaterThanOrEqual(1);
    expect(puts.map((p) => p.key)).toContain(versionKey(hotel));
    expect(await published(hotel)).not.toBeNull();
    expect(await pendingOf(hotel)).toBe(0);
  });

  it('keeps changes pending until their trailing publish is in KV: one that ends after its claim leaves them to housekeeping', async () => {
    const { deps, puts } = clocked();
    const hotel = hotelId();
    await env.DB.prepare('INSERT INTO cache_versions (hotel_id, published_at, pending) VALUES (?, ?, 3)')
      .bind(hotel, T0 - 5 * SLOT_MS)
      .run();
    // The trailing publish claims the slot, then its isolate ends before the KV write.
    const claimedAt = T0 - 2 * SLOT_MS;
    const claimed = await claimPending(env.DB, hotel, claimedAt, 'lease_dead').first<number>('pending');
    expect(claimed).toBe(3);
    expect(await pendingOf(hotel)).toBe(3);
    // Its lease holds the slot until it expires: until then the publisher may still be writing.
    await runHousekeeping(deps, new Date(claimedAt + LEASE_MS - 1));
    expect(puts.map((p) => p.key)).not.toContain(versionKey(hotel));
    await runHousekeeping(deps, new Date(claimedAt + LEASE_MS));
    expect(puts.map((p) => p.key)).toContain(versionKey(hotel));
    expect(await published(hotel)).not.toBeNull();
    expect(await pendingOf(hotel)).toBe(0);
    await deps.settle();
  });

  it('a trailing publish KV refuses leaves its changes pending, once, for the next publish', async () => {
    const { deps } = clocked();
    const hotel = hotelId();
    await env.DB.prepare('INSERT INTO cache_versions (hotel_id, published_at, pending) VALUES (?, ?, 2)')
      .bind(hotel, T0 - 5 * SLOT_MS)
      .run();
    const refusing = {
      ...deps,
      cache: { put: () => Promise.reject(new Error('KV said no')) } as unknown as KVNamespace,
    };
    expect(await publishPending(refusing, hotel, T0 - 2 * SLOT_MS)).toBe(false);
    expect(await pendingOf(hotel)).toBe(2);
    // The attempt ended at T0 (the deps' clock): a write that timed out may have landed, so the next
    // one waits a slot from there. Nothing retries on its own: the changes are the cron's now.
    expect(await publishPending(deps, hotel, T0 + SLOT_MS - 1)).toBe(false);
    await deps.settle();
    expect(await pendingOf(hotel)).toBe(2);
    expect(await publishPending(deps, hotel, T0 + SLOT_MS)).toBe(true);
    expect(await pendingOf(hotel)).toBe(0);
    await deps.settle();
  });
});

describe('availability cache version: the publishing lease', () => {
  const versionPuts = (puts: { key: string; at: number }[], hotel: string) =>
    puts.filter((p) => p.key === versionKey(hotel));
  const publishedAt = async (hotel: string) =>
    await env.DB.prepare('SELECT published_at FROM cache_versions WHERE hotel_id = ?')
      .bind(hotel)
      .first<number>('published_at');

  it('spaces version writes a second from the END of the last write, however long it took', async () => {
    const { clock, deps, puts, slowPut, waits } = clocked();
    const hotel = hotelId();
    // The winner claims at T0; its KV write ends 600 ms later (D1 and KV queues under load).
    slowPut.ms = 600;
    await change(deps, hotel);
    slowPut.ms = 0;
    expect(await publishedAt(hotel)).toBe(T0 + 600);
    // A second after the first claim, but only 400 ms after its write ended: not free yet.
    clock.now = T0 + SLOT_MS;
    await change(deps, hotel);
    expect(versionPuts(puts, hotel)).toHaveLength(1);
    expect(await pendingOf(hotel)).toBe(1);
    // Its trailing publish waits for the second after the first write's end.
    clock.now = T0 + 600 + SLOT_MS + 5;
    await deps.settle();
    expect(waits).toEqual([600 + 5]);
    expect(versionPuts(puts, hotel).map((p) => p.at)).toEqual([T0, T0 + 600 + SLOT_MS + 5]);
    expect(await pendingOf(hotel)).toBe(0);
  });

  it('a change while a publish is in flight counts on it: the holder publishes it a slot after its write', async () => {
    const { clock, deps, puts, slowPut } = clocked();
    const hotel = hotelId();
    let release = () => {};
    slowPut.held = new Promise((resolve) => {
      release = resolve;
    });
    const first = change(deps, hotel);
    await vi.waitUntil(() => versionPuts(puts, hotel).length === 1);
    slowPut.held = null;
    // Long past the claim's slot: the write has not ended, so the slot is still taken.
    clock.now = T0 + 2 * SLOT_MS;
    await change(deps, hotel);
    expect(versionPuts(puts, hotel)).toHaveLength(1);
    expect(await pendingOf(hotel)).toBe(2);
    release();
    await first;
    // The holder's write covers only its own change: the later one is still pending, its publish scheduled.
    expect(await pendingOf(hotel)).toBe(1);
    expect(await publishedAt(hotel)).toBe(T0 + 2 * SLOT_MS);
    clock.now = T0 + 3 * SLOT_MS + 5;
    await deps.settle();
    expect(versionPuts(puts, hotel).map((p) => p.at)).toEqual([T0, T0 + 3 * SLOT_MS + 5]);
    expect(await pendingOf(hotel)).toBe(0);
  });

  it('a publisher that dies holding the lease loses nothing: its change is published once the lease expires', async () => {
    const { clock, deps, puts } = clocked();
    const hotel = hotelId();
    // A change's batch committed with a winning claim, then its isolate ended before the KV write.
    await claimSlot(env.DB, hotel, T0, 'lease_dead').run();
    expect(await pendingOf(hotel)).toBe(1);
    await runHousekeeping(deps, new Date(T0 + LEASE_MS - 1));
    expect(versionPuts(puts, hotel)).toEqual([]);
    expect(await pendingOf(hotel)).toBe(1);
    // The next change after the lease expired takes it over and covers the dead publisher's change.
    clock.now = T0 + LEASE_MS;
    await change(deps, hotel);
    expect(versionPuts(puts, hotel)).toHaveLength(1);
    expect(await pendingOf(hotel)).toBe(0);
    // The dead publisher's late settle finds its lease gone and changes nothing.
    const late = await settleLease(
      env.DB,
      hotel,
      { id: 'lease_dead', covers: 1, seq: 1 },
      true,
      T0 + LEASE_MS + 10,
    ).first();
    expect(late).toBeNull();
    expect(await publishedAt(hotel)).toBe(T0 + LEASE_MS);
    await deps.settle();
  });

  it("has the housekeeping cron publish a dead publisher's change once its lease expired", async () => {
    const { deps, puts } = clocked();
    const hotel = hotelId();
    await claimSlot(env.DB, hotel, T0, 'lease_dead').run();
    const result = await runHousekeeping(deps, new Date(T0 + LEASE_MS));
    expect(result.versions_published).toBeGreaterThanOrEqual(1);
    expect(versionPuts(puts, hotel)).toHaveLength(1);
    expect(await pendingOf(hotel)).toBe(0);
  });

  it('a winner KV refuses keeps its change pending, frees the slot for a second and publishes it then', async () => {
    const { clock, deps, puts } = clocked();
    const hotel = hotelId();
    let refuse = true;
    const flaky = {
      ...deps,
      cache: {
        ...deps.cache,
        put: (key: string, value: string, options?: KVNamespacePutOptions) =>
          refuse ? Promise.reject(new Error('KV said no')) : deps.cache.put(key, value, options),
      } as unknown as KVNamespace,
    };
    await change(flaky, hotel);
    expect(await pendingOf(hotel)).toBe(1);
    expect(await publishedAt(hotel)).toBe(T0);
    refuse = false;
    clock.now = T0 + SLOT_MS + 5;
    await flaky.settle();
    expect(versionPuts(puts, hotel).map((p) => p.at)).toEqual([T0 + SLOT_MS + 5]);
    expect(await pendingOf(hotel)).toBe(0);
  });
});

describe('availability cache version: what an isolate keeps', () => {
  const query = '2031-02-01|2031-02-02|2|0||';

  it('trusts a version it read for one second, then reads KV again', async () => {
    const { kv, reads } = spyKv({ now: T0 });
    const hotel = hotelId();
    await env.CACHE.put(versionKey(hotel), JSON.stringify({ v: 'one', b: null }));
    const look = (at: number) => readCached(kv, hotel, query, () => {}, at);
    expect(await look(T0)).toEqual({ hit: false, version: { v: 'one', b: null } });
    const afterFirst = reads.length;
    // Another isolate publishes: this one may go on with what it read for up to a second.
    await env.CACHE.put(versionKey(hotel), JSON.stringify({ v: 'two', b: null }));
    expect(await look(T0 + SLOT_MS - 1)).toEqual({ hit: false, version: { v: 'one', b: null } });
    expect(reads.slice(afterFirst)).not.toContain(versionKey(hotel));
    expect(await look(T0 + SLOT_MS)).toEqual({ hit: false, version: { v: 'two', b: null } });
    expect(reads.slice(afterFirst)).toContain(versionKey(hotel));
  });

  it('sees its own change at once, also when the change is not published yet', async () => {
    const { clock, deps, reads } = clocked();
    const hotel = hotelId();
    const look = () => readCached(deps.cache, hotel, query, () => {}, clock.now);
    await change(deps, hotel);
    const first = await published(hotel);
    clock.now = T0 + 10;
    const before = reads.length;
    const afterWin = await look();
    // The isolate that published knows the version without reading it back.
    expect(afterWin).toEqual({ hit: false, version: first });
    expect(reads.slice(before)).not.toContain(versionKey(hotel));

    clock.now = T0 + 100;
    await change(deps, hotel);
    clock.now = T0 + 110;
    const afterLoss = await look();
    expect(await published(hotel)).toEqual(first);
    expect(afterLoss.hit).toBe(false);
    // A version of this isolate's own: entries cached under the published one no longer match.
    expect(!afterLoss.hit && afterLoss.version?.v).not.toBe(first?.v);
    expect(!afterLoss.hit && afterLoss.version?.b).not.toBe(first?.b);
    await deps.settle();
  });

  it('does not let a read that was in flight during its own change put the older version back', async () => {
    const { clock, deps, gate } = clocked();
    const hotel = hotelId();
    await env.CACHE.put(versionKey(hotel), JSON.stringify({ v: 'before', b: null }));
    let release = () => {};
    gate.held = new Promise((resolve) => {
      release = resolve;
    });
    const inFlight = readCached(deps.cache, hotel, query, () => {}, clock.now);
    gate.held = null;
    await change(deps, hotel);
    release();
    // Ending after the change, the read that began before it does not answer with the old version either.
    const answered = await inFlight;
    expect(answered.hit).toBe(false);
    expect(!answered.hit && answered.version).toMatchObject({ v: 'before+1', local: true });
    const after = await readCached(deps.cache, hotel, query, () => {}, clock.now + 1);
    expect(after).toEqual({ hit: false, version: await published(hotel) });
  });

  it('writes a search entry to KV at most once a second, even when the version changes sooner', async () => {
    const { clock, deps, puts } = clocked();
    const hotel = hotelId();
    const result = { tag: 'Europe/Vienna', json: '{"room_types":[]}' };
    await env.CACHE.put(versionKey(hotel), JSON.stringify({ v: 'one', b: null }));
    const look = (at: number) => readCached(deps.cache, hotel, query, () => {}, at);
    expect(await look(T0)).toEqual({ hit: false, version: { v: 'one', b: null } });
    rememberResult(hotel, query, { v: 'one', b: null }, result, 300, T0);
    clock.now = T0 + 1;
    expect((await look(T0 + 1)).hit).toBe(true);
    // This isolate's change publishes a new version at once; the next result is computed under it.
    clock.now = T0 + 2;
    await change(deps, hotel);
    const current = (await published(hotel)) as HotelVersion;
    rememberResult(hotel, query, current, result, 300, T0 + 3);
    clock.now = T0 + 4;
    expect((await look(T0 + 4)).hit).toBe(true);
    clock.now = T0 + SLOT_MS + 2;
    expect((await look(T0 + SLOT_MS + 2)).hit).toBe(true);
    expect(puts.filter((p) => p.key === entryKey(hotel, query)).map((p) => p.at)).toEqual([T0 + 1, T0 + SLOT_MS + 2]);
  });
});
