import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { realSleep } from '../../src/deps';
import { newId } from '../../src/lib/ids';
import {
  entryKey,
  type HotelVersion,
  readCached,
  rememberResult,
  versionKey,
} from '../../src/modules/availability/cache';
import { claimSlot, SLOT_MS } from '../../src/modules/availability/version-slots';
import { commitChange } from '../../src/modules/events/commit';
import { runHousekeeping } from '../../src/modules/platform/housekeeping';
import { testDeps } from '../helpers/deps';

const hotelId = () => newId('hotel');
const T0 = Date.UTC(2031, 0, 1, 12, 0, 0);
const query = '2031-02-01|2031-02-02|2|0||';

/**
 * KV whose put lands in KV at once and then (while `hold.p` is set) does not resolve until released:
 * a write in flight whose effect may already be visible. `refuse`: every put rejects.
 */
function clocked(start = T0) {
  const clock = { now: start };
  const puts: { key: string; at: number }[] = [];
  const hold: { p: Promise<void> | null; refuse: boolean } = { p: null, refuse: false };
  const kv = {
    put: async (key: string, value: string, options?: KVNamespacePutOptions) => {
      if (hold.refuse && key.startsWith('av:v:')) throw new Error('KV said no');
      puts.push({ key, at: clock.now });
      await env.CACHE.put(key, value, options);
      await hold.p;
    },
    get: (key: string | string[], type: 'text' | 'json') =>
      (env.CACHE.get as (k: string | string[], t: 'text' | 'json') => Promise<unknown>)(key, type),
  } as unknown as KVNamespace;
  const deps = testDeps({ cache: kv, now: () => new Date(clock.now), sleep: realSleep, subscribers: [] });
  return { clock, deps, puts, hold };
}

function change(deps: ReturnType<typeof clocked>['deps'], hotel: string) {
  const session = env.DB.withSession('first-primary');
  return commitChange(deps, { hotelId: hotel, session, statements: [], events: [], affectsAvailability: true });
}

const versionPuts = (puts: { key: string; at: number }[], hotel: string) =>
  puts.filter((p) => p.key === versionKey(hotel));
const pendingOf = async (hotel: string) =>
  await env.DB.prepare('SELECT pending FROM cache_versions WHERE hotel_id = ?').bind(hotel).first<number>('pending');

describe('availability cache version: races around a publish in flight', () => {
  it('a housekeeping job run 40 s after its instant takes a lease from the clock: no change writes during its write', async () => {
    const hotel = hotelId();
    // A dead publisher's change, overdue for the cron at T0.
    await claimSlot(env.DB, hotel, T0 - 60_000, 'lease_dead').run();
    // The job for the cron instant T0 is delivered (queue backlog, retry, more_holds chain) at T0 + 40 s.
    const { clock, deps, puts, hold } = clocked(T0 + 40_000);
    let release = () => {};
    hold.p = new Promise((r) => {
      release = r;
    });
    const job = runHousekeeping(deps, new Date(T0));
    await vi.waitUntil(() => versionPuts(puts, hotel).length === 1);
    hold.p = null;
    // A change now, while the cron's KV write is still in flight.
    clock.now = T0 + 40_010;
    await change(deps, hotel);
    // Never two writes of the key within a second (the cron's is still in flight).
    expect(versionPuts(puts, hotel)).toHaveLength(1);
    release();
    await job;
    await deps.settle();
  });

  it("an isolate never serves a search cached before its own change, however long another isolate's publish takes", async () => {
    const hotel = hotelId();
    const { clock, deps } = clocked();
    // KV holds V0 and a search entry computed under it (before any of the changes below).
    await env.CACHE.put(versionKey(hotel), JSON.stringify({ v: 'v0', b: null }));
    await env.CACHE.put(entryKey(hotel, query), `v0\n${T0 + 300_000}\nUTC\n{"before":true}`);
    // Another isolate won the slot at T0 and is writing (slowly: KV under load), or died doing so.
    await claimSlot(env.DB, hotel, T0, 'lease_other').run();
    // This isolate's change: it counts on the holder.
    clock.now = T0 + 100;
    await change(deps, hotel);
    const look = (at: number) => readCached(deps.cache, hotel, query, () => {}, at);
    expect((await look(T0 + 110)).hit, 'right after the change').toBe(false);
    // 2.1 s later the holder has not settled yet (slow, or dead): KV still holds V0, which does not cover it.
    const later = await look(T0 + 100 + 2 * SLOT_MS + 1);
    expect(later.hit, '2.1 s after the change').toBe(false);
  });

  it("an isolate's own publish that ends after its next change does not put back a version short of that change", async () => {
    const hotel = hotelId();
    const { clock, deps, hold } = clocked();
    let release = () => {};
    hold.p = new Promise((r) => {
      release = r;
    });
    const first = change(deps, hotel); // wins, its put lands and is in flight
    await vi.waitUntil(async () => (await env.CACHE.get(versionKey(hotel))) !== null);
    hold.p = null;
    const v1 = (await env.CACHE.get<HotelVersion>(versionKey(hotel), 'json')) as HotelVersion;
    // A search in this isolate meanwhile computes a result under V1 (before the next change).
    clock.now = T0 + 10;
    const seen = await readCached(deps.cache, hotel, query, () => {}, clock.now);
    expect(seen).toEqual({ hit: false, version: v1 });
    rememberResult(hotel, query, v1, { tag: 'UTC', json: '{"before":true}' }, 300, clock.now);
    // This isolate's change B, while the first publish's write is still in flight.
    clock.now = T0 + 20;
    await change(deps, hotel);
    expect((await readCached(deps.cache, hotel, query, () => {}, T0 + 30)).hit, 'right after B').toBe(false);
    release();
    await first;
    // After the first publish settles, this isolate must still not serve the pre-B answer.
    const after = await readCached(deps.cache, hotel, query, () => {}, T0 + 40);
    expect(after.hit, 'after the first publish settled').toBe(false);
    await deps.settle();
  });

  it('a change right after a refused trailing publish is published a second later, not left to the cron', async () => {
    const hotel = hotelId();
    const { clock, deps, puts, hold } = clocked();
    await change(deps, hotel); // A wins at T0
    clock.now = T0 + 100;
    await change(deps, hotel); // B: first loser, schedules the trailing publish
    hold.refuse = true;
    clock.now = T0 + SLOT_MS + 5;
    await deps.settle(); // trailing publish refused: published_at = T0+1005, pending 1
    expect(await pendingOf(hotel)).toBe(1);
    hold.refuse = false;
    clock.now = T0 + 1500;
    await change(deps, hotel); // C: a loser (pending 2); it still sees to a trailing publish
    clock.now = T0 + 3000;
    await deps.settle();
    // Published within about a second, not at the cron's next minute.
    expect(
      versionPuts(puts, hotel).map((p) => p.at),
      'version puts',
    ).toEqual([T0, T0 + 3000]);
    expect(await pendingOf(hotel)).toBe(0);
  });
});
