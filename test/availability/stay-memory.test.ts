import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/lib/dates';
import type { AvailabilityRequest } from '../../src/modules/availability/availability.schema';
import type { KnownVersion } from '../../src/modules/availability/cache';
import { searchAvailability } from '../../src/modules/availability/search.service';
import { CHUNK_NIGHTS, loadStay, StayMemory, type StayPart } from '../../src/modules/availability/stay-memory';
import { inDays, setAri } from '../helpers/ari';
import { createRatePlan, openHotel } from '../helpers/builders';
import { publishCacheVersion } from '../helpers/cache';
import { testDeps } from '../helpers/deps';
import { booked, bookingBody } from '../helpers/reservations';

/** The test's D1 with every statement prepared through a session counted, and the sessions' bookmarks. */
function countingD1() {
  const seen = { statements: 0, sessions: [] as (string | undefined)[] };
  const d1 = {
    withSession(bookmark?: string) {
      seen.sessions.push(bookmark);
      const session = env.DB.withSession(bookmark);
      return {
        prepare(sql: string) {
          seen.statements++;
          return session.prepare(sql);
        },
        batch: session.batch.bind(session),
        getBookmark: session.getBookmark.bind(session),
      };
    },
  } as unknown as D1Database;
  return { d1, seen };
}

function query(hotelId: string, checkIn: string, nights: number, adults = 2, children = 0): AvailabilityRequest {
  return { hotel_id: hotelId, check_in: checkIn, check_out: addDays(checkIn, nights), adults, children };
}

/** The first date on or after `from` that starts a chunk of nights. */
function chunkBoundary(from: string): string {
  let d = from;
  while (daysBetween('1970-01-01', d) % CHUNK_NIGHTS !== 0) d = addDays(d, 1);
  return d;
}

/** A hotel open for 60 days with closed, closed-to-arrival/departure, min/max stay, sold-out and unpriced nights. */
async function restrictedHotel() {
  const h = await openHotel();
  const promo = await createRatePlan(h.hotel.id, [h.double.id], { code: 'PROMO', name: 'Promo' });
  const edge = chunkBoundary(inDays(3));
  await setAri(h.hotel.id, [
    { room_type_id: h.double.id, rate_plan_id: promo.id, from: inDays(0), to: inDays(60), amount: 9000, min_stay: 2 },
    { room_type_id: h.double.id, rate_plan_id: promo.id, from: edge, to: edge, closed: true },
    { room_type_id: h.double.id, rate_plan_id: promo.id, from: addDays(edge, 2), to: addDays(edge, 2), amount: null },
    {
      room_type_id: h.double.id,
      rate_plan_id: h.flex.id,
      from: addDays(edge, -1),
      to: addDays(edge, -1),
      closed_to_arrival: true,
    },
    {
      room_type_id: h.double.id,
      rate_plan_id: h.flex.id,
      from: addDays(edge, 3),
      to: addDays(edge, 3),
      closed_to_departure: true,
    },
    { room_type_id: h.double.id, rate_plan_id: h.flex.id, from: addDays(edge, 5), to: addDays(edge, 9), max_stay: 3 },
    { room_type_id: h.single.id, from: addDays(edge, 1), to: addDays(edge, 1), inventory: 0 },
    { room_type_id: h.single.id, rate_plan_id: h.flex.id, from: inDays(0), to: inDays(60), amount: 7000, min_stay: 1 },
  ]);
  await publishCacheVersion(h.hotel.id);
  return { ...h, promo, edge };
}

describe('availability search from the hotel data the isolate holds', () => {
  it('answers byte for byte what a read of D1 answers, and reads D1 only for chunks it lacks', async () => {
    const { hotel, edge } = await restrictedHotel();
    const { d1, seen } = countingD1();
    const deps = testDeps({ d1 });
    // The first two stays straddle the chunk boundary at `edge`.
    const stays: AvailabilityRequest[] = [
      query(hotel.id, addDays(edge, -2), 4),
      query(hotel.id, addDays(edge, -1), 3, 1),
    ];
    for (const start of [-3, -1, 0, 1, 2, 4, 6]) {
      for (const nights of [1, 2, 3, 5]) stays.push(query(hotel.id, addDays(edge, start), nights));
    }
    stays.push(query(hotel.id, addDays(edge, -2), 4, 1), query(hotel.id, addDays(edge, 1), 2, 3, 1));
    stays.push(query(hotel.id, addDays(edge, -1), 7, 1), query(hotel.id, addDays(edge, 5), 4, 2, 1));

    const cachedStatements: number[] = [];
    for (const q of stays) {
      const before = seen.statements;
      const fromCache = await searchAvailability(deps, q, { bypassCache: false });
      cachedStatements.push(seen.statements - before);
      const fromD1 = await searchAvailability(deps, q, { bypassCache: true });
      expect(fromCache.cache).toBe('MISS');
      expect(fromCache.json, `${q.check_in}…${q.check_out} ${q.adults}+${q.children}`).toBe(fromD1.json);
    }
    // The first miss under the version reads its stay alone, the second both chunks, none after it.
    expect(cachedStatements).toEqual([1, 1, ...stays.slice(2).map(() => 0)]);
    // Every answer of the D1 path read D1: the comparison above is against a fresh read each time.
    expect(seen.sessions.filter((b) => b === 'first-primary').length).toBeGreaterThanOrEqual(stays.length);
    const offered = JSON.parse(
      (await searchAvailability(deps, stays[4] as AvailabilityRequest, { bypassCache: false })).json,
    );
    expect(offered.room_types.length).toBeGreaterThan(0);
  });

  it('sees an ARI change and a booking at the next search in the same isolate', async () => {
    const { hotel, double, flex } = await restrictedHotel();
    const { d1, seen } = countingD1();
    const deps = testDeps({ d1 });
    const priceOf = async (adults = 2) => {
      const q = query(hotel.id, inDays(20), 2, adults);
      const body = JSON.parse((await searchAvailability(deps, q, { bypassCache: false })).json);
      const room = body.room_types.find((r: any) => r.room_type_id === double.id);
      return { units: room.available_units, flex: room.rate_plans.find((r: any) => r.rate_plan_id === flex.id) };
    };
    // Two misses under the version: the stay alone, then its chunk, which the third search uses.
    await priceOf(1);
    await priceOf(3);
    const reads = seen.statements;
    expect(await priceOf()).toMatchObject({ units: 3, flex: { total_amount: 20000 } });
    expect(seen.statements).toBe(reads);

    await setAri(hotel.id, [
      { room_type_id: double.id, rate_plan_id: flex.id, from: inDays(21), to: inDays(21), amount: 12345 },
    ]);
    expect(await priceOf()).toMatchObject({ units: 3, flex: { total_amount: 22345 } });

    await booked(
      bookingBody({ hotel, roomType: double, ratePlan: flex }, { check_in: inDays(20), check_out: inDays(22) }),
    );
    expect(await priceOf()).toMatchObject({ units: 2, flex: { total_amount: 22345 } });
  });
});

describe('StayMemory', () => {
  const T = Date.UTC(2031, 0, 1);
  const version = (v: string, b: string | null = null): KnownVersion => ({ v, b });
  type Load = Awaited<ReturnType<typeof loadStay>>;

  /** What a search under `v` does with memory: load its stay, then keep what it read for 60 s. */
  async function searched(
    d1: D1Database,
    memory: StayMemory,
    hotelId: string,
    checkIn: string,
    v: KnownVersion,
    now: number,
  ): Promise<Load> {
    const load = await loadStay(d1, hotelId, checkIn, addDays(checkIn, 1), v, memory, now);
    if (load?.part) memory.remember(hotelId, v.v, load.part, 60, now);
    return load;
  }

  it('uses data only under the version it was read under, from a session at that version’s bookmark', async () => {
    const { hotel, double, flex } = await restrictedHotel();
    const memory = new StayMemory();
    const { d1, seen } = countingD1();
    const [checkIn, checkOut] = [inDays(30), inDays(31)];
    const night = (load: Load) => load?.ctx.data.rateNights.get(`${flex.id}|${double.id}|${checkIn}`)?.amount;

    const primary = env.DB.withSession('first-primary');
    await primary.prepare('SELECT 1').run();
    const bookmark = primary.getBookmark() as string;
    expect(bookmark).toEqual(expect.any(String));
    await searched(d1, memory, hotel.id, checkIn, version('v1', bookmark), T);
    await searched(d1, memory, hotel.id, checkIn, version('v1', bookmark), T);
    expect(seen.sessions).toEqual([bookmark, bookmark]);
    // A write that publishes no version (only this test can make one): v1's data stays what it read.
    await env.DB.prepare('UPDATE rate_nights SET amount = 4242 WHERE hotel_id = ? AND date = ?')
      .bind(hotel.id, checkIn)
      .run();
    expect(night(await loadStay(d1, hotel.id, checkIn, checkOut, version('v1'), memory, T + 1))).toBe(10000);
    expect(seen.statements).toBe(2);
    expect(night(await loadStay(d1, hotel.id, checkIn, checkOut, version('v2'), memory, T + 2))).toBe(4242);
    expect(seen.statements).toBe(3);
  });

  it('keeps each chunk for the hotel’s cache TTL from its read', async () => {
    const { hotel } = await restrictedHotel();
    const memory = new StayMemory();
    const { d1, seen } = countingD1();
    const [early, late] = [inDays(5), addDays(inDays(5), CHUNK_NIGHTS)];
    const remembered = (checkIn: string, now: number) => searched(d1, memory, hotel.id, checkIn, version('v1'), now);
    await remembered(early, T);
    await remembered(early, T);
    await remembered(late, T + 30_000);
    expect(seen.statements).toBe(3);
    await remembered(early, T + 59_999);
    expect(seen.statements).toBe(3);
    // The catalog was read again at T + 30 s; the early chunk is still 60 s old.
    await remembered(early, T + 60_000);
    expect(seen.statements).toBe(4);
    await remembered(late, T + 60_000);
    expect(seen.statements).toBe(4);
  });

  it('stays within its byte budget: the least recently searched hotel goes first', async () => {
    const a = await restrictedHotel();
    const b = await restrictedHotel();
    const { d1 } = countingD1();
    /** The catalog and chunk(s) a second miss under v1 reads. */
    const partOf = async (hotelId: string, checkIn: string) => {
      const scratch = new StayMemory();
      await searched(d1, scratch, hotelId, checkIn, version('v1'), T);
      return (await loadStay(d1, hotelId, checkIn, addDays(checkIn, 1), version('v1'), scratch, T))?.part as StayPart;
    };
    const probe = new StayMemory();
    const [a1, b1] = [await partOf(a.hotel.id, inDays(5)), await partOf(b.hotel.id, inDays(5))];
    probe.remember(a.hotel.id, 'v1', a1, 60, T);
    const one = probe.bytes;
    expect(one).toBeGreaterThan(0);

    const memory = new StayMemory(Math.ceil(one * 1.5));
    memory.remember(a.hotel.id, 'v1', a1, 60, T);
    memory.remember(b.hotel.id, 'v1', b1, 60, T);
    expect(memory.held(a.hotel.id, 'v1')).toBeNull();
    expect(memory.held(b.hotel.id, 'v1')).not.toBeNull();
    expect(memory.bytes).toBeLessThanOrEqual(Math.ceil(one * 1.5));

    // One hotel alone over the budget keeps its newest chunks.
    const later = await partOf(b.hotel.id, addDays(inDays(5), CHUNK_NIGHTS));
    memory.remember(b.hotel.id, 'v1', later, 60, T);
    const held = memory.held(b.hotel.id, 'v1');
    expect([...(held?.chunks.keys() ?? [])]).toEqual([...later.chunks.keys()]);
    expect(memory.bytes).toBeLessThanOrEqual(Math.ceil(one * 1.5));
  });
});
