// Booking-engine search as a booking widget calls it: a Bearer token issued to a hotel-scoped key
// with availability:read, so every number includes real authentication.
import { addDays, PARTIES, seedHotel } from '../seed.mjs';

const PATH = '/api/booking-engine/availability';
const STAYS = [1, 14];
// Visits the (check-in, party) grid in a scattered but fixed order: a prime above the grid size is
// coprime with it, so i * STRIDE mod size reaches every cell once.
const STRIDE = 7_919;

// An uncached row must measure misses and a cached row hits: every answer's X-Cache says which.
const allCache = (expected) => async (_api, result) => {
  const answers = Object.values(result.cache).reduce((n, c) => n + c, 0);
  const matching = result.cache[expected] ?? 0;
  return [
    { ok: answers > 0 && matching === answers, text: `X-Cache: ${expected} on ${matching} of ${answers} answers` },
  ];
};

async function widgetToken(api, hotelId) {
  const key = await api.expect(201, 'POST', '/api/v1/api-keys', {
    body: { name: 'bench booking widget', scopes: ['availability:read'], hotel_ids: [hotelId] },
  });
  const token = await api.expect(200, 'POST', '/api/v1/auth/token', {
    apiKey: key.key,
    body: { hotel_id: hotelId, scopes: ['availability:read'], ttl_seconds: 3_600 },
  });
  return token.access_token;
}

/** @type {import('../scenarios.mjs').Suite} */
export const availabilitySuite = {
  name: 'availability search',
  async prepare(api) {
    const { hotelId, firstNight, lastNight } = await seedHotel(api);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await widgetToken(api, hotelId)}` };
    const search = (checkIn, nights, party) =>
      JSON.stringify({ hotel_id: hotelId, check_in: checkIn, check_out: addDays(checkIn, nights), ...party });
    const base = { method: 'POST', path: PATH, headers };

    const cached = STAYS.map((nights) => ({
      ...base,
      name: `search ${nights}n, cached (one body)`,
      body: search(addDays(firstNight, 30), nights, { adults: 2, children: 0 }),
      floor: 'floor:kv',
      target: 1.0,
      check: allCache('HIT'),
    }));
    // The same search without a rate limiter (the platform admin is exempt): in Miniflare the Rate
    // Limiting binding is a Durable Object behind a fetch, a cost production does not have
    // (docs/performance.md), so this row shows the worker's own cost of a cache hit.
    const firstCached = cached[0];
    if (firstCached) {
      cached.push({
        ...firstCached,
        name: `search 1n, cached, admin key (no rate limiter)`,
        headers: { 'content-type': 'application/json', 'x-api-key': api.adminKey },
        floor: 'floor:kv, no limiter',
      });
    }
    const cachedBodies = new Set(cached.map((s) => s.body));
    const uncached = STAYS.map((nights) => {
      const checkIns = [];
      for (let d = firstNight; addDays(d, nights - 1) <= lastNight; d = addDays(d, 1)) checkIns.push(d);
      const grid = checkIns.flatMap((checkIn) => PARTIES.map((party) => search(checkIn, nights, party)));
      const bodies = grid.map((_, i) => grid[(i * STRIDE) % grid.length]).filter((b) => !cachedBodies.has(b));
      return {
        ...base,
        name: `search ${nights}n, uncached (no repeats)`,
        bodies,
        floor: 'floor:d1',
        target: nights === 1 ? 0.7 : 0.5,
        check: allCache('MISS'),
      };
    });
    return [...cached, ...uncached];
  },
};
