import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { depsFromContext } from '../../../deps';
import type { AppEnv } from '../../../env';
import { AppError } from '../../../errors';
import { createRouter } from '../../../lib/openapi';
import { errorResponses } from '../../../lib/schemas';
import { limitRequest } from '../../platform/rate-limit';
import { exportableChannel, exportCalendar } from './export.service';

/** Calendar channels poll every few minutes to hours: a short cache spares us their retries, and no shared cache keeps it. */
const CACHE_CONTROL = 'private, max-age=300';
/** The path's last segment as Hono names it (`{token}.ics` becomes one parameter). */
const FILE_PARAM = 'token.ics';

/** No credential but the secret in the path: limited per client address instead, like other public routes. */
const limited = createMiddleware<AppEnv>(async (c, next) => {
  await limitRequest(c, 'ical-export', 'Too many calendar requests from this address; slow down.');
  await next();
});

function unknownCalendar(): AppError {
  return new AppError('not_found', 'There is no calendar at this address.');
}

export const icalRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/ical/{channel_id}/{token}.ics',
    tags: ['Channels'],
    operationId: 'getIcalExport',
    summary: 'A calendar channel’s availability as iCalendar (import it at Airbnb, Vrbo, …)',
    description:
      'The `ical_export_url` of an `ical` / `airbnb` channel: RFC 5545 `text/calendar` (METHOD PUBLISH) with one ' +
      'all-day event (`SUMMARY:Not available`, `DTEND` exclusive) per run of consecutive nights, from today in the ' +
      'hotel’s time zone for 365 nights, on which the channel’s room type is sold out (no unit left after every ' +
      'booking, OTA ones and overbookings included) or its rate plan is closed (stop-sell, no price, plan or ' +
      'room type inactive). UIDs are stable per run (channel and first night).\n\n' +
      'No API key: the token in the path is the credential (rotate it with PATCH `rotate_ical_export_url`). A ' +
      'wrong or rotated token, an unknown channel, a disabled channel and a hotel with OTA connectivity off all ' +
      'answer the same 404 (a disabled channel serves no calendar, not an empty one the importer would read as ' +
      'open). Limited per client address (429). Cached up to 5 minutes (`Cache-Control: private, max-age=300`).',
    security: [],
    middleware: [limited],
    parameters: [
      { name: 'channel_id', in: 'path', required: true, schema: { type: 'string' } },
      {
        name: 'token',
        in: 'path',
        required: true,
        schema: { type: 'string' },
        description: 'The secret of `ical_export_url`',
      },
    ],
    responses: {
      200: { description: 'The calendar', content: { 'text/calendar': { schema: z.string() } } },
      ...errorResponses(404, 503),
    },
  }),
  async (c) => {
    const file = c.req.param(FILE_PARAM) ?? '';
    if (!file.endsWith('.ics')) throw unknownCalendar();
    const deps = depsFromContext(c);
    const row = await exportableChannel(deps, c.req.param('channel_id'), file.slice(0, -'.ics'.length));
    if (!row) throw unknownCalendar();
    const body = await exportCalendar(deps, row);
    return c.body(body, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Cache-Control': CACHE_CONTROL,
      'X-Robots-Tag': 'noindex',
    });
  },
);
