import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../helpers/builders';
import { call, expectProblem, expectStatus, json } from '../helpers/http';
import {
  createRequests,
  expectLedgerMatchesSquare,
  pay,
  payableReservation,
  paymentBody,
  paymentRows,
  reservationMoney,
  squarePaymentsOf,
} from '../helpers/payments';
import { eventsOf } from '../helpers/reservations';
import { SQUARE, useSquareEachTest } from '../helpers/square';

const emulator = useSquareEachTest();

describe('POST /api/v1/payments', () => {
  let square = emulator.current;
  beforeEach(() => {
    square = emulator.current;
  });

  it('sends Square exactly the CreatePayment it needs and answers the completed payment', async () => {
    const { reservation } = await payableReservation();
    const body = paymentBody(reservation, {
      amount: 12345,
      verification_token: 'verf:tok-1',
      note: 'Deposit',
    });
    const res = await pay(body);
    const payment = await expectStatus(res, 201);
    expect(payment).toMatchObject({
      status: 'completed',
      amount: 12345,
      currency: reservation.currency,
      reservation_id: reservation.id,
      provider: 'square',
      provider_payment_id: expect.stringMatching(/^SQPAY/),
      card: { brand: 'VISA', last4: '1111' },
      receipt_url: expect.stringContaining('https://'),
    });
    const [sent, ...more] = createRequests(square);
    expect(more).toEqual([]);
    expect(sent?.headers.authorization).toBe(`Bearer ${SQUARE.token}`);
    expect(sent?.body).toEqual({
      idempotency_key: expect.stringMatching(/^wh1-[0-9a-f]{40}$/),
      source_id: 'cnon:card-nonce-ok',
      amount_money: { amount: 12345, currency: reservation.currency },
      location_id: SQUARE.locationId,
      reference_id: reservation.id,
      autocomplete: true,
      verification_token: 'verf:tok-1',
      note: 'Deposit',
    });
    expect(sent?.body.idempotency_key.length).toBeLessThanOrEqual(45);
    const after = await json(await call('GET', `/api/v1/booking-engine/reservations/${reservation.id}`));
    expect(after).toMatchObject({ amount_paid: 12345, balance_due: reservation.total_amount - 12345 });
    expect(await eventsOf(payment.id)).toEqual(['payment.completed']);
    await expectLedgerMatchesSquare(square, reservation.id);
  });

  it('takes the seed path with the key in the body, and a card on file with its customer', async () => {
    const { reservation } = await payableReservation();
    const body = paymentBody(reservation, { source_id: 'ccof:customer-card-id-ok', customer_id: 'CUST1' });
    const payment = await expectStatus(pay(body, { path: '/api/payments/process' }), 201);
    expect(payment.status).toBe('completed');
    expect(createRequests(square)[0]?.body).toMatchObject({
      source_id: 'ccof:customer-card-id-ok',
      customer_id: 'CUST1',
    });
    expect(payment.source_type).toBe('card_on_file');
  });

  it.each([
    ['cnon:card-nonce-declined', 'GENERIC_DECLINE'],
    ['cnon:card-nonce-rejected-cvv', 'CVV_FAILURE'],
    ['cnon:card-nonce-rejected-postalcode', 'ADDRESS_VERIFICATION_FAILURE'],
    ['cnon:card-nonce-rejected-expiration', 'INVALID_EXPIRATION'],
    ['cnon:card-nonce-insufficient-funds', 'INSUFFICIENT_FUNDS'],
    ['cnon:card-nonce-requires-verification', 'CARD_DECLINED_VERIFICATION_REQUIRED'],
  ])(
    'a decline (%s) is 402 with Square’s code %s, a failed payment, payment.failed and nothing paid',
    async (source, code) => {
      const { reservation } = await payableReservation();
      const res = await pay(paymentBody(reservation, { source_id: source }));
      expect(res.status).toBe(402);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = await json(res);
      expect(problem).toMatchObject({ status: 402, code, payment_id: expect.any(String) });
      expect(problem.payment).toMatchObject({ status: 'failed', error: { code } });
      if (code === 'CARD_DECLINED_VERIFICATION_REQUIRED') expect(problem.detail).toMatch(/verifyBuyer/);
      const [row] = await paymentRows(reservation.id);
      expect(row).toMatchObject({ status: 'failed', error_code: code, card_fingerprint: 'sq-1-visa-4111' });
      expect(await eventsOf(row?.id)).toEqual(['payment.failed']);
      expect((await reservationMoney(reservation.id))?.amount_paid).toBe(0);
    },
  );

  it('3-D Secure: the same card with a verification token pays', async () => {
    const { reservation } = await payableReservation();
    const body = paymentBody(reservation, {
      source_id: 'cnon:card-nonce-requires-verification',
      verification_token: 'verf:ok',
    });
    expect((await expectStatus(pay(body), 201)).status).toBe('completed');
  });

  it('a spent token is 402 CARD_TOKEN_USED; bad credentials at Square are 502, never a 500', async () => {
    const { reservation } = await payableReservation();
    await expectStatus(pay(paymentBody(reservation, { source_id: 'cnon:one-time', amount: 100 })), 201);
    const used = await json(await pay(paymentBody(reservation, { source_id: 'cnon:one-time', amount: 100 })));
    expect(used).toMatchObject({ status: 402, code: 'CARD_TOKEN_USED' });
    square.state.tokens.clear();
    const res = await pay(paymentBody(reservation, { amount: 100 }));
    const problem = await expectProblem(res, 502, 'gateway_error');
    expect(problem.gateway_code).toBe('UNAUTHORIZED');
    expect((await paymentRows(reservation.id)).map((r) => r.status)).toEqual(['completed', 'failed', 'failed']);
  });

  it('replays: the same key and body → the same payment (Idempotent-Replayed); another body → 422', async () => {
    const { reservation } = await payableReservation();
    const body = paymentBody(reservation);
    const first = await expectStatus(pay(body), 201);
    const again = await pay({ ...body });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await expectStatus(again, 201)).id).toBe(first.id);
    // The key in the header instead of the body is the same request.
    const { idempotency_key, ...rest } = body;
    const viaHeader = await pay(rest, { headers: { 'Idempotency-Key': idempotency_key } });
    expect((await expectStatus(viaHeader, 201)).id).toBe(first.id);
    await expectProblem(pay({ ...body, amount: 5001 }), 422, 'idempotency_key_reused');
    expect(createRequests(square)).toHaveLength(1);
    expect((await reservationMoney(reservation.id))?.amount_paid).toBe(5000);
  });

  it('a declined payment replays as the same 402', async () => {
    const { reservation } = await payableReservation();
    const body = paymentBody(reservation, { source_id: 'cnon:card-nonce-declined' });
    const first = await json(await pay(body));
    const again = await pay(body);
    expect(again.status).toBe(402);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(again)).payment_id).toBe(first.payment_id);
    expect(createRequests(square)).toHaveLength(1);
  });

  it('a double submit (the same request twice at once) makes one Square payment', async () => {
    const { reservation } = await payableReservation();
    const body = paymentBody(reservation);
    const results = await Promise.all([pay(body), pay(body), pay(body)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(squarePaymentsOf(square, reservation.id)).toHaveLength(1);
    expect(await paymentRows(reservation.id)).toHaveLength(1);
    await expectLedgerMatchesSquare(square, reservation.id);
  });

  it('two concurrent payments that each fit but together overpay: one is refused', async () => {
    const { reservation } = await payableReservation();
    const total = reservation.total_amount as number;
    const [a, b] = await Promise.all([
      pay(paymentBody(reservation, { amount: total - 1000, source_id: 'cnon:card-nonce-ok' })),
      pay(paymentBody(reservation, { amount: 2000, source_id: 'ccof:customer-card-id-ok', customer_id: 'C' })),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 400]);
    const refused = await json(a.status === 400 ? a : b);
    expect(refused).toMatchObject({ code: 'validation_failed', errors: [{ path: 'amount' }] });
    expect(squarePaymentsOf(square, reservation.id)).toHaveLength(1);
    await expectLedgerMatchesSquare(square, reservation.id);
  });

  it('refuses more than the balance due, another currency, a missing key or two different keys', async () => {
    const { reservation } = await payableReservation();
    const over = await expectProblem(
      pay(paymentBody(reservation, { amount: reservation.total_amount + 1 })),
      400,
      'validation_failed',
    );
    expect(over.errors).toEqual([{ path: 'amount', message: expect.any(String) }]);
    const currency = await expectProblem(pay(paymentBody(reservation, { currency: 'USD' })), 400);
    expect(currency.errors).toEqual([{ path: 'currency', message: expect.any(String) }]);
    const { idempotency_key: _k, ...noKey } = paymentBody(reservation);
    await expectProblem(pay(noKey), 400, 'validation_failed');
    await expectProblem(pay(paymentBody(reservation), { headers: { 'Idempotency-Key': 'other' } }), 400);
    for (const amount of [0, -5, 10.5, '100']) {
      await expectProblem(pay(paymentBody(reservation, { amount })), 400, 'validation_failed');
    }
    expect(createRequests(square)).toEqual([]);
    // The hotel side may take more than is due.
    const extra = paymentBody(reservation, { amount: reservation.total_amount + 500, allow_overpayment: true });
    expect((await expectStatus(pay(extra), 201)).amount).toBe(reservation.total_amount + 500);
  });

  it('a cancelled reservation can be paid only up to its cancellation fee', async () => {
    const { reservation } = await payableReservation();
    await env.DB.prepare("UPDATE reservations SET status = 'cancelled', cancellation_fee = 3000 WHERE id = ?")
      .bind(reservation.id)
      .run();
    await expectProblem(pay(paymentBody(reservation, { amount: 3001 })), 400, 'validation_failed');
    await expectStatus(pay(paymentBody(reservation, { amount: 3000 })), 201);
    await env.DB.prepare("UPDATE reservations SET status = 'expired' WHERE id = ?").bind(reservation.id).run();
    await expectProblem(pay(paymentBody(reservation, { amount: 1 })), 409, 'invalid_state');
  });

  it('ACH stays pending (counted as in progress) until Square settles it', async () => {
    const { reservation } = await payableReservation();
    const body = paymentBody(reservation, { source_id: 'bnon:bank-nonce-ok', source_type: 'bank_account' });
    const payment = await expectStatus(pay(body), 201);
    expect(payment).toMatchObject({ status: 'pending', source_type: 'bank_account' });
    expect(payment.provider_payment_id).toBeTruthy();
    expect((await reservationMoney(reservation.id))?.amount_paid).toBe(0);
    const rest = reservation.total_amount - 5000;
    await expectProblem(pay(paymentBody(reservation, { amount: rest + 1 })), 400, 'validation_failed');
    expect(await eventsOf(payment.id)).toEqual([]);
  });

  it('tenant isolation: a key for hotel A cannot pay, read or list hotel B’s payments', async () => {
    const a = await payableReservation();
    const b = await payableReservation();
    const payment = await expectStatus(pay(paymentBody(b.reservation)), 201);
    const key = await createApiKey({ scopes: ['payments:read', 'payments:write'], hotel_ids: [a.hotel.id] });
    const auth = { apiKey: key.key };
    await expectProblem(pay(paymentBody(b.reservation), { auth }), 404, 'not_found');
    await expectProblem(call('GET', `/api/v1/payments/${payment.id}`, { auth }), 404, 'not_found');
    await expectProblem(call('POST', `/api/v1/payments/${payment.id}/cancel`, { auth }), 404, 'not_found');
    await expectProblem(call('GET', `/api/v1/hotels/${b.hotel.id}/payments`, { auth }), [403, 404]);
    expect(createRequests(square)).toHaveLength(1);
    // Its own hotel works; a read-only key cannot pay.
    await expectStatus(pay(paymentBody(a.reservation), { auth }), 201);
    const reader = await createApiKey({ scopes: ['payments:read'], hotel_ids: [a.hotel.id] });
    await expectProblem(pay(paymentBody(a.reservation), { auth: { apiKey: reader.key } }), 403);
    await expectProblem(pay(paymentBody(a.reservation, { allow_overpayment: true }), { auth }), 403, 'forbidden');
  });

  it('GET and list the hotel’s payments with filters and pages', async () => {
    const { hotel, reservation } = await payableReservation();
    const ok = await expectStatus(pay(paymentBody(reservation, { amount: 100 })), 201);
    await pay(paymentBody(reservation, { amount: 100, source_id: 'cnon:card-nonce-declined' }));
    expect(await expectStatus(call('GET', `/api/v1/payments/${ok.id}`), 200)).toEqual(ok);
    const page = await expectStatus(call('GET', `/api/v1/hotels/${hotel.id}/payments?limit=1`), 200);
    expect(page.data).toHaveLength(1);
    expect(page.next_cursor).toBeTruthy();
    const next = await expectStatus(
      call('GET', `/api/v1/hotels/${hotel.id}/payments?limit=1&cursor=${page.next_cursor}`),
      200,
    );
    expect([page.data[0].status, next.data[0].status].sort()).toEqual(['completed', 'failed']);
    const failed = await expectStatus(
      call('GET', `/api/v1/hotels/${hotel.id}/payments?status=failed&reservation_id=${reservation.id}`),
      200,
    );
    expect(failed.data.map((p: { status: string }) => p.status)).toEqual(['failed']);
  });
});
