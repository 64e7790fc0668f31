import { depsFromContext } from '../../../deps';
import { createRouter } from '../../../lib/openapi';
import { decodeCursor, toPage } from '../../../lib/pagination';
import { errorResponses, jsonContent, pageOf } from '../../../lib/schemas';
import { securedRoute } from '../../auth/secured-route';
import { channelReservationJson } from './channel-reservations.repo';
import {
  ChannelIdParam,
  ChannelReservationParams,
  ChannelReservationSchema,
  ListChannelReservationsQuery,
  ReimportSchema,
} from './channel-reservations.schema';
import {
  decideChannelReservation,
  listChannelReservations,
  reimportChannelReservation,
} from './channel-reservations.service';

const tags = ['Channels'];
const scope = 'channels:manage' as const;
const ONE = '/channels/{id}/reservations/{channel_reservation_id}';

function decisionRoute(decision: 'accept' | 'reject') {
  return securedRoute(scope, {
    method: 'post',
    path: `${ONE}/${decision}`,
    tags,
    operationId: `${decision}ChannelReservation`,
    summary: decision === 'accept' ? 'Accept a pending channel reservation' : 'Reject a pending channel reservation',
    description:
      decision === 'accept'
        ? 'Confirms our reservation and tells the channel (`channels.acknowledge` job). Accepting again changes nothing.'
        : 'Cancels our reservation, releases its rooms and tells the channel. Rejecting again changes nothing.',
    request: { params: ChannelReservationParams },
    responses: {
      200: jsonContent(ChannelReservationSchema, 'The channel reservation after the decision'),
      ...errorResponses(404, 409),
    },
  });
}

export const channelReservationRoutes = createRouter()
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/channels/{id}/reservations',
      tags,
      operationId: 'listChannelReservations',
      summary: 'The reservations a channel sent, newest first',
      request: { params: ChannelIdParam, query: ListChannelReservationsQuery },
      responses: {
        200: jsonContent(pageOf(ChannelReservationSchema, 'ChannelReservationPage'), 'Channel reservations'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const { limit, cursor, status } = c.req.valid('query');
      const rows = await listChannelReservations(depsFromContext(c), c.get('principal'), c.req.valid('param').id, {
        status,
        limit,
        cursor: decodeCursor(cursor),
      });
      return c.json(toPage(rows, limit, channelReservationJson), 200);
    },
  )
  .openapi(decisionRoute('accept'), async (c) => {
    const { id, channel_reservation_id } = c.req.valid('param');
    const state = await decideChannelReservation(
      depsFromContext(c),
      c.get('principal'),
      id,
      channel_reservation_id,
      'accept',
    );
    return c.json(channelReservationJson(state), 200);
  })
  .openapi(decisionRoute('reject'), async (c) => {
    const { id, channel_reservation_id } = c.req.valid('param');
    const state = await decideChannelReservation(
      depsFromContext(c),
      c.get('principal'),
      id,
      channel_reservation_id,
      'reject',
    );
    return c.json(channelReservationJson(state), 200);
  })
  .openapi(
    securedRoute(scope, {
      method: 'post',
      path: `${ONE}/reimport`,
      tags,
      operationId: 'reimportChannelReservation',
      summary: 'Apply a needs_mapping or failed channel reservation again',
      description: 'With the channel’s current mappings; the channel is told once it is on our books.',
      request: { params: ChannelReservationParams },
      responses: {
        200: jsonContent(ReimportSchema, 'The channel reservation and what the re-import did'),
        ...errorResponses(404, 409),
      },
    }),
    async (c) => {
      const { id, channel_reservation_id } = c.req.valid('param');
      const { state, outcome } = await reimportChannelReservation(
        depsFromContext(c),
        c.get('principal'),
        id,
        channel_reservation_id,
      );
      return c.json(
        {
          channel_reservation: channelReservationJson(state),
          outcome: { status: outcome.status, confirmation_number: outcome.confirmationNumber, error: outcome.error },
        },
        200,
      );
    },
  );
