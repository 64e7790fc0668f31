import { env } from 'cloudflare:workers';
import type { Square } from 'square';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import { newId } from '../../src/lib/ids';
import { recomputeAmountPaid } from '../../src/modules/payments/ledger';
import { type PaymentRefundRow, type PaymentRow, paymentRefunds } from '../../src/modules/payments/payments.table';
import { applySquareRefund } from '../../src/modules/payments/refund-state';
import { testDeps } from '../helpers/deps';
import { amountPaidOf, paymentRow } from '../helpers/payments';
import { bookableHotel, booked, bookingBody } from '../helpers/reservations';

async function setUp(amount = 10000) {
  const h = await bookableHotel();
  const reservation = await booked(bookingBody(h));
  const payment = await paymentRow(reservation, amount, { providerPaymentId: `SQP_${crypto.randomUUID()}` });
  return { reservation, payment };
}

/** A refund of ours as requestRefund leaves it once Square took it: pending, amount reserved. */
async function ourPendingRefund(payment: PaymentRow, amount: number, providerRefundId: string | null) {
  const now = new Date();
  const row: PaymentRefundRow = {
    id: newId('refund'),
    paymentId: payment.id,
    hotelId: payment.hotelId,
    reservationId: payment.reservationId,
    status: 'pending',
    amount,
    currency: payment.currency,
    reason: null,
    squareIdempotencyKey: crypto.randomUUID(),
    providerRefundId,
    origin: 'api',
    createdBy: null,
    errorCode: null,
    errorDetail: null,
    reconciledAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await createDb(env.DB).insert(paymentRefunds).values(row);
  await env.DB.batch([
    env.DB.prepare('UPDATE payments SET refunded_amount = refunded_amount + ? WHERE id = ?').bind(amount, payment.id),
    recomputeAmountPaid(env.DB, payment.reservationId, now),
  ]);
  return row;
}

function squareRefund(payment: PaymentRow, id: string, status: string, amount: number): Square.PaymentRefund {
  return {
    id,
    status,
    amountMoney: { amount: BigInt(amount), currency: payment.currency as 'USD' },
    paymentId: payment.providerPaymentId,
    locationId: 'LTESTPLATFORM',
  };
}

async function refundedEvents(paymentId: string) {
  const { results } = await env.DB.prepare(
    "SELECT data FROM outbox_events WHERE subject_id = ? AND type = 'payment.refunded'",
  )
    .bind(paymentId)
    .all<{ data: string }>();
  return results.map((r) => JSON.parse(r.data));
}

async function paymentRefunded(id: string) {
  return (await env.DB.prepare('SELECT refunded_amount FROM payments WHERE id = ?').bind(id).first())?.refunded_amount;
}

describe('applySquareRefund', () => {
  it('completes a pending refund once, with one payment.refunded event, however often and concurrently it is told', async () => {
    const { reservation, payment } = await setUp();
    const ours = await ourPendingRefund(payment, 3000, 'SQR_1');
    const deps = testDeps({ subscribers: [] });
    const done = squareRefund(payment, 'SQR_1', 'COMPLETED', 3000);
    const results = await Promise.all([
      applySquareRefund(deps, payment.hotelId, done, 'webhook'),
      applySquareRefund(deps, payment.hotelId, done, 'answer', ours.id),
      applySquareRefund(deps, payment.hotelId, done, 'reconcile'),
    ]);
    expect(results.map((r) => r.kind === 'applied' && r.refund.status)).toEqual([
      'completed',
      'completed',
      'completed',
    ]);
    await applySquareRefund(deps, payment.hotelId, done, 'webhook');
    const events = await refundedEvents(payment.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: payment.id,
      refunded_amount: 3000,
      refund: { id: ours.id, status: 'completed' },
    });
    expect(await amountPaidOf(reservation.id)).toBe(7000);
    // A late PENDING changes nothing.
    const late = await applySquareRefund(
      deps,
      payment.hotelId,
      squareRefund(payment, 'SQR_1', 'PENDING', 3000),
      'webhook',
    );
    expect(late).toMatchObject({ kind: 'applied', refund: { status: 'completed' } });
  });

  it('gives the amount back when Square rejects or fails a refund', async () => {
    const { reservation, payment } = await setUp();
    await ourPendingRefund(payment, 4000, 'SQR_REJ');
    expect(await amountPaidOf(reservation.id)).toBe(6000);
    const deps = testDeps({ subscribers: [] });
    const result = await applySquareRefund(
      deps,
      payment.hotelId,
      squareRefund(payment, 'SQR_REJ', 'REJECTED', 4000),
      'webhook',
    );
    expect(result).toMatchObject({ kind: 'applied', refund: { status: 'rejected' } });
    expect(await paymentRefunded(payment.id)).toBe(0);
    expect(await amountPaidOf(reservation.id)).toBe(10000);
    expect(await refundedEvents(payment.id)).toHaveLength(0);
    // A rejected refund stays rejected: a late COMPLETED cannot take the money a second time.
    await applySquareRefund(deps, payment.hotelId, squareRefund(payment, 'SQR_REJ', 'COMPLETED', 4000), 'webhook');
    expect(await amountPaidOf(reservation.id)).toBe(10000);
  });

  it('records a refund made in Square’s dashboard once, even from duplicate concurrent notifications', async () => {
    const { reservation, payment } = await setUp();
    const deps = testDeps({ subscribers: [] });
    const dashboard = squareRefund(payment, 'SQR_DASH', 'COMPLETED', 2500);
    const results = await Promise.all([
      applySquareRefund(deps, payment.hotelId, dashboard, 'webhook'),
      applySquareRefund(deps, payment.hotelId, dashboard, 'webhook'),
    ]);
    expect(results.every((r) => r.kind === 'applied')).toBe(true);
    const { results: rows } = await env.DB.prepare(
      'SELECT origin, status, amount FROM payment_refunds WHERE payment_id = ?',
    )
      .bind(payment.id)
      .all();
    expect(rows).toEqual([{ origin: 'square', status: 'completed', amount: 2500 }]);
    expect(await refundedEvents(payment.id)).toHaveLength(1);
    expect(await paymentRefunded(payment.id)).toBe(2500);
    expect(await amountPaidOf(reservation.id)).toBe(7500);
  });

  it('waits while one of our own refunds of the payment awaits Square’s answer, and ignores other payments', async () => {
    const { payment } = await setUp();
    await ourPendingRefund(payment, 1000, null);
    const deps = testDeps({ subscribers: [] });
    const unknown = await applySquareRefund(
      deps,
      payment.hotelId,
      squareRefund(payment, 'SQR_NEW', 'PENDING', 1000),
      'webhook',
    );
    expect(unknown).toEqual({ kind: 'retry', reason: 'own_refund_in_flight' });
    const notOurs = await applySquareRefund(
      deps,
      payment.hotelId,
      { ...squareRefund(payment, 'SQR_X', 'COMPLETED', 10), paymentId: 'SOMEONE_ELSES' },
      'webhook',
    );
    expect(notOurs).toEqual({ kind: 'unknown_payment' });
  });
});
