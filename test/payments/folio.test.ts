import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { recomputeAmountPaid } from '../../src/modules/payments/ledger';
import { createApiKey } from '../helpers/builders';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { paymentRow } from '../helpers/payments';
import { act, book, bookableHotel, bookingBody, getReservation } from '../helpers/reservations';

function folio(id: string, options: { auth?: any; headers?: Record<string, string>; seed?: boolean } = {}) {
  const base = options.seed ? '/api/booking-engine' : '/api/v1/booking-engine';
  return call('GET', `${base}/reservations/${id}/folio`, {
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
}

async function refundRow(
  payment: { id: string; hotelId: string; reservationId: string; currency: string },
  amount: number,
  status: string,
) {
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO payment_refunds (id, payment_id, hotel_id, reservation_id, status, amount, currency, square_idempotency_key,
         origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'api', ?, ?)`,
    ).bind(
      `rfd_${crypto.randomUUID()}`,
      payment.id,
      payment.hotelId,
      payment.reservationId,
      status,
      amount,
      payment.currency,
      crypto.randomUUID(),
      now,
      now,
    ),
    recomputeAmountPaid(env.DB, payment.reservationId, new Date()),
  ]);
}

/** The folio's totals must be the reservation's own amount_paid and balance_due. */
async function expectFolioMatchesReservation(id: string) {
  const [f, r] = await Promise.all([expectStatus(folio(id), 200), expectStatus(getReservation(id), 200)]);
  expect(f.amount_paid).toBe(r.amount_paid);
  expect(f.balance_due).toBe(r.balance_due);
  expect(f.amount_paid).toBe(f.payments_total - f.refunds_total - f.holds_total);
  expect(f.charges.reduce((n: number, c: any) => n + c.amount, 0)).toBe(f.charges_total);
  return f;
}

describe('GET …/reservations/:id/folio', () => {
  it('lists nights, payments, refunds and dispute holds, with totals equal to the reservation', async () => {
    const h = await bookableHotel();
    const reservation = await expectStatus(book(bookingBody(h)), 201);
    const empty = await expectFolioMatchesReservation(reservation.id);
    expect(empty.charges).toEqual([
      expect.objectContaining({ type: 'room_night', date: reservation.check_in, amount: 10000 }),
      expect.objectContaining({ type: 'room_night', amount: 10000 }),
    ]);
    expect(empty).toMatchObject({ charges_total: 20000, amount_paid: 0, balance_due: 20000 });

    const card = await paymentRow(reservation, 12000, { providerPaymentId: `SQP_${crypto.randomUUID()}` });
    await paymentRow(reservation, 5000, { status: 'approved', providerPaymentId: `SQP_${crypto.randomUUID()}` });
    await paymentRow(reservation, 3000, { status: 'failed', providerPaymentId: `SQP_${crypto.randomUUID()}` });
    await refundRow(card, 2000, 'completed');
    await refundRow(card, 1000, 'pending');
    await refundRow(card, 700, 'failed');
    await env.DB.batch([
      env.DB.prepare('UPDATE payments SET disputed_amount = 4000 WHERE id = ?').bind(card.id),
      env.DB.prepare(
        `INSERT INTO payment_disputes (id, payment_id, hotel_id, reservation_id, provider_dispute_id, state, reason, amount,
           currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'EVIDENCE_REQUIRED', 'NOT_AS_DESCRIBED', 4000, ?, ?, ?)`,
      ).bind(
        `dsp_${crypto.randomUUID()}`,
        card.id,
        card.hotelId,
        card.reservationId,
        crypto.randomUUID(),
        card.currency,
        Date.now(),
        Date.now(),
      ),
      recomputeAmountPaid(env.DB, reservation.id, new Date()),
    ]);

    const f = await expectFolioMatchesReservation(reservation.id);
    expect(f).toMatchObject({
      currency: reservation.currency,
      charges_total: 20000,
      payments_total: 12000,
      refunds_total: 3000,
      holds_total: 4000,
      amount_paid: 5000,
      balance_due: 15000,
    });
    expect(f.payments.map((p: any) => [p.type, p.amount, p.counts])).toEqual([
      ['payment', 12000, true],
      ['authorisation', 5000, false],
    ]);
    expect(f.payments[0].card).toEqual({ brand: 'VISA', last4: '1111' });
    expect(JSON.stringify(f)).not.toMatch(/fingerprint|exp_month|exp_year|cnon:/);
    expect(f.refunds.map((r: any) => r.status).sort()).toEqual(['completed', 'pending']);
    expect(f.holds).toEqual([
      { payment_id: card.id, amount: 4000, disputes: [expect.objectContaining({ state: 'EVIDENCE_REQUIRED' })] },
    ]);
  });

  it('charges the cancellation fee instead of the nights after a cancellation', async () => {
    const h = await bookableHotel({
      ratePlan: { cancellation_policy: { free_until_hours: null, penalty: { type: 'first_night' } } },
    });
    const reservation = await expectStatus(book(bookingBody(h)), 201);
    await paymentRow(reservation, 20000, { providerPaymentId: `SQP_${crypto.randomUUID()}` });
    await expectStatus(act(reservation.id, 'cancel'), 200);
    const f = await expectFolioMatchesReservation(reservation.id);
    expect(f.charges).toEqual([expect.objectContaining({ type: 'cancellation_fee', amount: 10000 })]);
    expect(f).toMatchObject({ charges_total: 10000, amount_paid: 20000, balance_due: 0 });
  });

  it('is readable by the booking widget and a widget proving the guest; other hotels get 404', async () => {
    const h = await bookableHotel();
    const widget = await createApiKey({ scopes: ['reservations:write'], hotel_ids: [h.hotel.id] });
    const reservation = await expectStatus(book(bookingBody(h), { auth: { apiKey: widget.key } }), 201);
    await expectStatus(folio(reservation.id, { auth: { apiKey: widget.key }, seed: true }), 200);

    const otherWidget = await createApiKey({ scopes: ['reservations:write'], hotel_ids: [h.hotel.id] });
    await expectProblem(folio(reservation.id, { auth: { apiKey: otherWidget.key } }), 404, 'not_found');
    const proof = { 'x-confirmation-number': reservation.confirmation_number, 'x-guest-email': 'ADA@example.com' };
    await expectStatus(folio(reservation.id, { auth: { apiKey: otherWidget.key }, headers: proof }), 200);
    const wrong = { ...proof, 'x-guest-email': 'eve@example.com' };
    await expectProblem(folio(reservation.id, { auth: { apiKey: otherWidget.key }, headers: wrong }), 404, 'not_found');

    const other = await bookableHotel();
    const otherHotel = await createApiKey({ scopes: ['reservations:read'], hotel_ids: [other.hotel.id] });
    await expectProblem(folio(reservation.id, { auth: { apiKey: otherHotel.key }, headers: proof }), 404, 'not_found');
  });
});
