import { z } from '@hono/zod-openapi';
import { notFound } from '../../errors';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonContent } from '../../lib/schemas';
import { securedRoute } from '../auth/secured-route';
import { getReservationFor } from '../reservations/reservations.service';
import { loadFolio } from './folio';
import { PAYMENT_SOURCES, PAYMENT_STATUSES, REFUND_STATUSES } from './payments.table';

const Charge = z.object({
  type: z.enum(['room_night', 'room', 'adjustment', 'cancellation_fee']),
  date: z.string().nullable(),
  room_type_id: z.string().nullable(),
  rate_plan_id: z.string().nullable(),
  amount: z.number().int(),
});

const FolioSchema = z
  .object({
    reservation_id: z.string(),
    status: z.string(),
    currency: z.string(),
    charges: z.array(Charge),
    payments: z.array(
      z.object({
        id: z.string(),
        type: z.enum(['payment', 'authorisation']),
        status: z.enum(PAYMENT_STATUSES),
        counts: z.boolean().openapi({ description: 'false for an authorisation: not paid until captured' }),
        amount: z.number().int(),
        refunded_amount: z.number().int(),
        source_type: z.enum(PAYMENT_SOURCES),
        card: z.object({ brand: z.string().nullable(), last4: z.string().nullable() }).nullable(),
        created_at: z.string(),
      }),
    ),
    refunds: z.array(
      z.object({
        id: z.string(),
        payment_id: z.string(),
        status: z.enum(REFUND_STATUSES),
        amount: z.number().int(),
        origin: z.enum(['api', 'cancellation', 'square']),
        reason: z.string().nullable(),
        created_at: z.string(),
      }),
    ),
    holds: z.array(
      z.object({
        payment_id: z.string(),
        amount: z.number().int(),
        disputes: z.array(
          z.object({
            id: z.string(),
            state: z.string(),
            reason: z.string().nullable(),
            evidence_due_at: z.string().nullable(),
          }),
        ),
      }),
    ),
    charges_total: z.number().int(),
    payments_total: z.number().int(),
    refunds_total: z.number().int(),
    holds_total: z.number().int(),
    amount_paid: z.number().int().openapi({ description: 'payments_total − refunds_total − holds_total' }),
    balance_due: z.number().int().openapi({ description: 'max(0, charges_total − amount_paid)' }),
  })
  .openapi('Folio');

/** Mounted at /api/v1/booking-engine and at the seed path /api/booking-engine, beside the reservation. */
export const folioRoutes = createRouter().openapi(
  securedRoute(
    { anyOf: ['reservations:read', 'reservations:write'] },
    {
      method: 'get',
      path: '/reservations/{id}/folio',
      tags: ['Payments'],
      operationId: 'getReservationFolio',
      summary: 'A reservation’s folio',
      description:
        'Charges (room nights; after a cancellation or no-show the cancellation fee), payments (authorisations ' +
        'listed with `counts: false`), refunds (pending or completed) and dispute holds. `amount_paid` and ' +
        '`balance_due` are the reservation’s own. Readable by whoever may read the reservation: hotel-side ' +
        'credentials, the widget that booked it, or a widget proving the guest with `X-Confirmation-Number` and ' +
        '`X-Guest-Email`; anyone else gets 404. Cards show brand and last 4 digits only.',
      request: {
        params: z.object({ id: z.string().min(1).max(64) }),
        headers: z.object({
          'x-confirmation-number': z.string().max(64).optional(),
          'x-guest-email': z.string().max(254).optional(),
        }),
      },
      responses: { 200: jsonContent(FolioSchema, 'The folio'), ...errorResponses(404) },
    },
  ),
  async (c) => {
    const { id } = c.req.valid('param');
    const confirmationNumber = c.req.header('x-confirmation-number');
    const email = c.req.header('x-guest-email');
    const proof = confirmationNumber && email ? { confirmationNumber, email } : undefined;
    await getReservationFor(c.env.DB, c.get('principal'), id, proof);
    const folio = await loadFolio(c.env.DB, id);
    if (!folio) throw notFound('Reservation', id);
    return c.json(folio, 200);
  },
);
