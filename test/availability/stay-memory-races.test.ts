import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, daysBetween } from '../../src/lib/dates';
import type { AvailabilityRequest } from '../../src/modules/availability/availability.schema';
import type { KnownVersion } from '../../src/modules/availability/cache';
import { searchAvailability } from '../../src/modules/availability/search.service';
import { CHUNK_NIGHTS, loadStay, StayMemory, type StayPart } from '../../src/modules/availability/stay-memory';
import { inDays } from '../helpers/ari';
import { openHotel } from '../helpers/builders';
import { publishCacheVersion } from '../helpers/cache';
import { testDeps } from '../helpers/deps';

const T = Date.UTC(2031, 0, 1);
const v1: KnownVersion = { v: 'v1', b: null };

function chunkBoundary(from: string): string {
  let d = from;
  while (daysBetween('1970-01-01', d) % CHUNK_NIGHTS !== 0) d = addDays(d, 1);
  return d;
}

/** The double room's flex total for two nights from `checkIn` (past the response cache when asked). */
function pricer(hotelId: string, roomTypeId: string, ratePlanId: string) {
  const deps = testDeps();
  return async (checkIn: string, adults: number, bypassCache = false) => {
    const q = { hotel_id: hotelId, check_in: checkIn, check_out: addDays(checkIn, 2), adults, children: 0 };
    const body = JSON.parse((await searchAvailability(deps, q, { bypassCache })).json);
    const room = body.room_types.find((r: any) => r.room_type_id === roomTypeId);
    return room.rate_plans.find((r: any) => r.rate_plan_id === ratePlanId).total_amount;
  };
}

/**
 * Another isolate's rate change on `dates` whose version publish this one has not seen yet (the ~1 s
 * slot): the data and the hotel's change count move in one batch, as commitChange moves them.
 */
async function unpublishedRateChange(hotelId: string, dates: [string, string]) {
  await env.DB.batch([
    env.DB.prepare('UPDATE rate_nights SET amount = 15000 WHERE hotel_id = ? AND date IN (?, ?)').bind(
      hotelId,
      ...dates,
    ),
    env.DB.prepare('UPDATE cache_versions SET seq = seq + 1, pending = pending + 1 WHERE hotel_id = ?').bind(hotelId),
  ]);
}

async function searched(memory: StayMemory, hotelId: string, checkIn: string, nights = 1) {
  const load = await loadStay(env.DB, hotelId, checkIn, addDays(checkIn, nights), v1, memory, T);
  if (load?.part) memory.remember(hotelId, 'v1', load.part, 60, T);
  return load;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('in-isolate stay data: concurrent requests, lifetimes and changes between reads', () => {
  it('a concurrent remember that trims the same hotel does not make a pending load throw', async () => {
    const { hotel } = await openHotel();
    const edge = chunkBoundary(inDays(3));
    // A part holding one later chunk, read through a scratch memory (first miss, then second miss).
    const scratch = new StayMemory();
    const later = addDays(edge, 5);
    await searched(scratch, hotel.id, later);
    const laterPart = (await loadStay(env.DB, hotel.id, later, addDays(later, 1), v1, scratch, T))?.part as StayPart;
    const probe = new StayMemory();
    probe.remember(hotel.id, 'v1', laterPart, 60, T);

    // The memory holds the chunk before `edge`; the budget fits one chunk, not two.
    const memory = new StayMemory(Math.ceil(probe.bytes * 1.5));
    const early = addDays(edge, -5);
    await searched(memory, hotel.id, early);
    await searched(memory, hotel.id, early);
    expect(memory.held(hotel.id, 'v1')?.chunks.size).toBe(1);

    // A stay straddling `edge`: the early chunk is held, the later one is read from D1 …
    const pending = loadStay(env.DB, hotel.id, addDays(edge, -1), addDays(edge, 1), v1, memory, T);
    // … while another request of the isolate remembers the later chunk and the trim drops the early one.
    memory.remember(hotel.id, 'v1', laterPart, 60, T);
    const load = await pending;
    expect(load?.ctx.data.roomNights.size).toBeGreaterThan(0);
  });

  it('a response computed from memory is not cached past the TTL of the data it was computed from', async () => {
    const { hotel, double, flex } = await openHotel();
    await publishCacheVersion(hotel.id);
    const deps = testDeps();
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    vi.setSystemTime(t0);
    const checkIn = inDays(20);
    const q = (adults: number): AvailabilityRequest => ({
      hotel_id: hotel.id,
      check_in: checkIn,
      check_out: addDays(checkIn, 2),
      adults,
      children: 0,
    });
    const priceOf = async (adults: number) => {
      const out = await searchAvailability(deps, q(adults), { bypassCache: false });
      const body = JSON.parse(out.json);
      const room = body.room_types.find((r: any) => r.room_type_id === double.id);
      return { cache: out.cache, total: room.rate_plans.find((r: any) => r.rate_plan_id === flex.id).total_amount };
    };
    // Two misses under the version: the second reads the stay's chunk(s) into memory at t0.
    expect((await priceOf(1)).cache).toBe('MISS');
    expect((await priceOf(3)).cache).toBe('MISS');
    // A change whose publish is late (KV refused it; the cron has not run yet): only the TTL bounds it.
    await env.DB.prepare('UPDATE rate_nights SET amount = 11111 WHERE hotel_id = ? AND date = ?')
      .bind(hotel.id, checkIn)
      .run();
    const ttlMs = 300_000;
    // Just before the chunk expires, a new query is computed from the t0 data and cached for a full TTL.
    vi.setSystemTime(t0 + ttlMs - 1_000);
    expect(await priceOf(2)).toEqual({ cache: 'MISS', total: 20000 });
    // Past t0 + TTL the t0 data must no longer be served.
    vi.setSystemTime(t0 + ttlMs + 10_000);
    expect(await priceOf(2)).toEqual({ cache: 'MISS', total: 21111 });
  });

  it.each([
    ['the chunk before the change held, the one after it read now', false],
    ['both chunks held, one read before the change and one after it', true],
  ])('one answer is never a mix of two moments: %s', async (_, laterChunkHeld) => {
    const { hotel, double, flex } = await openHotel();
    await publishCacheVersion(hotel.id);
    const priceOf = pricer(hotel.id, double.id, flex.id);
    const edge = chunkBoundary(inDays(3));
    // Two misses of stays inside the chunk before `edge`: that chunk is held from now on.
    await priceOf(addDays(edge, -5), 1);
    await priceOf(addDays(edge, -5), 3);
    // Another isolate's rate change over both chunks, its version publish not yet seen (the ~1 s slot).
    await unpublishedRateChange(hotel.id, [addDays(edge, -1), edge]);
    // The later chunk read after the change by a stay inside it: both chunks are then held.
    if (laterChunkHeld) await priceOf(addDays(edge, 5), 3);
    // A stay of the nights edge-1 and edge.
    const mixed = await priceOf(addDays(edge, -1), 2);
    const fresh = await priceOf(addDays(edge, -1), 2, true);
    expect([20000, fresh]).toContain(mixed);
  });
});
