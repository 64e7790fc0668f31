import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { reconcilePayments } from '../../src/modules/payments/reconcile.job';
import { testDeps } from '../helpers/deps';
import { call, expectProblem, expectStatus, json } from '../helpers/http';
import {
  createRequests,
  expectLedgerMatchesSquare,
  pay,
  payableReservation,
  paymentBody,
  paymentRows,
  payWith,
  reservationMoney,
  squarePaymentsOf,
} from '../helpers/payments';
import { eventsOf } from '../helpers/reservations';
import { useSquareEachTest } from '../helpers/square';

const emulator = useSquareEachTest();
let square = emulator.current;
beforeEach(() => {
  square = emulator.current;
});

const reconcile = () => reconcilePayments(testDeps({ subscribers: [] }));

describe('lost answers: never two charges, never a lost one', () => {
  it.each(['drop-after', 'drop-before', 'server-error'] as const)(
    'one %s is retried in the request with the same Square key: one Square payment, 201',
    async (kind) => {
      const { reservation } = await payableReservation();
      square.fault({ kind, method: 'POST', path: /^\/v2\/payments$/ });
      const payment = await expectStatus(pay(paymentBody(reservation)), 201);
      expect(payment.status).toBe('completed');
      const sent = createRequests(square);
      expect(sent).toHaveLength(2);
      expect(sent[1]?.body).toEqual(sent[0]?.body);
      expect(squarePaymentsOf(square, reservation.id)).toHaveLength(1);
      await expectLedgerMatchesSquare(square, reservation.id);
    },
  );

  it('no answer twice → 504 with the payment id; a retry with the same key resolves it to the one charge', async () => {
    const { reservation } = await payableReservation();
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/payments$/ });
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/payments$/ });
    const body = paymentBody(reservation);
    const lost = await expectProblem(pay(body), 504, 'gateway_timeout');
    expect(lost.payment).toMatchObject({ id: lost.payment_id, status: 'pending' });
    expect((await reservationMoney(reservation.id))?.amount_paid).toBe(0);
    const retry = await pay(body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const payment = await expectStatus(retry, 201);
    expect(payment).toMatchObject({ id: lost.payment_id, status: 'completed' });
    expect(squarePaymentsOf(square, reservation.id)).toHaveLength(1);
    expect(new Set(createRequests(square).map((r) => r.body.idempotency_key)).size).toBe(1);
    expect(await eventsOf(payment.id)).toEqual(['payment.completed']);
    await expectLedgerMatchesSquare(square, reservation.id);
  });

  it('the reconciliation job resolves a payment whose answers were lost', async () => {
    const { reservation } = await payableReservation();
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/payments$/ });
    square.fault({ kind: 'server-error', method: 'POST', path: /^\/v2\/payments$/ });
    const lost = await expectProblem(pay(paymentBody(reservation)), 504, 'gateway_timeout');
    await reconcile();
    const payment = await expectStatus(call('GET', `/api/v1/payments/${lost.payment_id}`), 200);
    expect(payment.status).toBe('completed');
    expect(squarePaymentsOf(square, reservation.id)).toHaveLength(1);
    expect(await eventsOf(payment.id)).toEqual(['payment.completed']);
    await expectLedgerMatchesSquare(square, reservation.id);
    // Settled: the next run leaves it alone.
    const key = createRequests(square)[0]?.body.idempotency_key;
    await reconcile();
    expect(createRequests(square).filter((r) => r.body.idempotency_key === key)).toHaveLength(3);
  });

  it('a hanging Square (short timeout) → 504; the job charges exactly once afterwards', async () => {
    const { reservation } = await payableReservation();
    square.fault({ kind: 'hang', method: 'POST', path: /^\/v2\/payments$/ });
    square.fault({ kind: 'hang', method: 'POST', path: /^\/v2\/payments$/ });
    const res = await payWith({ PAYMENT_GATEWAY_TIMEOUT_MS: '200' }, paymentBody(reservation));
    expect(res.status).toBe(504);
    const { payment_id } = await json(res);
    expect(squarePaymentsOf(square, reservation.id)).toHaveLength(0);
    await reconcile();
    const [row] = await paymentRows(reservation.id);
    expect(row).toMatchObject({ id: payment_id, status: 'completed', locked_until: null });
    expect(squarePaymentsOf(square, reservation.id)).toHaveLength(1);
    await expectLedgerMatchesSquare(square, reservation.id);
  });

  it('a declined answer found on a retry is the decline (402), not a charge', async () => {
    const { reservation } = await payableReservation();
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/payments$/ });
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/payments$/ });
    const body = paymentBody(reservation, { source_id: 'cnon:card-nonce-declined' });
    await expectProblem(pay(body), 504, 'gateway_timeout');
    const res = await pay(body);
    expect(res.status).toBe(402);
    expect((await json(res)).code).toBe('GENERIC_DECLINE');
    expect((await reservationMoney(reservation.id))?.amount_paid).toBe(0);
  });

  it('ACH stays pending until Square settles it; the job then records the payment', async () => {
    const { reservation } = await payableReservation();
    const payment = await expectStatus(pay(paymentBody(reservation, { source_id: 'bnon:bank-nonce-ok' })), 201);
    expect(payment.status).toBe('pending');
    await reconcile();
    expect((await paymentRows(reservation.id))[0]?.status).toBe('pending');
    square.settle(payment.provider_payment_id);
    await env.DB.prepare('UPDATE payments SET reconciled_at = 0 WHERE id = ?').bind(payment.id).run();
    await reconcile();
    expect((await paymentRows(reservation.id))[0]?.status).toBe('completed');
    await expectLedgerMatchesSquare(square, reservation.id);
  });
});

async function holdHighRisk(hotelId: string) {
  await env.DB.prepare('INSERT INTO hotel_payment_settings (hotel_id, hold_high_risk, updated_at) VALUES (?, 1, ?)')
    .bind(hotelId, Date.now())
    .run();
}

describe('risk hold, deposits, complete and cancel', () => {
  it('a hotel that holds high risk: a HIGH payment stays approved and held until a human completes it', async () => {
    const { hotel, reservation } = await payableReservation();
    await holdHighRisk(hotel.id);
    const payment = await expectStatus(pay(paymentBody(reservation, { source_id: 'cnon:card-nonce-high-risk' })), 201);
    expect(payment).toMatchObject({ status: 'approved', held_for_review: true, risk_level: 'HIGH' });
    expect(createRequests(square)[0]?.body.autocomplete).toBe(false);
    await reconcile();
    expect((await paymentRows(reservation.id))[0]?.status).toBe('approved');
    expect((await reservationMoney(reservation.id))?.amount_paid).toBe(0);
    const done = await expectStatus(call('POST', `/api/v1/payments/${payment.id}/complete`), 200);
    expect(done.status).toBe('completed');
    expect((await reservationMoney(reservation.id))?.amount_paid).toBe(5000);
    await expectLedgerMatchesSquare(square, reservation.id);
  });

  it('a hotel that holds high risk: a NORMAL payment is captured at once', async () => {
    const { hotel, reservation } = await payableReservation();
    await holdHighRisk(hotel.id);
    const payment = await expectStatus(pay(paymentBody(reservation)), 201);
    expect(payment).toMatchObject({ status: 'completed', held_for_review: false, risk_level: 'NORMAL' });
    expect(createRequests(square)[0]?.body.autocomplete).toBe(false);
    await expectLedgerMatchesSquare(square, reservation.id);
  });

  it('without the hold a HIGH payment is captured and its risk recorded', async () => {
    const { reservation } = await payableReservation();
    const payment = await expectStatus(pay(paymentBody(reservation, { source_id: 'cnon:card-nonce-high-risk' })), 201);
    expect(payment).toMatchObject({ status: 'completed', risk_level: 'HIGH', held_for_review: false });
  });

  it('a deposit (autocomplete false) is approved, counts as in progress, and can be cancelled once', async () => {
    const { reservation } = await payableReservation();
    const payment = await expectStatus(pay(paymentBody(reservation, { autocomplete: false })), 201);
    expect(payment.status).toBe('approved');
    await reconcile();
    expect((await paymentRows(reservation.id))[0]?.status).toBe('approved');
    const rest = reservation.total_amount - 5000;
    await expectProblem(pay(paymentBody(reservation, { amount: rest + 1 })), 400, 'validation_failed');
    const cancelled = await expectStatus(call('POST', `/api/v1/payments/${payment.id}/cancel`), 200);
    expect(cancelled.status).toBe('canceled');
    expect((await expectStatus(call('POST', `/api/v1/payments/${payment.id}/cancel`), 200)).status).toBe('canceled');
    await expectProblem(call('POST', `/api/v1/payments/${payment.id}/complete`), 409, 'invalid_state');
    expect((await reservationMoney(reservation.id))?.amount_paid).toBe(0);
    // The cancelled hold no longer counts: the whole balance can be paid.
    await expectStatus(pay(paymentBody(reservation, { amount: reservation.total_amount })), 201);
  });

  it('complete on a completed payment answers it; a failed one is 409', async () => {
    const { reservation } = await payableReservation();
    const ok = await expectStatus(pay(paymentBody(reservation, { amount: 100 })), 201);
    expect((await expectStatus(call('POST', `/api/v1/payments/${ok.id}/complete`), 200)).status).toBe('completed');
    const failed = await json(await pay(paymentBody(reservation, { source_id: 'cnon:card-nonce-declined' })));
    await expectProblem(call('POST', `/api/v1/payments/${failed.payment_id}/cancel`), 409, 'invalid_state');
  });
});

describe('velocity limits', () => {
  it('per reservation: attempts (declines too) beyond the limit → 429 naming it, with Retry-After', async () => {
    const { reservation } = await payableReservation();
    const vars = { PAYMENT_VELOCITY_PER_RESERVATION: '2' };
    expect((await payWith(vars, paymentBody(reservation, { source_id: 'cnon:card-nonce-declined' }))).status).toBe(402);
    expect((await payWith(vars, paymentBody(reservation, { amount: 100 }))).status).toBe(201);
    const res = await payWith(vars, paymentBody(reservation, { amount: 100 }));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await json(res)).toMatchObject({ code: 'payment_velocity_exceeded', limit: 'reservation' });
    expect(createRequests(square)).toHaveLength(2);
  });

  it('per guest email across reservations', async () => {
    const email = `velocity.${Date.now()}@example.com`;
    const a = await payableReservation(email);
    const b = await payableReservation(email);
    const vars = { PAYMENT_VELOCITY_PER_EMAIL: '1' };
    expect((await payWith(vars, paymentBody(a.reservation))).status).toBe(201);
    const res = await payWith(vars, paymentBody(b.reservation));
    expect(await json(res)).toMatchObject({ status: 429, limit: 'email' });
  });

  it('per client address', async () => {
    const a = await payableReservation();
    const b = await payableReservation();
    const vars = { PAYMENT_VELOCITY_PER_CLIENT: '1' };
    const from = { 'cf-connecting-ip': '2001:db8:1:2::7' };
    expect((await payWith(vars, paymentBody(a.reservation), from)).status).toBe(201);
    // Another address of the same /64 is the same client.
    const res = await payWith(vars, paymentBody(b.reservation), { 'cf-connecting-ip': '2001:db8:1:2::8' });
    expect(await json(res)).toMatchObject({ status: 429, limit: 'client' });
  });

  it('per card: a card on file whose fingerprint already made the allowed attempts', async () => {
    const a = await payableReservation();
    const b = await payableReservation();
    const vars = { PAYMENT_VELOCITY_PER_CARD: '1' };
    // Square reports the card's fingerprint with the decline; the attempt counts.
    expect((await payWith(vars, paymentBody(a.reservation, { source_id: 'cnon:card-nonce-declined' }))).status).toBe(
      402,
    );
    await env.DB.prepare(
      `INSERT INTO guest_cards (id, hotel_id, guest_id, account, square_customer_id, square_card_id, fingerprint,
         status, created_at, updated_at) VALUES (?, ?, 'gst_x', 'platform', 'CUST', ?, 'sq-1-visa-4111', 'active', 0, 0)`,
    )
      .bind(`card_${Date.now()}`, b.hotel.id, `ccof:velocity-${Date.now()}`)
      .run();
    const { results } = await env.DB.prepare('SELECT square_card_id FROM guest_cards WHERE hotel_id = ?')
      .bind(b.hotel.id)
      .all<{ square_card_id: string }>();
    const res = await payWith(
      vars,
      paymentBody(b.reservation, { source_id: results[0]?.square_card_id, customer_id: 'CUST' }),
    );
    expect(await json(res)).toMatchObject({ status: 429, limit: 'card' });
  });
});
