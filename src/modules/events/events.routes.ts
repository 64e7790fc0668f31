import { z } from '@hono/zod-openapi';
import { depsFromContext } from '../../deps';
import { createRouter } from '../../lib/openapi';
import { decodeCursor } from '../../lib/pagination';
import { errorResponses, jsonContent, pageOf } from '../../lib/schemas';
import { assertHotelAccess } from '../auth/access';
import { securedRoute } from '../auth/secured-route';
import { EVENT_TYPES, EventEnvelopeSchema } from './events.schema';
import { listEvents } from './events.service';

const ListEventsQuery = z.object({
  hotel_id: z.string().min(1).max(64).optional().openapi({ description: 'Default: every hotel the credential covers' }),
  type: z.enum(EVENT_TYPES).optional(),
  after: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'An event id or `next_cursor`: events after it' }),
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: '1–100, default 20' }),
});

export const eventRoutes = createRouter().openapi(
  securedRoute('webhooks:manage', {
    method: 'get',
    path: '/events',
    tags: ['Events'],
    operationId: 'listEvents',
    summary: 'Read the event log',
    description:
      'Committed domain events in commit order, for backfill after downtime: pass the last id you have as ' +
      '`after` (or `next_cursor`); an event committed later never appears before one you have read. ' +
      'Events are kept for 30 days after they were handed to subscribers.',
    request: { query: ListEventsQuery },
    responses: { 200: jsonContent(pageOf(EventEnvelopeSchema, 'EventPage'), 'Events'), ...errorResponses() },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const principal = c.get('principal');
    if (query.hotel_id) assertHotelAccess(principal, query.hotel_id);
    const hotelIds = query.hotel_id ? [query.hotel_id] : principal.hotelIds;
    const after = query.after?.startsWith('evt_') ? query.after : decodeCursor(query.after, 'after');
    const page = await listEvents(depsFromContext(c), { hotelIds, type: query.type, after, limit: query.limit });
    return c.json(page, 200);
  },
);
