// Booking as a PMS or booking backend calls it: an API key with reservations:write restricted to the
// hotel, a fresh Idempotency-Key per request. Its own hotel: bookings change inventory, which would
// invalidate the availability suite's search cache.
import { addDays, seedHotel } from '../seed.mjs';
import { kvWritesSince } from '../worker.mjs';

const PATH = '/api/booking-engine/reservations';
const MAX_STAY = 3;
// Every (room type, check-in, stay) of the grid is booked at most once, and a night lies in at most
// 1 + 2 + 3 of those stays: with that much inventory the throughput run can never sell out.
const SPREAD_INVENTORY = (MAX_STAY * (MAX_STAY + 1)) / 2;
// Visits the grid in a scattered but fixed order: a prime above the grid size is coprime with it.
const STRIDE = 104_729;
const RACE = { units: 3, clients: 50, requests: 2_000, daysAhead: 30 };

const guest = (tag, i) => ({ first_name: 'Bench', last_name: `Guest ${i}`, email: `${tag}-${i}@bench.example` });

async function pmsKey(api, hotelId) {
  const key = await api.expect(201, 'POST', '/api/v1/api-keys', {
    body: { name: 'bench PMS', scopes: ['reservations:write', 'availability:read'], hotel_ids: [hotelId] },
  });
  return key.key;
}

/** Reads one room-night back through the ARI calendar: `{ inventory, taken }`, or undefined. */
async function roomNight(api, hotelId, roomTypeId, date) {
  const ari = await api.expect(
    200,
    'GET',
    `/api/v1/hotels/${hotelId}/ari?from=${date}&to=${date}&room_type_id=${roomTypeId}`,
  );
  return ari.room_types.find((r) => r.room_type_id === roomTypeId)?.nights.find((n) => n.date === date);
}

/**
 * KV takes about one write per second to a key (docs/kv-keys.md): the most KV writes in one second
 * since the last call, all keys together. Bookings write no KV key but their hotel's `av:v:`, so
 * this is that key's figure (and an upper bound for any one key).
 */
function kvWriteRate() {
  let since = Date.now();
  return () => {
    const writes = kvWritesSince(since);
    since = Date.now();
    if (!writes) return [];
    return [
      {
        ok: writes.max <= 1,
        text: `most KV writes to one key in one second: ${writes.max} (counted over all keys; ${writes.total} KV writes in the run; must be ≤ 1)`,
      },
    ];
  };
}

/** @type {import('../scenarios.mjs').Suite} */
export const bookingsSuite = {
  name: 'bookings',
  async prepare(api) {
    const { hotelId, roomTypeIds, ratePlanIds, firstNight, lastNight } = await seedHotel(api);
    // The last room type is kept for the race; the rest take the spread-out bookings.
    const spreadTypes = roomTypeIds.slice(0, -1);
    const raceType = roomTypeIds.at(-1);
    const raceNight = addDays(firstNight, RACE.daysAhead);
    const updates = [
      ...spreadTypes.map((room_type_id) => ({
        room_type_id,
        from: firstNight,
        to: lastNight,
        inventory: SPREAD_INVENTORY,
      })),
      { room_type_id: raceType, from: raceNight, to: raceNight, inventory: RACE.units },
    ];
    await api.expect(200, 'PUT', `/api/v1/hotels/${hotelId}/ari`, { body: { updates } });
    const apiKey = await pmsKey(api, hotelId);

    // FLEX, the first seeded rate plan, has no restrictions: every stay of the grid is bookable.
    const booking = (room_type_id, checkIn, nights, party) => ({
      hotel_id: hotelId,
      room_type_id,
      rate_plan_id: ratePlanIds[0],
      check_in: checkIn,
      check_out: addDays(checkIn, nights),
      adults: 2,
      children: 0,
      guest: party,
    });
    const grid = [];
    for (const roomTypeId of spreadTypes) {
      for (let d = firstNight; d <= lastNight; d = addDays(d, 1)) {
        for (let nights = 1; nights <= MAX_STAY && addDays(d, nights - 1) <= lastNight; nights++) {
          grid.push([roomTypeId, d, nights]);
        }
      }
    }
    const [first, ...spread] = grid.map((_, i) =>
      JSON.stringify(booking(...grid[(i * STRIDE) % grid.length], guest('pms', i))),
    );
    // One booking before any load proves the route, the key's scopes and the body (RouteMissing skips the suite).
    await api.expect(201, 'POST', PATH, { apiKey, body: JSON.parse(first) });

    const base = {
      method: 'POST',
      path: PATH,
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      idempotencyKeys: true,
      expectedOutcomes: ['201', '409 sold_out'],
    };
    const kvWrites = kvWriteRate();
    const race = Array.from({ length: RACE.requests }, (_, i) =>
      JSON.stringify(booking(raceType, raceNight, 1, guest('race', i))),
    );
    return [
      {
        ...base,
        name: `book, spread (${spreadTypes.length} types × 1–${MAX_STAY} n)`,
        bodies: spread,
        floor: 'floor:write',
        target: 0.5,
        check: async () => kvWrites(),
      },
      {
        ...base,
        name: `book, race (${RACE.requests} req, ${RACE.clients} clients, ${RACE.units} units)`,
        bodies: race,
        singleRun: true,
        connections: RACE.clients,
        target: null,
        async check(api, result) {
          const successes = result.outcomes['201'] ?? 0;
          const night = await roomNight(api, hotelId, raceType, raceNight);
          return [
            { ok: successes === RACE.units, text: `successes == units: ${successes} bookings for ${RACE.units} units` },
            {
              ok: night?.inventory === RACE.units && night?.taken === RACE.units,
              text: `ARI ${raceNight} after the race: taken ${night?.taken} of inventory ${night?.inventory} (must be ${RACE.units} of ${RACE.units})`,
            },
            ...kvWrites(),
          ];
        },
      },
    ];
  },
};
