import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { depsFromContext } from '../../deps';
import type { AppEnv } from '../../env';
import { createRouter } from '../../lib/openapi';
import { decodeCursor, toPage } from '../../lib/pagination';
import { errorResponses, jsonBody, jsonContent, PaginationQuery, pageOf } from '../../lib/schemas';
import { securedRoute } from '../auth/secured-route';
import { getHotelOrThrow } from '../catalog/catalog.service';
import { IdempotencyHeaders, idempotent } from '../idempotency/idempotency.middleware';
import { channelHealth } from './channel-health.service';
import { listMessages, messageJson } from './channel-messages.service';
import {
  ChannelHealthSchema,
  ChannelMessageSchema,
  ChannelSchema,
  CreateChannelBody,
  MappingsBody,
  MappingsList,
  MESSAGE_DIRECTIONS,
  MESSAGE_OUTCOMES,
  UpdateChannelBody,
} from './channels.schema';
import { channelJson, createChannel, deleteChannel, getChannel, listChannels, updateChannel } from './channels.service';
import type { ChannelRow } from './channels.table';
import { icalExportUrl } from './ical/export-url';
import { listMappings, replaceMappings } from './mappings.service';

const tags = ['Channels'];
const scope = 'channels:manage' as const;
const HotelParam = z.object({ hotel_id: z.string().min(1).max(64) });
const IdParam = z.object({ id: z.string().min(1).max(64) });
const MessagesQuery = PaginationQuery.extend({
  direction: z.enum(MESSAGE_DIRECTIONS).optional(),
  type: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: 'Root element of the request, e.g. OTA_HotelAvailNotifRQ' }),
  outcome: z.enum(MESSAGE_OUTCOMES).optional(),
});

/** channelJson with a calendar channel's export URL under the origin the API was called at. */
async function channelView(c: Context<AppEnv>, row: ChannelRow) {
  const secret = c.get('config').JWT_SIGNING_SECRET;
  return channelJson(row, await icalExportUrl(secret, new URL(c.req.url).origin, row));
}

export const channelRoutes = createRouter()
  .openapi(
    securedRoute(
      scope,
      {
        method: 'post',
        path: '/hotels/{hotel_id}/channels',
        tags,
        operationId: 'createChannel',
        summary: 'Connect the hotel to an OTA channel',
        description:
          'Providers `ota_xml` (a generic OpenTravel 2015A partner, quirks in `profile`), `booking_com`, `expedia`, ' +
          '`alpinebits`, `ical` and `airbnb`; one not in the hotel’s `ota_integration.providers` is a 422 ' +
          '`not_supported`. `credentials` are encrypted at rest and never returned (`credentials_set`). An ' +
          '`alpinebits` username already used by a channel of a hotel this credential cannot reach, or by a channel ' +
          'with the same `hotel_code`, is a 409; so is a second `expedia` or `booking_com` channel of one property ' +
          '(`hotel_code`), by any hotel. ' +
          'URLs must be https and public outside development. `auto_accept` defaults to OTA_AUTO_ACCEPT, ' +
          '`sync_interval` to OTA_SYNC_INTERVAL.',
        request: { params: HotelParam, headers: IdempotencyHeaders, body: jsonBody(CreateChannelBody) },
        responses: {
          201: jsonContent(ChannelSchema, 'The channel (without its credentials)'),
          ...errorResponses(404, 409, 415, 422, 503),
        },
      },
      idempotent(),
    ),
    async (c) => {
      const deps = depsFromContext(c);
      const hotel = await getHotelOrThrow(deps.db, c.req.valid('param').hotel_id);
      const row = await createChannel(deps, hotel.id, c.req.valid('json'), c.get('principal'));
      c.header('Location', `/api/v1/channels/${row.id}`);
      return c.json(await channelView(c, row), 201);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/hotels/{hotel_id}/channels',
      tags,
      operationId: 'listChannels',
      summary: 'The hotel’s channels, newest first',
      request: { params: HotelParam, query: PaginationQuery },
      responses: {
        200: jsonContent(pageOf(ChannelSchema, 'ChannelPage'), 'A page of channels'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const hotel = await getHotelOrThrow(deps.db, c.req.valid('param').hotel_id);
      const { limit, cursor } = c.req.valid('query');
      const rows = await listChannels(deps, hotel.id, { limit, cursor: decodeCursor(cursor) });
      const views = new Map(await Promise.all(rows.map(async (row) => [row.id, await channelView(c, row)] as const)));
      return c.json(
        toPage(rows, limit, (row) => views.get(row.id) ?? channelJson(row)),
        200,
      );
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/channels/{id}',
      tags,
      operationId: 'getChannel',
      summary: 'Get a channel',
      request: { params: IdParam },
      responses: { 200: jsonContent(ChannelSchema, 'The channel (never its credentials)'), ...errorResponses(404) },
    }),
    async (c) => {
      const row = await getChannel(depsFromContext(c), c.get('principal'), c.req.valid('param').id);
      return c.json(await channelView(c, row), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'patch',
      path: '/channels/{id}',
      tags,
      operationId: 'updateChannel',
      summary: 'Change a channel',
      description:
        '`credentials`, when sent, replace the stored ones; `endpoints` replaces the whole set. Pointing ' +
        '`endpoint_url` or an `endpoints` URL at a host the channel did not use before, or changing `hotel_code`, ' +
        'requires `credentials` in the same request (400 otherwise): the stored ones never go to a new host or property. ' +
        'An `alpinebits` username already used by a channel of a hotel this credential cannot reach is a 409, ' +
        'as is a `hotel_code` another `expedia` or `booking_com` channel connects.',
      request: { params: IdParam, body: jsonBody(UpdateChannelBody) },
      responses: { 200: jsonContent(ChannelSchema, 'The channel'), ...errorResponses(404, 409, 415, 503) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const row = await updateChannel(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json'));
      return c.json(await channelView(c, row), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'delete',
      path: '/channels/{id}',
      tags,
      operationId: 'deleteChannel',
      summary: 'Delete a channel with its mappings and message log',
      description:
        'Reservations it brought stay ours. A channel with reservations waiting to be accepted or rejected is a 409.',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 409) },
    }),
    async (c) => {
      await deleteChannel(depsFromContext(c), c.get('principal'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/channels/{id}/mappings',
      tags,
      operationId: 'listChannelMappings',
      summary: 'The channel’s room type / rate plan ↔ channel code mappings',
      request: { params: IdParam },
      responses: { 200: jsonContent(MappingsList, 'Every mapping of the channel'), ...errorResponses(404) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const channel = await getChannel(deps, c.get('principal'), c.req.valid('param').id);
      return c.json({ data: await listMappings(deps, channel.id) }, 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'put',
      path: '/channels/{id}/mappings',
      tags,
      operationId: 'replaceChannelMappings',
      summary: 'Replace the channel’s mappings',
      description:
        'The whole set, replaced at once (an empty array removes every mapping). Each room type and rate plan must ' +
        'be the hotel’s and the plan must sell the room type; each product and each (room code, rate code) pair ' +
        'appears once. ARI of unmapped products is not sent; reservations for unmapped codes wait as `needs_mapping`.',
      request: { params: IdParam, body: jsonBody(MappingsBody) },
      responses: { 200: jsonContent(MappingsList, 'The mappings now'), ...errorResponses(404, 415) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const channel = await getChannel(deps, c.get('principal'), c.req.valid('param').id);
      return c.json({ data: await replaceMappings(deps, channel, c.req.valid('json')) }, 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/channels/{id}/health',
      tags,
      operationId: 'getChannelHealth',
      summary: 'Sync health: last success and error, 24 h success rate, backlog, reservations',
      request: { params: IdParam },
      responses: { 200: jsonContent(ChannelHealthSchema, 'The channel’s health'), ...errorResponses(404) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const channel = await getChannel(deps, c.get('principal'), c.req.valid('param').id);
      return c.json(await channelHealth(deps, channel), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/channels/{id}/messages',
      tags,
      operationId: 'listChannelMessages',
      summary: 'The XML exchanged with the channel, newest first (kept 30 days)',
      description:
        'Credentials and card data are redacted before a body is stored; bodies over 64,000 characters are cut.',
      request: { params: IdParam, query: MessagesQuery },
      responses: {
        200: jsonContent(pageOf(ChannelMessageSchema, 'ChannelMessagePage'), 'A page of messages'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const channel = await getChannel(deps, c.get('principal'), c.req.valid('param').id);
      const { limit, cursor, direction, type, outcome } = c.req.valid('query');
      const rows = await listMessages(
        deps,
        channel.id,
        { direction, type, outcome },
        { limit, cursor: decodeCursor(cursor) },
      );
      return c.json(toPage(rows, limit, messageJson), 200);
    },
  );
