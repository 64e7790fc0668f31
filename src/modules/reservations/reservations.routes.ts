import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { depsFromContext } from '../../deps';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonBody } from '../../lib/schemas';
import { assertHotelAccess, canAccessHotel } from '../auth/access';
import { requireBodyHotel } from '../auth/auth.middleware';
import { type ScopeRule, securedRoute } from '../auth/secured-route';
import { answerUnclaimed, IdempotencyHeaders, idempotent } from '../idempotency/idempotency.middleware';
import { ClaimNotTaken, type StoredResponse } from '../idempotency/idempotency.service';
import { type GuestProof, isHotelSide } from './access';
import { cancelReservation, HOTEL_ACTIONS, type HotelAction, transitionReservation } from './lifecycle.service';
import { modifyReservation } from './modify.service';
import { etagOf, type LoadedReservation, loadReservation, toReservationJson } from './reservations.repo';
import {
  CreateReservationBody,
  LookupReservationBody,
  ModifyReservationBody,
  ReservationSchema,
} from './reservations.schema';
import { createReservation, getReservationFor, lookupReservation } from './reservations.service';

const tags = ['Reservations'];

const WHO_MAY =
  ' Hotel-side credentials (`reservations:read`) reach every reservation of their hotels; a booking widget ' +
  '(`reservations:write` alone) only those it booked (the same API key, or the same token for tokens from ' +
  'POST /api/v1/auth/token) or whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`. ' +
  'Any other reservation answers 404, as an unknown one does.';

/** The reservation as this caller may see it: the profile link only for hotel-side readers. */
function view(c: Context<AppEnv>, loaded: LoadedReservation) {
  return toReservationJson(loaded, isHotelSide(c.get('principal'), loaded.row.hotelId) ? 'hotel' : 'booker');
}

function respond(c: Context<AppEnv>, loaded: LoadedReservation) {
  c.header('ETag', etagOf(loaded.row));
  return c.json(view(c, loaded), 200);
}

/**
 * A booking's 201, as it is sent and as its Idempotency-Key record stores it (the headers a replay
 * sends, lower-cased): one rendering, so a replay answers byte for byte what the booking answered.
 */
function createdAnswer(c: Context<AppEnv>, loaded: LoadedReservation): StoredResponse {
  return {
    status: 201,
    body: JSON.stringify(view(c, loaded)),
    headers: {
      'content-type': 'application/json',
      location: `/api/v1/booking-engine/reservations/${loaded.row.id}`,
      etag: etagOf(loaded.row),
    },
  };
}

/** Sends a rendered 201 (the typed-response check cannot see through a pre-serialised body). */
function sendCreated(c: Context<AppEnv>, answer: StoredResponse) {
  return c.body(answer.body, answer.status as 201, answer.headers) as never;
}

/** The guest proof headers, when both are sent. */
function proofOf(c: Context<AppEnv>): GuestProof | undefined {
  const confirmationNumber = c.req.header('x-confirmation-number');
  const email = c.req.header('x-guest-email');
  return confirmationNumber && email ? { confirmationNumber, email } : undefined;
}

const ProofHeaders = z.object({
  'x-confirmation-number': z.string().max(64).optional().openapi({
    description: 'With X-Guest-Email: proves the guest, for a widget acting on a reservation it did not book',
  }),
  'x-guest-email': z.string().max(254).optional().openapi({ description: 'The reservation’s guest email' }),
});
const IdParam = z.object({ id: z.string().min(1).max(64) });
const READ_OR_WRITE: ScopeRule = { anyOf: ['reservations:read', 'reservations:write'] };
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
        operationId: 'createReservation',
        summary: 'Book one or more rooms',
        description:
          'Re-checks price and restrictions against the database (never the cache) and takes one unit on every ' +
          'night atomically: 409 `sold_out` (with `night`) or `stay_restricted` when it does not fit. ' +
          '`status: "pending"` holds the rooms for `hold_minutes` until POST …/confirm. The guest details are ' +
          'kept on the reservation as sent; the stay is filed under the hotel’s guest profile for that email, ' +
          'created from them when there is none, and an existing profile is neither changed nor shown. The body is ' +
          'validated before the `Idempotency-Key` is looked at: a reused key with an invalid body is a 400.',
        request: { headers: IdempotencyHeaders, body: jsonBody(CreateReservationBody) },
        responses: { 201: reservation('Booked'), ...errorResponses(404, 409, 415, 422) },
      },
      // Before idempotent(): a replay must never answer for a hotel this credential may not access.
      requireBodyHotel('hotel_id'),
      idempotent({
        // The claim is made with the stay read (one round trip for both), after the body's validation.
        deferClaim: true,
        // The first attempt committed but failed before its response was stored: answer with it.
        // The claimed key (same credential, same body) proves the caller booked it, even from a fresh token.
        resume: async (c, id) => {
          const loaded = await loadReservation(c.env.DB, id);
          if (!loaded || !canAccessHotel(c.get('principal'), loaded.row.hotelId)) throw notFound('Reservation', id);
          return sendCreated(c, createdAnswer(c, loaded));
        },
      }),
    ),
    async (c) => {
      const body = c.req.valid('json');
      assertHotelAccess(c.get('principal'), body.hotel_id);
      const deferred = c.get('idempotencyDeferred');
      const idempotency = deferred && { deferred, answer: (made: LoadedReservation) => createdAnswer(c, made) };
      let reservation: Awaited<ReturnType<typeof createReservation>>;
      try {
        reservation = await createReservation(depsFromContext(c), c.get('principal'), body, idempotency);
      } catch (err) {
        // The key was in use: the stored answer, or why this request cannot run (422, 409).
        if (err instanceof ClaimNotTaken) return (await answerUnclaimed(c, err)) as never;
        throw err;
      }
      c.get('log').info('reservation created', { reservation_id: reservation.row.id, hotel_id: body.hotel_id });
      // The answer the batch stored is the one sent, to the byte.
      if (reservation.recorded) c.set('idempotencyRecorded', true);
      return sendCreated(c, reservation.recorded ?? createdAnswer(c, reservation));
    },
  )
  .openapi(
    securedRoute(READ_OR_WRITE, {
      method: 'post',
      path: '/reservations/lookup',
      tags,
      operationId: 'findReservation',
      summary: 'Find a reservation by confirmation number and guest email',
      description:
        'For a guest coming back to a widget: the reservation whose confirmation number and guest email both ' +
        'match, else 404, the same whichever half is wrong. A POST so the email stays out of URLs and logs.',
      request: { body: jsonBody(LookupReservationBody) },
      responses: { 200: reservation('The reservation'), ...errorResponses(404, 415) },
    }),
    async (c) => {
      const { confirmation_number, email } = c.req.valid('json');
      return respond(
        c,
        await lookupReservation(c.env.DB, c.get('principal'), { confirmationNumber: confirmation_number, email }),
      );
    },
  )
  .openapi(
    securedRoute(READ_OR_WRITE, {
      method: 'get',
      path: '/reservations/{id}',
      tags,
      operationId: 'getReservation',
      summary: 'Get a reservation',
      description: WHO_MAY.trim(),
      request: { params: IdParam, headers: ProofHeaders },
      responses: { 200: reservation('The reservation'), ...errorResponses(404) },
    }),
    async (c) => respond(c, await getReservationFor(c.env.DB, c.get('principal'), c.req.valid('param').id, proofOf(c))),
  )
  .openapi(
    securedRoute('reservations:write', {
      method: 'put',
      path: '/reservations/{id}',
      tags,
      operationId: 'modifyReservation',
      summary: 'Modify dates, rooms, party, guest or requests',
      description:
        'A changed stay is re-priced at current rates and its inventory moved atomically, or nothing changes ' +
        '(409). With `If-Match` (the ETag) a stale copy is refused with 412; without it the change applies. ' +
        'Guest details change this reservation only, never a guest profile; a new email files the stay under ' +
        'that email’s profile. A reservation a channel sold (`source` other than `direct`) changes only its ' +
        'guest details and requests here; its stay, rooms and party change through the channel (409).' +
        WHO_MAY,
      request: {
        params: IdParam,
        headers: ProofHeaders.extend({ 'if-match': z.string().optional() }),
        body: jsonBody(ModifyReservationBody),
      },
      responses: { 200: reservation('Modified'), ...errorResponses(404, 409, 412, 415) },
    }),
    async (c) => {
      const updated = await modifyReservation(
        depsFromContext(c),
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.header('if-match'),
        proofOf(c),
      );
      return respond(c, updated);
    },
  )
  .openapi(
    securedRoute('reservations:write', {
      method: 'post',
      path: '/reservations/{id}/cancel',
      tags,
      operationId: 'cancelReservation',
      summary: 'Cancel a reservation',
      description:
        'Releases the inventory and reports `cancellation_fee` from the booked rate plan’s policy (free until ' +
        'N hours before arrival at the hotel’s check-in time, then the penalty). Cancelling twice is harmless.' +
        WHO_MAY,
      request: { params: IdParam, headers: ProofHeaders },
      responses: { 200: reservation('Cancelled'), ...errorResponses(404, 409) },
    }),
    async (c) => {
      return respond(
        c,
        await cancelReservation(depsFromContext(c), c.get('principal'), c.req.valid('param').id, proofOf(c)),
      );
    },
  );

const ACTION_SUMMARIES: Record<HotelAction, string> = {
  confirm: 'Confirm a pending hold',
  'check-in': 'Record the guest’s arrival',
  'check-out': 'Record the guest’s departure',
  'no-show': 'Record a no-show (releases the inventory, charges the cancellation penalty)',
};

const ACTION_OPERATION_IDS: Record<HotelAction, string> = {
  confirm: 'confirmReservation',
  'check-in': 'checkInReservation',
  'check-out': 'checkOutReservation',
  'no-show': 'markReservationNoShow',
};

/** Confirming its own hold is the widget's last booking step; arrival, departure and no-show are the hotel's. */
const ACTION_SCOPES: Record<HotelAction, ScopeRule> = {
  confirm: 'reservations:write',
  'check-in': ['reservations:read', 'reservations:write'],
  'check-out': ['reservations:read', 'reservations:write'],
  'no-show': ['reservations:read', 'reservations:write'],
};

for (const action of Object.keys(HOTEL_ACTIONS) as HotelAction[]) {
  reservationRoutes.openapi(
    securedRoute(ACTION_SCOPES[action], {
      method: 'post',
      path: `/reservations/{id}/${action}`,
      tags,
      operationId: ACTION_OPERATION_IDS[action],
      summary: ACTION_SUMMARIES[action],
      description:
        'Legal transitions only: pending → confirmed; confirmed → checked_in | no_show; checked_in → checked_out.' +
        (action === 'confirm' ? WHO_MAY : ' Hotel-side: needs `reservations:read` and `reservations:write`.'),
      request: { params: IdParam, ...(action === 'confirm' ? { headers: ProofHeaders } : {}) },
      responses: { 200: reservation(`Now ${HOTEL_ACTIONS[action]}`), ...errorResponses(404, 409) },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      return respond(c, await transitionReservation(depsFromContext(c), c.get('principal'), id, action, proofOf(c)));
    },
  );
}
