import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { squareSignature } from '../../emulators/square/signature.ts';
import { refundFromNotification } from '../../src/modules/payments/square-notifications';
import { handleSquareNotification } from '../../src/modules/payments/square-webhooks.service';
import { testDeps } from '../helpers/deps';
import { expectProblem, expectStatus } from '../helpers/http';
import { bookableHotel, booked, bookingBody, eventsOf, getReservation } from '../helpers/reservations';
import { SQUARE } from '../helpers/square';
import {
  envelope,
  insertConnection,
  insertPayment,
  paymentNotification,
  paymentState,
  type SendOptions,
  SQUARE_WEBHOOK_URL,
  sendNotification,
  webhookEventCount,
} from '../helpers/square-notifications';

afterEach(() => vi.restoreAllMocks());

async function aReservation() {
  const h = await bookableHotel();
  return booked(bookingBody(h));
}

/** Everything a notification could change, read straight from D1. */
async function snapshot(paymentId: string, reservationId: string, eventId: string) {
  return JSON.stringify({
    payment: await paymentState(paymentId),
    changes: (await env.DB.prepare('SELECT * FROM payment_status_changes WHERE payment_id = ?').bind(paymentId).all())
      .results,
    reservation: await env.DB.prepare('SELECT amount_paid, version, disputed_at FROM reservations WHERE id = ?')
      .bind(reservationId)
      .first(),
    events: await eventsOf(paymentId),
    recorded: await webhookEventCount(eventId),
  });
}

describe('POST /api/v1/webhooks/square: signature', () => {
  it('applies a correctly signed payment.updated: the card payment completes, amount_paid follows, one event', async () => {
    const reservation = await aReservation();
    const row = await insertPayment(reservation, { amount: 7000 });
    const body = paymentNotification({
      id: row.providerPaymentId!,
      status: 'COMPLETED',
      amount: 7000,
      currency: 'EUR',
    });
    const receipt = await expectStatus(sendNotification(body), 200);
    expect(receipt).toEqual({ event_id: body.event_id, outcome: 'applied' });
    expect(await paymentState(row.id)).toMatchObject({
      status: 'completed',
      card_brand: 'VISA',
      card_last4: '1111',
      receipt_url: `https://squareup.com/receipt/preview/${row.providerPaymentId}`,
    });
    expect(await eventsOf(row.id)).toEqual(['payment.completed']);
    const after = await expectStatus(getReservation(reservation.id), 200);
    expect(after.amount_paid).toBe(7000);
    expect(after.balance_due).toBe(reservation.total_amount - 7000);
    expect(await webhookEventCount(body.event_id)).toBe(1);
  });

  it.each([
    ['no signature', { signature: null }],
    ['a garbage signature', { signature: 'AAAA' }],
    ['a signature under another key', { key: 'not_the_key' }],
    ['a signature of the same event with another body (replayed)', { replayOtherBody: true }],
    ['a body signed for another URL', { signedFor: 'https://attacker.example/api/v1/webhooks/square' }],
  ])('refuses %s with 401 and changes nothing', async (_name, variant) => {
    const reservation = await aReservation();
    const row = await insertPayment(reservation);
    const body = paymentNotification({
      id: row.providerPaymentId!,
      status: 'COMPLETED',
      amount: 5000,
      currency: 'EUR',
    });
    const before = await snapshot(row.id, reservation.id, body.event_id);
    const { replayOtherBody, ...options } = variant as SendOptions & { replayOtherBody?: boolean };
    if (replayOtherBody) {
      // Square's genuine signature of an earlier notification, sent along with an amended body.
      const genuine = paymentNotification({
        id: row.providerPaymentId!,
        status: 'FAILED',
        amount: 5000,
        currency: 'EUR',
      });
      options.signature = await squareSignature(SQUARE.webhookKey, SQUARE_WEBHOOK_URL, JSON.stringify(genuine));
    }
    await expectProblem(sendNotification(body, options), 401, 'unauthorized');
    expect(await snapshot(row.id, reservation.id, body.event_id)).toBe(before);
  });

  it('checks SQUARE_WEBHOOK_NOTIFICATION_URL when set, not the URL the request arrived at', async () => {
    const reservation = await aReservation();
    const row = await insertPayment(reservation);
    const configured = 'https://hooks.wehub.example/api/v1/webhooks/square';
    const vars = { SQUARE_WEBHOOK_NOTIFICATION_URL: configured };
    const body = paymentNotification({
      id: row.providerPaymentId!,
      status: 'COMPLETED',
      amount: 5000,
      currency: 'EUR',
    });
    await expectProblem(sendNotification(body, { vars }), 401, 'unauthorized');
    expect((await paymentState(row.id))?.status).toBe('pending');
    await expectStatus(sendNotification(body, { vars, signedFor: configured }), 200);
    expect((await paymentState(row.id))?.status).toBe('completed');
  });

  it('without a configured URL, takes the URL a proxy says the client used (scheme and host)', async () => {
    const reservation = await aReservation();
    const row = await insertPayment(reservation);
    const publicUrl = 'https://tunnel.example.net/api/v1/webhooks/square';
    const body = paymentNotification({
      id: row.providerPaymentId!,
      status: 'COMPLETED',
      amount: 5000,
      currency: 'EUR',
    });
    const res = await sendNotification(body, {
      signedFor: publicUrl,
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tunnel.example.net' },
    });
    expect(await expectStatus(res, 200)).toMatchObject({ outcome: 'applied' });
    // The same signature without the proxy's word does not fit the URL the worker saw.
    const other = paymentNotification({
      id: row.providerPaymentId!,
      status: 'COMPLETED',
      amount: 5000,
      currency: 'EUR',
    });
    await expectProblem(sendNotification(other, { signedFor: publicUrl }), 401, 'unauthorized');
  });

  it('answers 503 and logs the missing variable when no signature key is configured', async () => {
    const errors = vi.spyOn(console, 'error');
    const reservation = await aReservation();
    const row = await insertPayment(reservation);
    const body = paymentNotification({
      id: row.providerPaymentId!,
      status: 'COMPLETED',
      amount: 5000,
      currency: 'EUR',
    });
    await expectProblem(sendNotification(body, { vars: { SQUARE_WEBHOOK_SIGNATURE_KEY: undefined } }), 503);
    expect(errors.mock.calls.map((c) => String(c[0])).join('\n')).toContain('SQUARE_WEBHOOK_SIGNATURE_KEY');
    expect((await paymentState(row.id))?.status).toBe('pending');
    expect(await webhookEventCount(body.event_id)).toBe(0);
  });
});

describe('POST /api/v1/webhooks/square: bodies', () => {
  it('refuses a signed body that is not JSON (400), lacks event_id (400) or is not sent as JSON (415)', async () => {
    await expectProblem(sendNotification('{"type": "payment.updated", '), 400, 'malformed_json');
    await expectProblem(sendNotification({ type: 'payment.updated', data: {} }), 400, 'validation_failed');
    await expectProblem(
      sendNotification('type=payment.updated', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported_media_type',
    );
  });

  it('refuses a body over 1 MB with 413', async () => {
    const body = JSON.stringify({
      ...envelope({ type: 'x', dataType: 'x', id: 'x', object: {} }),
      pad: 'a'.repeat(1024 * 1024),
    });
    await expectProblem(sendNotification(body), 413, 'payload_too_large');
  });

  it('records an event type it does not handle and answers 200, so Square does not retry it', async () => {
    const body = envelope({
      type: 'customer.created',
      dataType: 'customer',
      id: 'C1',
      object: { customer: { id: 'C1' } },
    });
    expect(await expectStatus(sendNotification(body), 200)).toEqual({
      event_id: body.event_id,
      outcome: 'ignored',
      reason: 'unhandled_type',
    });
    expect(await webhookEventCount(body.event_id)).toBe(1);
    expect(await expectStatus(sendNotification(body), 200)).toMatchObject({ outcome: 'duplicate' });
  });

  it('records a notification for a payment we do not know and answers 200', async () => {
    const body = paymentNotification({ id: 'sq_unknown_payment', status: 'COMPLETED', amount: 100, currency: 'EUR' });
    expect(await expectStatus(sendNotification(body), 200)).toMatchObject({
      outcome: 'ignored',
      reason: 'unknown_payment',
    });
    expect(await webhookEventCount(body.event_id)).toBe(1);
  });
});

describe('POST /api/v1/webhooks/square: payments', () => {
  it('applies an event_id once: a redelivery answers duplicate and changes nothing', async () => {
    const reservation = await aReservation();
    const row = await insertPayment(reservation, { status: 'pending', sourceKind: 'bank_account' });
    const body = paymentNotification({
      id: row.providerPaymentId!,
      status: 'COMPLETED',
      amount: 5000,
      currency: 'EUR',
      sourceType: 'BANK_ACCOUNT',
    });
    await expectStatus(sendNotification(body), 200);
    const after = await snapshot(row.id, reservation.id, body.event_id);
    expect(await expectStatus(sendNotification(body), 200)).toEqual({ event_id: body.event_id, outcome: 'duplicate' });
    expect(await snapshot(row.id, reservation.id, body.event_id)).toBe(after);
    expect(await eventsOf(row.id)).toEqual(['payment.completed']);
  });

  it('settles a pending ACH payment: COMPLETED → row, amount_paid and one payment.completed', async () => {
    const reservation = await aReservation();
    const row = await insertPayment(reservation, { amount: 20000, sourceKind: 'bank_account' });
    const ach = { id: row.providerPaymentId!, amount: 20000, currency: 'EUR', sourceType: 'BANK_ACCOUNT' };
    await expectStatus(sendNotification(paymentNotification({ ...ach, status: 'PENDING' })), 200);
    expect((await paymentState(row.id))?.status).toBe('pending');
    expect((await expectStatus(getReservation(reservation.id), 200)).amount_paid).toBe(0);

    await expectStatus(sendNotification(paymentNotification({ ...ach, status: 'COMPLETED' })), 200);
    expect(await paymentState(row.id)).toMatchObject({ status: 'completed', card_fingerprint: 'ach-fp-1' });
    const after = await expectStatus(getReservation(reservation.id), 200);
    expect([after.amount_paid, after.balance_due]).toEqual([20000, reservation.total_amount - 20000]);
    expect(await eventsOf(row.id)).toEqual(['payment.completed']);
  });

  it('fails a pending ACH payment that Square reports FAILED (one payment.failed, nothing paid)', async () => {
    const reservation = await aReservation();
    const row = await insertPayment(reservation, { sourceKind: 'bank_account' });
    const body = paymentNotification({
      id: row.providerPaymentId!,
      status: 'FAILED',
      amount: 5000,
      currency: 'EUR',
      sourceType: 'BANK_ACCOUNT',
    });
    await expectStatus(sendNotification(body), 200);
    expect((await paymentState(row.id))?.status).toBe('failed');
    expect(await eventsOf(row.id)).toEqual(['payment.failed']);
    expect((await expectStatus(getReservation(reservation.id), 200)).amount_paid).toBe(0);
  });

  it('ignores an older notification arriving late: APPROVED after COMPLETED changes nothing', async () => {
    const reservation = await aReservation();
    const row = await insertPayment(reservation);
    const payment = { id: row.providerPaymentId!, amount: 5000, currency: 'EUR' };
    await expectStatus(sendNotification(paymentNotification({ ...payment, status: 'COMPLETED' })), 200);
    const late = paymentNotification({ ...payment, status: 'APPROVED' });
    const before = await snapshot(row.id, reservation.id, late.event_id);
    expect(await expectStatus(sendNotification(late), 200)).toMatchObject({ outcome: 'ignored', reason: 'stale' });
    const after = JSON.parse(await snapshot(row.id, reservation.id, late.event_id));
    expect({ ...after, recorded: 0 }).toEqual(JSON.parse(before));
    expect(after.recorded).toBe(1);
  });

  it('applies the same notification delivered twice at once exactly once', async () => {
    const reservation = await aReservation();
    const row = await insertPayment(reservation, { amount: 6000 });
    const body = paymentNotification({
      id: row.providerPaymentId!,
      status: 'COMPLETED',
      amount: 6000,
      currency: 'EUR',
    });
    const answers = await Promise.all([sendNotification(body), sendNotification(body)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(await eventsOf(row.id)).toEqual(['payment.completed']);
    expect((await expectStatus(getReservation(reservation.id), 200)).amount_paid).toBe(6000);
    expect(await webhookEventCount(body.event_id)).toBe(1);
  });
});

describe('handleSquareNotification', () => {
  it('writes the change in one batch with the event record: recorded meanwhile by a twin → nothing applied', async () => {
    const reservation = await aReservation();
    const row = await insertPayment(reservation);
    const n = paymentNotification({ id: row.providerPaymentId!, status: 'COMPLETED', amount: 5000, currency: 'EUR' });
    const twinRecords = (session: D1DatabaseSession) =>
      Object.assign(Object.create(session), {
        batch: async (statements: D1PreparedStatement[]) => {
          await env.DB.prepare("INSERT INTO square_webhook_events VALUES (?, 'payment.updated', NULL, 0)")
            .bind(n.event_id)
            .run();
          return session.batch(statements);
        },
      }) as D1DatabaseSession;
    const d1 = Object.assign(Object.create(env.DB), {
      withSession: (c?: string) => twinRecords(env.DB.withSession(c as 'first-primary')),
      prepare: (q: string) => env.DB.prepare(q),
    }) as D1Database;
    // The twin is on record as having handled it; this delivery wrote nothing.
    await handleSquareNotification({ ...testDeps({ subscribers: [] }), d1 }, n);
    expect(await webhookEventCount(n.event_id)).toBe(1);
    expect((await paymentState(row.id))?.status).toBe('pending');
    expect(await eventsOf(row.id)).toEqual([]);
  });
});

describe('POST /api/v1/webhooks/square: merchants', () => {
  it("never applies another merchant's notification to a hotel's own-account payment", async () => {
    const reservation = await aReservation();
    await insertConnection(reservation.hotel_id, 'MHOTELOWN');
    const row = await insertPayment(reservation, { account: 'hotel' });
    const body = { id: row.providerPaymentId!, status: 'COMPLETED', amount: 5000, currency: 'EUR' };
    const foreign = paymentNotification(body, { merchantId: 'MSOMEONEELSE' });
    expect(await expectStatus(sendNotification(foreign), 200)).toMatchObject({ reason: 'merchant_mismatch' });
    const unnamed = paymentNotification(body, { merchantId: null });
    expect(await expectStatus(sendNotification(unnamed), 200)).toMatchObject({ reason: 'merchant_mismatch' });
    expect((await paymentState(row.id))?.status).toBe('pending');
    expect(await eventsOf(row.id)).toEqual([]);

    await expectStatus(sendNotification(paymentNotification(body, { merchantId: 'MHOTELOWN' })), 200);
    expect((await paymentState(row.id))?.status).toBe('completed');
  });

  it("never applies a connected hotel's merchant notification to a platform payment", async () => {
    const connected = await aReservation();
    await insertConnection(connected.hotel_id, 'MCONNECTEDHOTEL');
    const reservation = await aReservation();
    const row = await insertPayment(reservation, { account: 'platform' });
    const body = paymentNotification(
      { id: row.providerPaymentId!, status: 'COMPLETED', amount: 5000, currency: 'EUR' },
      { merchantId: 'MCONNECTEDHOTEL' },
    );
    expect(await expectStatus(sendNotification(body), 200)).toMatchObject({ reason: 'merchant_mismatch' });
    expect((await paymentState(row.id))?.status).toBe('pending');
  });
});

describe('refund notifications', () => {
  it('are read into the SDK PaymentRefund shape, matched to our payment and recorded', async () => {
    const reservation = await aReservation();
    const row = await insertPayment(reservation, { status: 'completed' });
    const refund = {
      id: 'sq_refund_1',
      status: 'COMPLETED',
      amount_money: { amount: 1500, currency: 'EUR' },
      payment_id: row.providerPaymentId,
      location_id: SQUARE.locationId,
      reason: 'Guest cancelled',
      created_at: '2026-11-01T00:00:00.000Z',
      updated_at: '2026-11-01T00:00:05.000Z',
      unknown_future_field: true,
    };
    const parsed = await refundFromNotification({ refund });
    expect(parsed).toEqual({
      ok: true,
      value: {
        id: 'sq_refund_1',
        status: 'COMPLETED',
        amountMoney: { amount: 1500n, currency: 'EUR' },
        paymentId: row.providerPaymentId,
        locationId: SQUARE.locationId,
        reason: 'Guest cancelled',
        createdAt: '2026-11-01T00:00:00.000Z',
        updatedAt: '2026-11-01T00:00:05.000Z',
      },
    });
    expect(await refundFromNotification({ refund: { ...refund, amount_money: { amount: 'lots' } } })).toMatchObject({
      ok: false,
    });
    const body = envelope({ type: 'refund.updated', dataType: 'refund', id: refund.id, object: { refund } });
    expect(await expectStatus(sendNotification(body), 200)).toMatchObject({ outcome: 'applied' });
    expect(await webhookEventCount(body.event_id)).toBe(1);
    // A refund made in Square's dashboard: recorded against our payment, once, with one payment.refunded.
    const refunds = async () =>
      (
        await env.DB.prepare('SELECT status, amount, origin FROM payment_refunds WHERE payment_id = ?')
          .bind(row.id)
          .all()
      ).results;
    expect(await refunds()).toEqual([{ status: 'completed', amount: 1500, origin: 'square' }]);
    const again = envelope({ type: 'refund.updated', dataType: 'refund', id: refund.id, object: { refund } });
    expect(await expectStatus(sendNotification(again), 200)).toMatchObject({ outcome: 'applied' });
    expect(await expectStatus(sendNotification(body), 200)).toMatchObject({ outcome: 'duplicate' });
    expect(await refunds()).toHaveLength(1);
    const events = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM outbox_events WHERE type = 'payment.refunded' AND subject_id = ?",
    )
      .bind(row.id)
      .first<{ n: number }>();
    expect(events?.n).toBe(1);
  });
});
