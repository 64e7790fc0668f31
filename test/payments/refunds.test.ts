import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { SquareEmulator } from '../../emulators/square/emulator.ts';
import { reconcileRefunds } from '../../src/modules/payments/refunds.reconcile';
import { createApiKey } from '../helpers/builders';
import { testDeps } from '../helpers/deps';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { amountPaidOf, paid, paymentRow, refundRequests, squarePayment } from '../helpers/payments';
import { bookableHotel, booked, bookingBody } from '../helpers/reservations';
import { SQUARE, useSquare } from '../helpers/square';

let square: SquareEmulator;

async function aPaidReservation(amount = 10000) {
  const h = await bookableHotel();
  const reservation = await booked(bookingBody(h));
  const payment = await paid(square, reservation, amount);
  return { h, reservation, payment };
}

function refund(paymentId: string, body: unknown, key?: string, options: { seed?: boolean; auth?: any } = {}) {
  const prefix = options.seed ? '/api' : '/api/v1';
  return call('POST', `${prefix}/payments/${paymentId}/refunds`, {
    body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
    ...(options.auth ? { auth: options.auth } : {}),
  });
}

async function refundRow(id: string) {
  return env.DB.prepare('SELECT status, amount, provider_refund_id, error_code FROM payment_refunds WHERE id = ?')
    .bind(id)
    .first();
}

async function refundedAmount(paymentId: string) {
  const row = await env.DB.prepare('SELECT refunded_amount FROM payments WHERE id = ?').bind(paymentId).first();
  return row?.refunded_amount;
}

describe('POST /api/v1/payments/:id/refunds', () => {
  it('sends Square the exact refund, partial then full, and refuses anything beyond', async () => {
    square = useSquare();
    const { reservation, payment } = await aPaidReservation(10000);
    expect(await amountPaidOf(reservation.id)).toBe(10000);

    const first = await expectStatus(refund(payment.id, { amount: 4000, reason: 'Late arrival' }, 'refund-1'), 201);
    expect(first).toMatchObject({ payment_id: payment.id, status: 'pending', amount: 4000, origin: 'api' });
    expect(first.provider_refund_id).toMatch(/^SQPAY/);
    const [sent] = refundRequests(square);
    expect(sent?.headers.authorization).toBe(`Bearer ${SQUARE.token}`);
    expect(sent?.body).toEqual({
      idempotency_key: expect.stringMatching(/^rf_[0-9a-f]{40}$/),
      amount_money: { amount: 4000, currency: reservation.currency },
      payment_id: payment.providerPaymentId,
      reason: 'Late arrival',
    });
    expect(sent?.body.idempotency_key.length).toBeLessThanOrEqual(45);
    expect(await amountPaidOf(reservation.id)).toBe(6000);

    await expectStatus(refund(payment.id, { amount: 6000 }, 'refund-2', { seed: true }), 201);
    expect(await amountPaidOf(reservation.id)).toBe(0);

    const beyond = await expectProblem(refund(payment.id, { amount: 1 }, 'refund-3'), 409, 'refund_exceeds_balance');
    expect(beyond.refundable_amount).toBe(0);
    expect(refundRequests(square)).toHaveLength(2);
    expect(await refundedAmount(payment.id)).toBe(10000);

    const list = await expectStatus(call('GET', `/api/v1/payments/${payment.id}/refunds`), 200);
    expect(list.data.map((r: any) => r.amount)).toEqual([6000, 4000]);
  });

  it('never lets two concurrent refunds together exceed the payment: one is refused, Square sees one', async () => {
    square = useSquare();
    const { reservation, payment } = await aPaidReservation(10000);
    const answers = await Promise.all([
      refund(payment.id, { amount: 6000 }, 'race-a'),
      refund(payment.id, { amount: 6000 }, 'race-b'),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(refundRequests(square)).toHaveLength(1);
    expect(await refundedAmount(payment.id)).toBe(6000);
    expect(await amountPaidOf(reservation.id)).toBe(4000);
  });

  it('replays a retry with the same key and refuses the key with another body', async () => {
    square = useSquare();
    const { payment } = await aPaidReservation(10000);
    const first = await refund(payment.id, { amount: 2500 }, 'same-key');
    const body = await expectStatus(first, 201);
    const again = await refund(payment.id, { amount: 2500 }, 'same-key');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await expectStatus(again, 201)).id).toBe(body.id);
    await expectProblem(refund(payment.id, { amount: 3000 }, 'same-key'), 422, 'idempotency_key_reused');
    expect(refundRequests(square)).toHaveLength(1);
    expect(await refundedAmount(payment.id)).toBe(2500);
  });

  it('does not refund what an open dispute holds', async () => {
    square = useSquare();
    const { reservation, payment } = await aPaidReservation(10000);
    await env.DB.prepare('UPDATE payments SET disputed_amount = 4000 WHERE id = ?').bind(payment.id).run();
    const problem = await expectProblem(refund(payment.id, { amount: 7000 }), 409, 'refund_exceeds_balance');
    expect(problem.refundable_amount).toBe(6000);
    await expectStatus(refund(payment.id, { amount: 6000 }), 201);
    expect(refundRequests(square)).toHaveLength(1);
    expect(await amountPaidOf(reservation.id)).toBe(10000 - 4000 - 6000);
  });

  it('refuses a payment that is not completed, bad amounts, and other hotels’ payments', async () => {
    square = useSquare();
    const { h, reservation, payment } = await aPaidReservation(5000);
    const approved = await paymentRow(reservation, 3000, { status: 'approved', providerPaymentId: 'SQ-APPROVED' });
    await expectProblem(refund(approved.id, { amount: 100 }), 409, 'invalid_state');
    await expectProblem(refund(payment.id, { amount: 0 }), 400, 'validation_failed');
    await expectProblem(refund(payment.id, { amount: 10.5 }), 400, 'validation_failed');
    await expectProblem(refund(payment.id, { amount: 10, currency: 'EUR' }), 400, 'validation_failed');

    const other = await bookableHotel();
    const otherKey = await createApiKey({ scopes: ['payments:read', 'payments:write'], hotel_ids: [other.hotel.id] });
    await expectProblem(refund(payment.id, { amount: 100 }, 'k', { auth: { apiKey: otherKey.key } }), 404, 'not_found');
    await expectProblem(
      call('GET', `/api/v1/payments/${payment.id}/refunds`, { auth: { apiKey: otherKey.key } }),
      404,
      'not_found',
    );
    // payments:write alone is a booking widget's scope: refunding is the hotel's (payments:read too).
    const widget = await createApiKey({ scopes: ['payments:write'], hotel_ids: [h.hotel.id] });
    await expectProblem(refund(payment.id, { amount: 100 }, 'w', { auth: { apiKey: widget.key } }), 403, 'forbidden');
    const own = await createApiKey({ scopes: ['payments:read', 'payments:write'], hotel_ids: [h.hotel.id] });
    await expectStatus(refund(payment.id, { amount: 100 }, 'own', { auth: { apiKey: own.key } }), 201);
    expect(refundRequests(square)).toHaveLength(1);
  });

  it('records a refund Square refuses as failed and gives the amount back (never a 500)', async () => {
    square = useSquare();
    const h = await bookableHotel();
    const reservation = await booked(bookingBody(h));
    // Our books say 10000 was captured; Square holds only 5000 on that payment.
    const sq = await squarePayment(square, 5000, reservation.currency);
    const payment = await paymentRow(reservation, 10000, { providerPaymentId: sq.id });
    const problem = await expectProblem(
      refund(payment.id, { amount: 8000 }, 'too-much'),
      409,
      'refund_exceeds_balance',
    );
    expect(problem.square_code).toBe('REFUND_AMOUNT_INVALID');
    expect(await refundRow(problem.refund_id)).toMatchObject({ status: 'failed', error_code: 'REFUND_AMOUNT_INVALID' });
    expect(await refundedAmount(payment.id)).toBe(0);
    expect(await amountPaidOf(reservation.id)).toBe(10000);

    const unknown = await paymentRow(reservation, 2000, { providerPaymentId: 'SQ-NOT-AT-SQUARE' });
    const gateway = await expectProblem(refund(unknown.id, { amount: 500 }, 'unknown'), 502, 'gateway_error');
    expect(gateway.square_code).toBe('NOT_FOUND');
    // 502 is not remembered: the retry continues the same (failed) refund instead of making another.
    await expectProblem(refund(unknown.id, { amount: 500 }, 'unknown'), 502, 'gateway_error');
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM payment_refunds WHERE payment_id = ?')
      .bind(unknown.id)
      .first();
    expect(rows?.n).toBe(1);
    expect(await refundedAmount(unknown.id)).toBe(0);
  });

  it('keeps a refund whose answer is lost pending, and reconciliation makes exactly one at Square', async () => {
    square = useSquare();
    const { reservation, payment } = await aPaidReservation(10000);
    square.fault({ kind: 'drop-after', path: /^\/v2\/refunds$/ });
    square.fault({ kind: 'drop-after', path: /^\/v2\/refunds$/ });
    const pending = await expectStatus(refund(payment.id, { amount: 3000 }, 'lost'), 202);
    expect(pending).toMatchObject({ status: 'pending', provider_refund_id: null });
    expect(await amountPaidOf(reservation.id)).toBe(7000);

    // Too early: a request may still be waiting for Square.
    expect(await reconcileRefunds(testDeps(), new Date())).toMatchObject({ checked: 0 });
    const later = new Date(Date.now() + 10 * 60_000);
    await reconcileRefunds(testDeps(), later);
    expect(await refundRow(pending.id)).toMatchObject({ status: 'pending', provider_refund_id: expect.any(String) });
    const sent = refundRequests(square);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((s) => s.body.idempotency_key)).size).toBe(1);
    expect(square.state.refunds.size).toBe(1);
    expect(await refundedAmount(payment.id)).toBe(3000);
    expect(await amountPaidOf(reservation.id)).toBe(7000);

    // Square completes it; the next run sees that and the refund completes once.
    for (const r of square.state.refunds.values()) r.status = 'COMPLETED';
    await reconcileRefunds(testDeps(), new Date(later.getTime() + 10 * 60_000));
    expect(await refundRow(pending.id)).toMatchObject({ status: 'completed' });
    const events = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM outbox_events WHERE subject_id = ? AND type = 'payment.refunded'",
    )
      .bind(payment.id)
      .first();
    expect(events?.n).toBe(1);
  });
});
