import { env } from 'cloudflare:workers';
import type { SquareEmulator } from '../../emulators/square/emulator.ts';
import { createDb } from '../../src/db';
import { newId } from '../../src/lib/ids';
import { recomputeAmountPaid } from '../../src/modules/payments/ledger';
import { type PaymentRow, payments } from '../../src/modules/payments/payments.table';
import { SQUARE } from './square';

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
