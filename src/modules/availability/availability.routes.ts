import { depsFromContext } from '../../deps';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonBody, jsonContent } from '../../lib/schemas';
import { assertHotelAccess } from '../auth/access';
import { securedRoute } from '../auth/secured-route';
import { AvailabilityRequest, AvailabilityResponse } from './availability.schema';
import { searchAvailability } from './search.service';

/** Mounted at /api/v1/booking-engine and at the seed path /api/booking-engine. */
export const availabilityRoutes = createRouter().openapi(
  securedRoute('availability:read', {
    method: 'post',
    path: '/availability',
    tags: ['Booking engine'],
    operationId: 'searchAvailability',
    summary: 'Search availability and prices for a stay',
    description:
      'Every room type that fits the party with units left on every night, and each rate plan that is open, ' +
      'priced and whose restrictions the stay meets (min/max stay and closed-to-arrival on the check-in night, ' +
      'closed-to-departure on the check-out date). Prices: the nightly amount covers the room type’s base ' +
      'occupancy in adults; each further adult adds the rate plan’s extra-adult amount, each child the ' +
      'extra-child amount. Results are cached in KV for BOOKING_ENGINE_CACHE_TTL seconds and never served ' +
      'stale after a change through this API (`X-Cache: HIT|MISS|BYPASS`; send `Cache-Control: no-cache` to bypass).',
    request: { body: jsonBody(AvailabilityRequest) },
    responses: { 200: jsonContent(AvailabilityResponse, 'Offers'), ...errorResponses(404, 415) },
  }),
  async (c) => {
    const query = c.req.valid('json');
    assertHotelAccess(c.get('principal'), query.hotel_id);
    const outcome = await searchAvailability(depsFromContext(c), query, {
      bypassCache: /no-cache/i.test(c.req.header('cache-control') ?? ''),
    });
    // Sent as the stored JSON text (a cache hit is never parsed); the schema above is its shape. c.body,
    // not a Response of our own: the RateLimit-* headers the limiter set go out with it.
    const res = c.body(outcome.json, 200, { 'Content-Type': 'application/json', 'X-Cache': outcome.cache });
    // The typed-response check cannot see through a pre-serialised body.
    return res as never;
  },
);
