import { z } from '@hono/zod-openapi';
import { depsFromContext } from '../../deps';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonBody, jsonContent } from '../../lib/schemas';
import { securedRoute } from '../auth/secured-route';
import { readAriCalendar } from './ari.calendar';
import { AriCalendar, AriCalendarQuery, AriUpdateBody, AriUpdateResult } from './ari.schema';
import { applyAriUpdates } from './ari.service';

const tags = ['ARI'];
const HotelParam = z.object({ hotel_id: z.string().min(1).max(64) });

export const ariRoutes = createRouter()
  .openapi(
    securedRoute('hotels:write', {
      method: 'put',
      path: '/hotels/{hotel_id}/ari',
      tags,
      operationId: 'updateAri',
      summary: 'Bulk-update availability, rates and restrictions',
      description:
        'Date ranges are inclusive and may be limited to weekdays. `inventory` is units to sell per night for ' +
        'the room type; `amount` and the restrictions belong to a room type in a rate plan. Up to 50,000 ' +
        'room-nights per request, counted from the ranges, in as many updates as the 1 MB body holds (more is a ' +
        '400 on `updates`); updates apply in order, atomically; emits one `ari.updated` event. Dates lie from ' +
        '2000-01-01 to 1,096 days after today; a range spans at most 731 days.',
      request: { params: HotelParam, body: jsonBody(AriUpdateBody) },
      responses: { 200: jsonContent(AriUpdateResult, 'Room-nights written'), ...errorResponses(404, 409, 413, 415) },
    }),
    async (c) => {
      return c.json(
        await applyAriUpdates(depsFromContext(c), c.req.valid('param').hotel_id, c.req.valid('json').updates),
        200,
      );
    },
  )
  .openapi(
    securedRoute('hotels:read', {
      method: 'get',
      path: '/hotels/{hotel_id}/ari',
      tags,
      operationId: 'getAriCalendar',
      summary: 'Read the ARI calendar',
      description:
        'At most 731 days and 50,000 nights (days × (room types + room types in rate plans)) per read; a larger ' +
        'read is a 400 on `query.to`: narrow the range or pass `room_type_id`.',
      request: { params: HotelParam, query: AriCalendarQuery },
      responses: {
        200: jsonContent(
          AriCalendar,
          'Per room type and night: inventory, taken; per rate plan: price and restrictions',
        ),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const { from, to, room_type_id } = c.req.valid('query');
      return c.json(await readAriCalendar(c.get('db'), c.req.valid('param').hotel_id, from, to, room_type_id), 200);
    },
  );
