import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { createRouter, securedRoute } from '../../lib/openapi';
import { errorResponses, jsonBody } from '../../lib/schemas';
import { assertHotelAccess, requireBodyHotel } from '../auth/auth.middleware';
import { IdempotencyHeaders, idempotent } from '../idempotency/idempotency.middleware';
import { cancelReservation, HOTEL_ACTIONS, type HotelAction, transitionReservation } from './lifecycle.service';
import { modifyReservation } from './modify.service';
import { etagOf, toReservationJson } from './reservations.repo';
import {
  CreateReservationBody,
  ModifyReservationBody,
  type ReservationJson,
  ReservationSchema,
} from './reservations.schema';
import { createReservation, getReservationFor } from './reservations.service';

const tags = ['Reservations'];

function created(c: Context<AppEnv>, reservation: ReservationJson) {
  c.header('Location', `/api/v1/booking-engine/reservations/${reservation.id}`);
  c.header('ETag', etagOf(reservation));
  return c.json(reservation, 201);
}
const IdParam = z.object({ id: z.string().min(1).max(64) });
const reservation = (description: string) => ({
  description,
  headers: z.object({ ETag: z.string().openapi({ description: 'Send back as If-Match to modify safely' }) }),
  content: { 'application/json': { schema: ReservationSchema } },
});

/** Mounted at /api/v1/booking-engine and at the seed path /api/booking-engine. */
export const reservationRoutes = createRouter()
  .openapi(
    securedRoute(
      'reservations:write',
      {
        method: 'post',
        path: '/reservations',
        tags,
        summary: 'Book one or more rooms',
        description:
          'Re-checks price and restrictions against the database (never the cache) and takes one unit on every ' +
          'night atomically: 409 `sold_out` (with `night`) or `stay_restricted` when it does not fit. ' +
          '`status: "pending"` holds the rooms for `hold_minutes` until POST …/confirm.',
        request: { headers: IdempotencyHeaders, body: jsonBody(CreateReservationBody) },
        responses: { 201: reservation('Booked'), ...errorResponses(404, 409, 415, 422) },
      },
      // Before idempotent(): a replay must never answer for a hotel this credential may not access.
      requireBodyHotel('hotel_id'),
      idempotent({
        // The first attempt committed but failed before its response was stored: answer with it.
        resume: async (c, id) => {
          const loaded = await getReservationFor(c.env.DB, c.get('principal'), id);
          return created(c, toReservationJson(loaded));
        },
      }),
    ),
    async (c) => {
      const body = c.req.valid('json');
      assertHotelAccess(c.get('principal'), body.hotel_id);
      const reservation = await createReservation(c.env, body, c.get('idempotency'));
      c.get('log').info('reservation created', { reservation_id: reservation.id, hotel_id: reservation.hotel_id });
      return created(c, reservation);
    },
  )
  .openapi(
    securedRoute('reservations:read', {
      method: 'get',
      path: '/reservations/{id}',
      tags,
      summary: 'Get a reservation',
      request: { params: IdParam },
      responses: { 200: reservation('The reservation'), ...errorResponses(404) },
    }),
    async (c) => {
      const loaded = await getReservationFor(c.env.DB, c.get('principal'), c.req.valid('param').id);
      c.header('ETag', etagOf(loaded.row));
      return c.json(toReservationJson(loaded), 200);
    },
  )
  .openapi(
    securedRoute('reservations:write', {
      method: 'put',
      path: '/reservations/{id}',
      tags,
      summary: 'Modify dates, rooms, party, guest or requests',
      description:
        'A changed stay is re-priced at current rates and its inventory moved atomically, or nothing changes ' +
        '(409). With `If-Match` (the ETag) a stale copy is refused with 412; without it the change applies.',
      request: {
        params: IdParam,
        headers: z.object({ 'if-match': z.string().optional() }),
        body: jsonBody(ModifyReservationBody),
      },
      responses: { 200: reservation('Modified'), ...errorResponses(404, 409, 412, 415) },
    }),
    async (c) => {
      const updated = await modifyReservation(
        c.env,
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.header('if-match'),
      );
      c.header('ETag', etagOf(updated));
      return c.json(updated, 200);
    },
  )
  .openapi(
    securedRoute('reservations:write', {
      method: 'post',
      path: '/reservations/{id}/cancel',
      tags,
      summary: 'Cancel a reservation',
      description:
        'Releases the inventory and reports `cancellation_fee` from the booked rate plan’s policy (free until ' +
        'N hours before arrival at the hotel’s check-in time, then the penalty). Cancelling twice is harmless.',
      request: { params: IdParam },
      responses: { 200: reservation('Cancelled'), ...errorResponses(404, 409) },
    }),
    async (c) => {
      const cancelled = await cancelReservation(c.env, c.get('principal'), c.req.valid('param').id);
      c.header('ETag', etagOf(cancelled));
      return c.json(cancelled, 200);
    },
  );

const ACTION_SUMMARIES: Record<HotelAction, string> = {
  confirm: 'Confirm a pending hold',
  'check-in': 'Record the guest’s arrival',
  'check-out': 'Record the guest’s departure',
  'no-show': 'Record a no-show (releases the inventory, charges the cancellation penalty)',
};

for (const action of Object.keys(HOTEL_ACTIONS) as HotelAction[]) {
  reservationRoutes.openapi(
    securedRoute('reservations:write', {
      method: 'post',
      path: `/reservations/{id}/${action}`,
      tags,
      summary: ACTION_SUMMARIES[action],
      description:
        'Legal transitions only: pending → confirmed; confirmed → checked_in | no_show; checked_in → checked_out.',
      request: { params: IdParam },
      responses: { 200: reservation(`Now ${HOTEL_ACTIONS[action]}`), ...errorResponses(404, 409) },
    }),
    async (c) => {
      const updated = await transitionReservation(c.env, c.get('principal'), c.req.valid('param').id, action);
      c.header('ETag', etagOf(updated));
      return c.json(updated, 200);
    },
  );
}
