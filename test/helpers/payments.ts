import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { SquareEmulator } from '../../emulators/square/emulator.ts';
import { createDb } from '../../src/db';
import worker from '../../src/index';
import { newId } from '../../src/lib/ids';
import { recomputeAmountPaid } from '../../src/modules/payments/ledger';
import { type PaymentRow, payments } from '../../src/modules/payments/payments.table';
import { ADMIN_KEY, type Auth, call } from './http';
import { bookableHotel, booked, bookingBody } from './reservations';
import { SQUARE } from './square';

let guests = 0;

/** A booked 2-night stay (20,000 EUR) at a new hotel, for a guest of its own (velocity counts by email). */
export async function payableReservation(guestEmail = `payer${++guests}.${Date.now()}@example.com`) {
  const h = await bookableHotel();
  const guest = { first_name: 'Ada', last_name: 'Lovelace', email: guestEmail };
  const reservation = await booked(bookingBody(h, { guest }));
  return { ...h, reservation };
}

export function paymentBody(reservation: { id: string; currency: string }, overrides: Record<string, unknown> = {}) {
  return {
    amount: 5000,
    currency: reservation.currency,
    source_id: 'cnon:card-nonce-ok',
    reservation_id: reservation.id,
    idempotency_key: crypto.randomUUID(),
    ...overrides,
  };
}

export function pay(body: unknown, options: { auth?: Auth; headers?: Record<string, string>; path?: string } = {}) {
  return call('POST', options.path ?? '/api/v1/payments', { body, auth: options.auth, headers: options.headers });
}

/** A request through the worker with extra bindings (e.g. a short PAYMENT_GATEWAY_TIMEOUT_MS). */
export async function payWith(vars: Record<string, string>, body: unknown, headers: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const request = new Request('http://localhost/api/v1/payments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY, ...headers },
    body: JSON.stringify(body),
  });
  const res = await worker.fetch(request, { ...env, ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** The CreatePayment requests Square received (parsed bodies). */
export function createRequests(square: SquareEmulator) {
  return square.state.received
    .filter((r) => r.method === 'POST' && r.path === '/v2/payments')
    .map((r) => ({ headers: r.headers, body: JSON.parse(r.body) as Record<string, any> }));
}

/** Square's payments for a reservation (reference_id), as Square holds them. */
export function squarePaymentsOf(square: SquareEmulator, reservationId: string) {
  return [...square.state.payments.values()].filter((p) => p.reference_id === reservationId);
}

export async function reservationMoney(id: string) {
  return env.DB.prepare('SELECT amount_paid, total_amount FROM reservations WHERE id = ?')
    .bind(id)
    .first<{ amount_paid: number; total_amount: number }>();
}

/** The ledger equals Square: amount_paid is what Square captured for the reservation. */
export async function expectLedgerMatchesSquare(square: SquareEmulator, reservationId: string) {
  const captured = squarePaymentsOf(square, reservationId)
    .filter((p) => p.status === 'COMPLETED')
    .reduce((sum, p) => sum + (p.amount_money as { amount: number }).amount, 0);
  expect((await reservationMoney(reservationId))?.amount_paid).toBe(captured);
}

export async function paymentRows(reservationId: string) {
  const { results } = await env.DB.prepare('SELECT * FROM payments WHERE reservation_id = ? ORDER BY id')
    .bind(reservationId)
    .all<Record<string, any>>();
  return results;
}

type ReservationRef = { id: string; hotel_id: string; currency: string };

/** Takes a payment in the emulator with the platform token, as Square would have it (its payment JSON). */
export async function squarePayment(
  square: SquareEmulator,
  amount: number,
  currency = 'USD',
  options: { autocomplete?: boolean } = {},
): Promise<{ id: string; status: string }> {
  const res = await square.fetch(
    new Request(`${SQUARE.url}/v2/payments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SQUARE.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        idempotency_key: crypto.randomUUID(),
        source_id: 'cnon:card-nonce-ok',
        amount_money: { amount, currency },
        autocomplete: options.autocomplete ?? true,
      }),
    }),
  );
  const body = (await res.json()) as { payment: { id: string; status: string } };
  return body.payment;
}

/**
 * A payment row of ours for `reservation` (written directly, not through POST /payments), with the
 * reservation's amount_paid recomputed from the ledger as the payment code does. `providerPaymentId`
 * names the Square payment (squarePayment) it stands for.
 */
/** The card fields of a payment Square has not answered yet. */
export const NO_CARD_YET = {
  riskLevel: null,
  cardBrand: null,
  cardLast4: null,
  cardExpMonth: null,
  cardExpYear: null,
  cardFingerprint: null,
} as const;

export async function paymentRow(
  reservation: ReservationRef,
  amount: number,
  fields: Partial<PaymentRow> = {},
): Promise<PaymentRow> {
  const now = new Date(Date.now() - 1000);
  const row: PaymentRow = {
    id: newId('payment'),
    hotelId: reservation.hotel_id,
    reservationId: reservation.id,
    status: 'completed',
    amount,
    currency: reservation.currency,
    refundedAmount: 0,
    sourceKind: 'card',
    account: 'platform',
    squareIdempotencyKey: crypto.randomUUID(),
    pendingRequest: null,
    providerPaymentId: null,
    autocomplete: true,
    heldForReview: false,
    riskLevel: 'NORMAL',
    cardBrand: 'VISA',
    cardLast4: '1111',
    cardExpMonth: 12,
    cardExpYear: 2030,
    cardFingerprint: 'sq-1-visa-4111',
    receiptUrl: null,
    errorCode: null,
    errorDetail: null,
    disputedAmount: 0,
    guestEmail: null,
    clientIp: null,
    createdBy: null,
    reconciledAt: null,
    requestHash: null,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
  await createDb(env.DB).insert(payments).values(row);
  await recomputeAmountPaid(env.DB, reservation.id, new Date()).run();
  return row;
}

/** A completed payment both in the emulator and in our books. */
export async function paid(
  square: SquareEmulator,
  reservation: ReservationRef,
  amount: number,
  fields: Partial<PaymentRow> = {},
) {
  const sq = await squarePayment(square, amount, reservation.currency);
  return paymentRow(reservation, amount, { providerPaymentId: sq.id, ...fields });
}

/** What Square was sent to /v2/refunds (POST), parsed. */
export function refundRequests(square: SquareEmulator) {
  return square.state.received
    .filter((r) => r.method === 'POST' && r.path === '/v2/refunds')
    .map((r) => ({ headers: r.headers, body: JSON.parse(r.body) as Record<string, any> }));
}

export async function amountPaidOf(reservationId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT amount_paid FROM reservations WHERE id = ?')
    .bind(reservationId)
    .first<{ amount_paid: number }>();
  return row?.amount_paid ?? Number.NaN;
}
