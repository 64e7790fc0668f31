import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { depsFromContext } from '../../deps';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonBody, jsonContent } from '../../lib/schemas';
import { canAccessHotel } from '../auth/access';
import { HOTEL_PAYMENTS } from '../auth/scopes';
import { securedRoute } from '../auth/secured-route';
import { IdempotencyHeaders, idempotent } from '../idempotency/idempotency.middleware';
import { creatorOf } from '../reservations/access';
import { refundView } from './payments.repo';
import { RefundSchema } from './payments.schema';
import type { PaymentRefundRow, PaymentRow } from './payments.table';
import { loadPayment, loadRefund, refundsOf } from './refunds.repo';
import { continueRefund, refusalError, requestRefund, squareRefundKey } from './refunds.service';

const tags = ['Payments'];
const IdParam = z.object({ id: z.string().min(1).max(64) });

export const CreateRefundBody = z
  .object({
    amount: z.number().int().positive().max(100_000_000).openapi({ description: 'Minor units', example: 5000 }),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(192)
      .optional()
      .openapi({ description: 'Sent to Square (at most 192 characters)' }),
  })
  .strict()
  .openapi('CreateRefund');

/** The payment in the path, for this credential: another hotel's payment is as unknown as a missing one. */
async function pathPayment(c: Context<AppEnv>): Promise<PaymentRow> {
  const id = c.req.param('id') ?? '';
  const payment = await loadPayment(c.env.DB, id);
  if (!payment || !canAccessHotel(c.get('principal'), payment.hotelId)) throw notFound('Payment', id);
  return payment;
}

/** Before idempotent(): a replay never answers for a payment the caller may not see. */
const paymentInPath = createMiddleware<AppEnv>(async (c, next) => {
  await pathPayment(c);
  await next();
});

/** 201 once Square took it (pending or completed), 202 while Square's answer is outstanding, else the refusal. */
function answer(c: Context<AppEnv>, refund: PaymentRefundRow) {
  if (refund.status === 'failed' || refund.status === 'rejected') throw refusalError(refund);
  c.header('Location', `/api/v1/payments/${refund.paymentId}/refunds`);
  return c.json(refundView(refund), refund.providerRefundId === null ? 202 : 201);
}

const refund = (description: string) => jsonContent(RefundSchema, description);

/** Mounted at /api/v1 and at the seed prefix /api (`/api/payments/*` = `/api/v1/payments/*`). */
export const refundRoutes = createRouter()
  .openapi(
    securedRoute(
      HOTEL_PAYMENTS,
      {
        method: 'post',
        path: '/payments/{id}/refunds',
        tags,
        operationId: 'createRefund',
        summary: 'Refund a payment, partly or fully',
        description:
          'Never more than captured less refunds already asked for (and less any amount under an open dispute): ' +
          'beyond that → 409 `refund_exceeds_balance` with `refundable_amount`; a payment that is not `completed` → ' +
          '409 `invalid_state`. The amount is reserved before Square is asked, so concurrent refunds cannot ' +
          'together exceed it. Square refusing → the refund is `failed` and the amount is refundable again: 402 ' +
          '(a decline, `code` is Square’s), 409, or 502 `gateway_error`. 201: Square took it (`pending` until ' +
          'Square settles it, then `completed` and the event `payment.refunded`). 202: Square’s answer could not be ' +
          'had; the refund stays `pending` and is finished with the same Square idempotency key by a retry of ' +
          'this request or by the reconciliation job. With `Idempotency-Key` a retry never refunds twice. ' +
          'Hotel-side: needs `payments:read` and `payments:write` (a booking widget’s `payments:write` alone is 403).',
        request: { params: IdParam, headers: IdempotencyHeaders, body: jsonBody(CreateRefundBody) },
        responses: {
          201: refund('Refund accepted by Square'),
          202: refund('Refund recorded, Square’s answer outstanding'),
          ...errorResponses(402, 404, 409, 415, 422, 502),
        },
      },
      paymentInPath,
      idempotent({
        // Committed, answer lost before it was stored: continue the very refund this key made.
        resume: async (c, refundId) => {
          const row = await loadRefund(c.env.DB, refundId);
          if (!row || row.paymentId !== (await pathPayment(c)).id) throw notFound('Refund', refundId);
          return answer(c, await continueRefund(depsFromContext(c), row));
        },
      }),
    ),
    async (c) => {
      const payment = await pathPayment(c);
      const body = c.req.valid('json');
      const claim = c.get('idempotency');
      // Derived from our key (per credential), so every retry sends Square the same key; no key → a new refund.
      const squareKey = claim
        ? await squareRefundKey('rf', claim.principalId, claim.key, payment.id)
        : await squareRefundKey('rf', crypto.randomUUID());
      const row = await requestRefund(depsFromContext(c), payment, body, {
        squareKey,
        origin: 'api',
        createdBy: creatorOf(c.get('principal')),
        claim,
      });
      c.get('log').info('refund requested', { refund_id: row.id, payment_id: payment.id, status: row.status });
      return answer(c, row);
    },
  )
  .openapi(
    securedRoute('payments:read', {
      method: 'get',
      path: '/payments/{id}/refunds',
      tags,
      operationId: 'listPaymentRefunds',
      summary: 'List a payment’s refunds',
      description: 'Newest first: those asked for here, by a cancellation, and those made in Square’s dashboard.',
      request: { params: IdParam },
      responses: {
        200: jsonContent(z.object({ data: z.array(RefundSchema) }).openapi('RefundList'), 'The refunds'),
        ...errorResponses(404),
      },
    }),
    async (c) => c.json({ data: (await refundsOf(c.env.DB, (await pathPayment(c)).id)).map(refundView) }, 200),
  );
