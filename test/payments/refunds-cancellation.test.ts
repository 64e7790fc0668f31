import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/modules/events/events.schema';
import { cancellationRefundJob, cancellationRefundSubscriber } from '../../src/modules/payments/cancellation-refund';
import { createApiKey } from '../helpers/builders';
import { recordingJobs, testDeps } from '../helpers/deps';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { amountPaidOf, paid, refundRequests } from '../helpers/payments';
import { act, book, bookableHotel, bookingBody } from '../helpers/reservations';
import { useSquare } from '../helpers/square';

const settingsUrl = (hotelId: string) => `/api/v1/hotels/${hotelId}/payment-settings`;

/** Two nights at 10,000 with the first night as the fee (no free cancellation). */
async function cancellable() {
  const h = await bookableHotel({
    ratePlan: { cancellation_policy: { free_until_hours: null, penalty: { type: 'first_night' } } },
  });
  return { h, reservation: await expectStatus(book(bookingBody(h)), 201) };
}

async function cancellationRefunds(reservationId: string) {
  const { results } = await env.DB.prepare(
    "SELECT payment_id, amount, status FROM payment_refunds WHERE reservation_id = ? AND origin = 'cancellation'",
  )
    .bind(reservationId)
    .all<{ payment_id: string; amount: number; status: string }>();
  return results;
}

describe('hotel payment settings', () => {
  it('are off until set, and only hotel-side credentials may change them', async () => {
    const { hotel } = await bookableHotel();
    expect(await expectStatus(call('GET', settingsUrl(hotel.id)), 200)).toEqual({
      auto_refund_on_cancel: false,
      hold_high_risk: false,
    });
    const body = { auto_refund_on_cancel: true, hold_high_risk: false };
    expect(await expectStatus(call('PUT', settingsUrl(hotel.id), { body }), 200)).toEqual(body);
    expect(await expectStatus(call('GET', settingsUrl(hotel.id)), 200)).toEqual(body);

    const widget = await createApiKey({ scopes: ['payments:write'], hotel_ids: [hotel.id] });
    await expectProblem(call('PUT', settingsUrl(hotel.id), { body, auth: { apiKey: widget.key } }), 403, 'forbidden');
    const other = await createApiKey({ scopes: ['payments:read', 'payments:write'], hotel_ids: ['htl_other'] });
    await expectProblem(call('GET', settingsUrl(hotel.id), { auth: { apiKey: other.key } }), 403, 'forbidden');
    await expectProblem(call('PUT', settingsUrl(hotel.id), { body: { auto_refund_on_cancel: true } }), 400);
    await expectProblem(call('GET', settingsUrl('htl_missing')), 404, 'not_found');
  });
});

describe('auto-refund on cancellation', () => {
  it('refunds paid less the fee from the newest payment, once, however often and concurrently the job runs', async () => {
    const square = useSquare();
    const { h, reservation } = await cancellable();
    await expectStatus(
      call('PUT', settingsUrl(h.hotel.id), { body: { auto_refund_on_cancel: true, hold_high_risk: false } }),
      200,
    );
    const older = await paid(square, reservation, 6000, { createdAt: new Date(Date.now() - 60_000) });
    const newer = await paid(square, reservation, 9000);
    await expectStatus(act(reservation.id, 'cancel'), 200);

    const deps = testDeps({ subscribers: [] });
    // Delivered twice at once (at-least-once queues), then once more later.
    await Promise.all([
      cancellationRefundJob.handle({ reservation_id: reservation.id }, deps),
      cancellationRefundJob.handle({ reservation_id: reservation.id }, deps),
    ]);
    await cancellationRefundJob.handle({ reservation_id: reservation.id }, deps);

    // Paid 15,000, fee 10,000 (first night): 5,000 back, all from the newest payment.
    expect(await cancellationRefunds(reservation.id)).toEqual([
      { payment_id: newer.id, amount: 5000, status: 'pending' },
    ]);
    expect(square.state.refunds.size).toBe(1);
    expect(refundRequests(square).map((r) => r.body.payment_id)).toEqual([newer.providerPaymentId]);
    expect(await amountPaidOf(reservation.id)).toBe(10000);
    expect(older.refundedAmount).toBe(0);
  });

  it('finishes, on a second run, a refund whose answer was lost, and never makes a second one', async () => {
    const square = useSquare();
    const { h, reservation } = await cancellable();
    await call('PUT', settingsUrl(h.hotel.id), { body: { auto_refund_on_cancel: true, hold_high_risk: false } });
    const older = await paid(square, reservation, 8000, { createdAt: new Date(Date.now() - 60_000) });
    const newer = await paid(square, reservation, 4000);
    await expectStatus(act(reservation.id, 'cancel'), 200);
    // Paid 12,000, fee 10,000 (first night): 2,000 back from the newest; both answers to it are lost.
    square.fault({ kind: 'drop-after', path: /^\/v2\/refunds$/ });
    square.fault({ kind: 'drop-after', path: /^\/v2\/refunds$/ });
    const deps = testDeps({ subscribers: [] });
    await cancellationRefundJob.handle({ reservation_id: reservation.id }, deps);
    expect(await cancellationRefunds(reservation.id)).toEqual([
      { payment_id: newer.id, amount: 2000, status: 'pending' },
    ]);
    // Soon after, the first run may still be waiting for Square: the refund is left to it.
    await cancellationRefundJob.handle({ reservation_id: reservation.id }, deps);
    expect(refundRequests(square)).toHaveLength(2);
    // Later, the same refund is sent again with its own key: Square answers with the one it made.
    const later = testDeps({ subscribers: [], now: () => new Date(Date.now() + 10 * 60_000) });
    await cancellationRefundJob.handle({ reservation_id: reservation.id }, later);
    expect(refundRequests(square)).toHaveLength(3);
    expect(square.state.refunds.size).toBe(1);
    const linked = await env.DB.prepare(
      "SELECT provider_refund_id FROM payment_refunds WHERE reservation_id = ? AND origin = 'cancellation'",
    )
      .bind(reservation.id)
      .first<{ provider_refund_id: string }>();
    expect(square.state.refunds.has(linked?.provider_refund_id ?? '')).toBe(true);
    expect(await cancellationRefunds(reservation.id)).toEqual([
      { payment_id: newer.id, amount: 2000, status: 'pending' },
    ]);
    const keys = new Set(refundRequests(square).map((r) => r.body.idempotency_key));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^cx_[0-9a-f]{40}$/);
    expect(await amountPaidOf(reservation.id)).toBe(10000);
    expect(await amountPaidOf(reservation.id)).toBe(older.amount + newer.amount - 2000);
  });

  it('refunds from several payments when the newest does not cover it', async () => {
    const square = useSquare();
    const h = await bookableHotel({
      ratePlan: { cancellation_policy: { free_until_hours: null, penalty: { type: 'percentage', percent: 10 } } },
    });
    const reservation = await expectStatus(book(bookingBody(h)), 201);
    await call('PUT', settingsUrl(h.hotel.id), { body: { auto_refund_on_cancel: true, hold_high_risk: false } });
    const older = await paid(square, reservation, 15000, { createdAt: new Date(Date.now() - 60_000) });
    const newer = await paid(square, reservation, 5000);
    await expectStatus(act(reservation.id, 'cancel'), 200);
    await cancellationRefundJob.handle({ reservation_id: reservation.id }, testDeps({ subscribers: [] }));
    // Paid 20,000, fee 2,000 → 18,000: 5,000 from the newest, 13,000 from the older.
    const made = await cancellationRefunds(reservation.id);
    expect(made.sort((a, b) => a.amount - b.amount)).toEqual([
      { payment_id: newer.id, amount: 5000, status: 'pending' },
      { payment_id: older.id, amount: 13000, status: 'pending' },
    ]);
    expect(await amountPaidOf(reservation.id)).toBe(2000);
  });

  it('does nothing when the hotel’s switch is off', async () => {
    const square = useSquare();
    const { reservation } = await cancellable();
    await paid(square, reservation, 15000);
    await expectStatus(act(reservation.id, 'cancel'), 200);
    await cancellationRefundJob.handle({ reservation_id: reservation.id }, testDeps({ subscribers: [] }));
    expect(await cancellationRefunds(reservation.id)).toEqual([]);
    expect(refundRequests(square)).toEqual([]);
    expect(await amountPaidOf(reservation.id)).toBe(15000);
  });

  it('is enqueued by a cancellation with money to give back, not by an expired hold', async () => {
    const jobs = recordingJobs();
    const deps = testDeps({ jobs });
    const event = (data: Record<string, unknown>) =>
      ({ id: 'evt_1', type: 'reservation.cancelled', created_at: '', hotel_id: 'h', data }) as EventEnvelope;
    await cancellationRefundSubscriber.handle(
      event({ id: 'res_1', status: 'cancelled', amount_paid: 5000, cancellation_fee: 0 }),
      deps,
    );
    await cancellationRefundSubscriber.handle(
      event({ id: 'res_2', status: 'expired', amount_paid: 5000, cancellation_fee: 0 }),
      deps,
    );
    await cancellationRefundSubscriber.handle(
      event({ id: 'res_3', status: 'cancelled', amount_paid: 5000, cancellation_fee: 5000 }),
      deps,
    );
    expect(jobs.sent).toEqual([cancellationRefundJob.message({ reservation_id: 'res_1' })]);
  });
});
