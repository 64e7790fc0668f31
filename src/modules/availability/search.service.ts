import type { Deps } from '../../deps';
import { AppError, notFound } from '../../errors';
import { addDays, daysBetween, todayIn } from '../../lib/dates';
import { effectiveIntegrations } from '../integrations/integrations.rules';
import { assertBookingEngineOn } from '../integrations/integrations.service';
import { type AvailabilityRequest, type AvailabilityResponse, MAX_DAYS_AHEAD } from './availability.schema';
import { readCached, rememberResult } from './cache';
import { buildOffers } from './offers';
import { loadStay, rememberStay } from './stay-memory';

/** The response as JSON text: a cache hit is sent as stored, without a parse and re-serialisation. */
export type SearchOutcome = { json: string; cache: 'HIT' | 'MISS' | 'BYPASS' };

/** Stay dates are hotel-local: check-in from today (hotel time) up to MAX_DAYS_AHEAD days ahead. */
export function assertStayWindow(checkIn: string, timezone: string, now = new Date()): void {
  const today = todayIn(timezone, now);
  if (checkIn < today) {
    throw new AppError('validation_failed', `check_in ${checkIn} is in the past for this hotel (today is ${today}).`, {
      errors: [{ path: 'check_in', message: 'must be today or later in the hotel’s time zone' }],
    });
  }
  if (checkIn > addDays(today, MAX_DAYS_AHEAD)) {
    throw new AppError('validation_failed', `check_in may be at most ${MAX_DAYS_AHEAD} days ahead.`, {
      errors: [{ path: 'check_in', message: `more than ${MAX_DAYS_AHEAD} days ahead` }],
    });
  }
}

function cacheKey(q: AvailabilityRequest): string {
  return [q.check_in, q.check_out, q.adults, q.children, q.room_type_id ?? '', q.rate_plan_id ?? ''].join('|');
}

/**
 * The booking engine's search. A KV hit costs one bulk read at most (none when this isolate read the
 * hotel's version within the last second and holds the entry); a miss computes from the hotel's data
 * this isolate holds for the current version, or reads D1 through a session that starts at the
 * bookmark of the hotel's last write, so a replica never answers with older data than the cache
 * version promises. Reservations never come through here: they re-read D1 themselves.
 */
export async function searchAvailability(
  deps: Pick<Deps, 'd1' | 'cache' | 'config' | 'defer'>,
  q: AvailabilityRequest,
  options: { bypassCache: boolean },
): Promise<SearchOutcome> {
  const key = cacheKey(q);
  // Entries exist only while the hotel's cache_ttl is above 0, and a change of the hotel's booking
  // engine settings bumps its version, so a hit is always an answer its current settings allow.
  const useCache = !options.bypassCache;
  const lookup = useCache ? await readCached(deps.cache, q.hotel_id, key, deps.defer) : null;
  if (lookup?.hit) {
    // The tag is the hotel's time zone: the stay window moves with the hotel's clock, not the cache's.
    assertStayWindow(q.check_in, lookup.tag);
    return { json: lookup.json, cache: 'HIT' };
  }
  const version = lookup && !lookup.hit ? lookup.version : null;

  // A version without a bookmark (catalog writes publish none) or no version at all: read the
  // primary, so a lagging replica's answer is never cached under the current version. Under a version
  // this isolate has read the hotel's nights under before, no D1 at all (stay-memory.ts).
  const loaded = await loadStay(deps.d1, q.hotel_id, q.check_in, q.check_out, version);
  const ctx = loaded?.ctx;
  if (ctx?.hotel.status !== 'active') throw notFound('Hotel', q.hotel_id);
  const settings = effectiveIntegrations(ctx.integrations, deps.config);
  assertBookingEngineOn(settings, q.hotel_id);
  const ttlSeconds = settings.booking_engine.cache_ttl;
  // An answer from held nights lives no longer than the oldest of them (each is kept for one TTL).
  const entryTtl = loaded?.expires
    ? Math.min(ttlSeconds, Math.floor((loaded.expires - Date.now()) / 1000))
    : ttlSeconds;
  assertStayWindow(q.check_in, ctx.hotel.timezone);

  const roomTypes = q.room_type_id ? ctx.roomTypes.filter((r) => r.id === q.room_type_id) : ctx.roomTypes;
  const ratePlans = q.rate_plan_id ? ctx.ratePlans.filter((r) => r.id === q.rate_plan_id) : ctx.ratePlans;
  const stay = { checkIn: q.check_in, checkOut: q.check_out, adults: q.adults, children: q.children };
  const offers = buildOffers(roomTypes, ratePlans, stay, ctx.data);
  const policies = new Map(ctx.ratePlans.map((rp) => [rp.id, rp.cancellationPolicy]));

  const response: AvailabilityResponse = {
    hotel_id: ctx.hotel.id,
    check_in: q.check_in,
    check_out: q.check_out,
    nights: daysBetween(q.check_in, q.check_out),
    adults: q.adults,
    children: q.children,
    currency: ctx.hotel.currency,
    room_types: offers.map((o) => ({
      room_type_id: o.roomType.id,
      code: o.roomType.code,
      name: o.roomType.name,
      max_occupancy: o.roomType.maxOccupancy,
      available_units: o.availableUnits,
      rate_plans: o.rates.map((r) => ({
        rate_plan_id: r.ratePlan.id,
        code: r.ratePlan.code,
        name: r.ratePlan.name,
        meal_plan: r.ratePlan.mealPlan,
        cancellation_policy: policies.get(r.ratePlan.id),
        total_amount: r.totalAmount,
        nightly: r.nightly,
      })),
    })),
  };
  const json = JSON.stringify(response);
  // Only cache under a version some write has published: creating one here could race a write's bump.
  if (useCache && version && ttlSeconds > 0) {
    rememberResult(q.hotel_id, key, version, { tag: ctx.hotel.timezone, json }, entryTtl);
    if (loaded?.part) rememberStay(q.hotel_id, version, loaded.part, ttlSeconds);
  }
  return { json, cache: useCache && ttlSeconds > 0 ? 'MISS' : 'BYPASS' };
}
