import { z } from '@hono/zod-openapi';
import { depsFromContext } from '../../../deps';
import { createRouter } from '../../../lib/openapi';
import { errorResponses, IsoDate, jsonBody, jsonContent } from '../../../lib/schemas';
import { securedRoute } from '../../auth/secured-route';
import { MAX_RESYNC_DAYS, requestResync } from './resync.service';

const ResyncBody = z
  .object({
    from: IsoDate,
    to: IsoDate.openapi({ description: `Inclusive; at most ${MAX_RESYNC_DAYS - 1} days after from` }),
  })
  .openapi('ChannelResyncRequest');

const ResyncResult = z
  .object({
    channel_id: z.string(),
    from: z.string(),
    to: z.string(),
    room_types: z.number().int().openapi({ description: 'Mapped room types whose products will be sent' }),
  })
  .openapi('ChannelResync');

export const resyncRoutes = createRouter().openapi(
  securedRoute('channels:manage', {
    method: 'post',
    path: '/channels/{id}/resync',
    tags: ['Channels'],
    operationId: 'resyncChannel',
    summary: 'Push the full ARI of a date range to one channel',
    description:
      'Queues, without the coalescing delay, OTA_HotelAvailNotifRQ and OTA_HotelRateAmountNotifRQ messages with the ' +
      'current availability, restrictions and prices of every mapped product from `from` to `to` (inclusive). ' +
      'Outcomes appear in the channel’s message log and health; a disabled channel is a 409.',
    request: { params: z.object({ id: z.string().min(1).max(64) }), body: jsonBody(ResyncBody) },
    responses: { 202: jsonContent(ResyncResult, 'The resync is queued'), ...errorResponses(404, 409) },
  }),
  async (c) => {
    const result = await requestResync(
      depsFromContext(c),
      c.get('principal'),
      c.req.valid('param').id,
      c.req.valid('json'),
    );
    return c.json(result, 202);
  },
);
