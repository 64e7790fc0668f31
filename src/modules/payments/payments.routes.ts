import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { depsFromContext } from '../../deps';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { clientKeyOfAddress } from '../../lib/ip';
import { createRouter } from '../../lib/openapi';
import { CurrencyCode, errorResponses, jsonBody, jsonContent, PaginationQuery, pageOf } from '../../lib/schemas';
import { HOTEL_PAYMENTS } from '../auth/scopes';
import { securedRoute } from '../auth/secured-route';
import { IdempotencyHeaders } from '../idempotency/idempotency.middleware';
import { KEY_HEADER, REPLAYED_HEADER, resolveIdempotencyKey } from '../idempotency/idempotency.rules';
import { reviewPayment } from './payment-review';
import { listPayments, paymentFor } from './payments.query';
import { paymentView } from './payments.repo';
import { PaymentSchema } from './payments.schema';
import { createPayment, type PaymentBody } from './payments.service';
import { PAYMENT_STATUSES } from './payments.table';

const tags = ['Payments'];

const PaymentRequest = z
  .object({
    amount: z.number().int().positive().max(99_999_999).openapi({ description: 'Minor units', example: 15000 }),
    currency: CurrencyCode.openapi({ description: "The reservation's currency" }),
    source_id: z
      .string()
      .min(1)
      .max(512)
      .openapi({
        description:
          "Square's payment token from the Web Payments SDK: a card nonce (`cnon:`), an Apple Pay / Google Pay " +
          'token, an ACH bank token (`bnon:`), or a card on file (`ccof:`, with `customer_id`).',
        example: 'cnon:card-nonce-ok',
      }),
    reservation_id: z.string().min(1).max(64),
    idempotency_key: z.string().min(1).max(255).optional().openapi({
      description: 'The idempotency key (or send the `Idempotency-Key` header; when both are sent they must agree).',
    }),
    verification_token: z.string().min(1).max(2048).optional().openapi({
      description: 'From `verifyBuyer` (3-D Secure / SCA), when the card needs it.',
    }),
    customer_id: z.string().min(1).max(191).optional().openapi({ description: 'Square customer of a `ccof:` card' }),
    autocomplete: z.boolean().default(true).openapi({
      description: '`false` only authorises (a deposit): capture or void it with /complete or /cancel.',
    }),
    allow_overpayment: z.boolean().default(false).openapi({
      description: 'Take more than the balance due (hotel-side credentials only, `reservations:read`).',
    }),
    source_type: z.enum(['card', 'wallet', 'bank_account']).optional(),
    note: z.string().max(500).optional().openapi({ description: "Shown in Square's dashboard" }),
  })
  .openapi('PaymentRequest');

/** A booker (payments:write without payments:read) pays only what it booked, or proves the guest with these. */
const PaymentHeaders = IdempotencyHeaders.extend({
  'x-confirmation-number': z.string().max(64).optional().openapi({
    description: 'With X-Guest-Email: proves the guest, for a booking widget paying a reservation it did not book',
  }),
  'x-guest-email': z.string().max(254).optional().openapi({ description: 'The reservation’s guest email' }),
});

const DeclineProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.literal(402),
    detail: z.string(),
    code: z.string().openapi({ description: "Square's error code", example: 'GENERIC_DECLINE' }),
    request_id: z.string(),
    payment_id: z.string(),
    payment: PaymentSchema,
  })
  .openapi('PaymentDeclinedProblem');

const problem = (description: string, schema: z.ZodType = DeclineProblem) => ({
  description,
  content: { 'application/problem+json': { schema } },
});

const CREATE_DESCRIPTION =
  'Charges (or, with `autocomplete: false`, authorises) a payment source through Square for a reservation. ' +
  'An idempotency key is required (`Idempotency-Key` header or body `idempotency_key`): the same key and body ' +
  'return the same payment with `Idempotent-Replayed: true`; the same key with another body is 422 ' +
  '`idempotency_key_reused`; while the first request still talks to Square, 409 `idempotency_in_flight`. ' +
  'The key sent to Square is derived from the hotel and this key, so a retry never charges twice.\n\n' +
  'A booking widget (`payments:write` without `payments:read`/`reservations:read`) may pay only reservations it ' +
  'booked, or one whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`; any other is 404.\n\n' +
  'The amount must be in the reservation’s currency and at most its balance due less payments in progress ' +
  '(pending or authorised), unless `allow_overpayment`; after a cancellation only the cancellation fee is due.\n\n' +
  'Outcomes: **201** the payment — `completed`, `approved` (authorised; also when the hotel holds high-risk ' +
  'payments and Square rated it HIGH: `held_for_review`), or `pending` with a `provider_payment_id` (ACH: ' +
  'Square settles it later). **402** Square declined the source: `code` is Square’s (`GENERIC_DECLINE`, ' +
  '`CVV_FAILURE`, `INSUFFICIENT_FUNDS`, `CARD_DECLINED_VERIFICATION_REQUIRED` — run 3-D Secure (`verifyBuyer`) ' +
  'and retry with `verification_token` and a new key —, `CARD_TOKEN_USED`, …); nothing is paid. **502** ' +
  '`gateway_error`: Square refused the request for a reason that is not the buyer’s (nothing charged). ' +
  '**504** `gateway_timeout`: Square did not answer in time; the payment (`payment_id`) stays `pending` and ' +
  'is resolved by retrying the same request with the same key, or by the reconciliation job within minutes. ' +
  '**429** `payment_velocity_exceeded`: too many attempts for this reservation, guest email, card or client ' +
  'address (`limit` names which; `Retry-After`).';

function createRoute(path: '/payments' | '/payments/process', operationId: string, summary: string) {
  return securedRoute('payments:write', {
    method: 'post',
    path,
    tags,
    operationId,
    summary,
    description: CREATE_DESCRIPTION,
    request: { headers: PaymentHeaders, body: jsonBody(PaymentRequest) },
    responses: {
      201: {
        ...jsonContent(PaymentSchema, 'The payment'),
        headers: { [REPLAYED_HEADER]: { schema: { type: 'string' }, description: '`true` on a replay' } },
      },
      402: problem('Declined by Square; `code` is Square’s error code'),
      ...errorResponses(404, 409, 415, 422, 502, 503, 504),
    },
  });
}

async function takePayment(c: Context<AppEnv>, body: PaymentBody) {
  const key = resolveIdempotencyKey({
    header: c.req.header(KEY_HEADER),
    bodyText: await c.req.text(),
    bodyKey: 'idempotency_key',
  });
  if (!key.ok) throw new AppError('validation_failed', key.detail, { errors: key.errors });
  if (key.value === null) {
    throw new AppError('validation_failed', 'A payment needs an idempotency key.', {
      errors: [{ path: 'idempotency_key', message: `required (or send the ${KEY_HEADER} header)` }],
    });
  }
  const address = c.req.header('cf-connecting-ip');
  const confirmationNumber = c.req.header('x-confirmation-number');
  const email = c.req.header('x-guest-email');
  const row = await createPayment(depsFromContext(c), {
    principal: c.get('principal'),
    body,
    key: key.value,
    clientIp: address ? clientKeyOfAddress(address) : null,
    proof: confirmationNumber && email ? { confirmationNumber, email } : undefined,
  });
  if (row.replayed) c.header(REPLAYED_HEADER, 'true');
  c.header('Location', `/api/v1/payments/${row.id}`);
  return paymentView(row);
}

const IdParam = z.object({ id: z.string().min(1).max(64) });

function reviewRoute(action: 'complete' | 'cancel') {
  return securedRoute(HOTEL_PAYMENTS, {
    method: 'post',
    path: `/payments/{id}/${action}`,
    tags,
    operationId: action === 'complete' ? 'completePayment' : 'cancelPayment',
    summary: action === 'complete' ? 'Capture an authorised payment' : 'Void an authorised payment',
    description:
      `Only an \`approved\` payment (a deposit, or one held for review) can ${action}; asking again after it ` +
      'happened answers the payment as it is; any other state is 409 `invalid_state`. 504: Square did not ' +
      'answer, nothing changed here, retry. Hotel-side: needs `payments:read` and `payments:write` (a booking ' +
      'widget’s `payments:write` alone may not capture or void, e.g. a payment held for the hotel’s risk review).',
    request: { params: IdParam },
    responses: {
      200: jsonContent(PaymentSchema, 'The payment'),
      ...errorResponses(404, 409, 502, 503, 504),
    },
  });
}

/** Mounted at /api/v1 and at /api (the seed's `/api/payments/process`). */
export const paymentRoutes = createRouter()
  .openapi(createRoute('/payments', 'createPayment', 'Take a payment'), async (c) =>
    c.json(await takePayment(c, c.req.valid('json')), 201),
  )
  .openapi(createRoute('/payments/process', 'processPayment', 'Take a payment (seed path)'), async (c) =>
    c.json(await takePayment(c, c.req.valid('json')), 201),
  )
  .openapi(
    securedRoute('payments:read', {
      method: 'get',
      path: '/payments/{id}',
      tags,
      operationId: 'getPayment',
      summary: 'A payment',
      request: { params: IdParam },
      responses: { 200: jsonContent(PaymentSchema, 'The payment'), ...errorResponses(404) },
    }),
    async (c) => c.json(paymentView(await paymentFor(c.get('db'), c.get('principal'), c.req.valid('param').id)), 200),
  )
  .openapi(reviewRoute('complete'), async (c) => {
    const row = await reviewPayment(depsFromContext(c), c.get('principal'), c.req.valid('param').id, 'complete');
    return c.json(paymentView(row), 200);
  })
  .openapi(reviewRoute('cancel'), async (c) => {
    const row = await reviewPayment(depsFromContext(c), c.get('principal'), c.req.valid('param').id, 'cancel');
    return c.json(paymentView(row), 200);
  });

const ListQuery = PaginationQuery.extend({
  reservation_id: z.string().min(1).max(64).optional(),
  status: z.enum(PAYMENT_STATUSES).optional(),
});

export const hotelPaymentRoutes = createRouter().openapi(
  securedRoute('payments:read', {
    method: 'get',
    path: '/hotels/{hotel_id}/payments',
    tags,
    operationId: 'listHotelPayments',
    summary: 'List a hotel’s payments',
    description: 'Newest first; filter by reservation and status.',
    request: { params: z.object({ hotel_id: z.string().min(1).max(64) }), query: ListQuery },
    responses: { 200: jsonContent(pageOf(PaymentSchema, 'PaymentPage'), 'A page of payments'), ...errorResponses(404) },
  }),
  async (c) => c.json(await listPayments(c.get('db'), c.req.valid('param').hotel_id, c.req.valid('query')), 200),
);
