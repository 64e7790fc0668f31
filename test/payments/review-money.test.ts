import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { reconcilePayments } from '../../src/modules/payments/reconcile.job';
import { reconcileRefunds } from '../../src/modules/payments/refunds.reconcile';
import { testDeps } from '../helpers/deps';
import { call, expectProblem, expectStatus } from '../helpers/http';
import {
  amountPaidOf,
  expectLedgerMatchesSquare,
  paid,
  pay,
  payableReservation,
  paymentBody,
  paymentRows,
  refundRequests,
  squarePaymentsOf,
} from '../helpers/payments';
import { bookableHotel, booked, bookingBody, eventsOf } from '../helpers/reservations';
import { SQUARE, useSquareEachTest } from '../helpers/square';

/**
 * Adversarial review of the money paths: answers Square gives that are not the ones the happy path
 * expects. Each case ends with the ledger compared to what Square holds.
 */
const emulator = useSquareEachTest();
let square = emulator.current;
beforeEach(() => {
  square = emulator.current;
});

/**
 * Replaces Square's answer to the n-th request (1-based, counting requests to Square) that `matches`:
 * `answer` may first let the emulator act (`square.fetch`) and then return something else.
 */
function squareAnswers(
  matches: (r: Request) => boolean,
  answer: (r: Request, n: number) => Promise<Response | undefined>,
) {
  const spy = vi.mocked(globalThis.fetch);
  const previous = spy.getMockImplementation();
  if (!previous) throw new Error('useSquare must be installed');
  let n = 0;
  spy.mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    if (request.url.startsWith(`${SQUARE.url}/`) && matches(request)) {
      const replaced = await answer(request.clone(), ++n);
      if (replaced) return replaced;
    }
    return previous(request);
  });
}

const isCreate = (r: Request) => r.method === 'POST' && new URL(r.url).pathname === '/v2/payments';
const isRefund = (r: Request) => r.method === 'POST' && new URL(r.url).pathname === '/v2/refunds';

const rateLimited = () =>
  new Response(
    JSON.stringify({ errors: [{ category: 'RATE_LIMIT_ERROR', code: 'RATE_LIMITED', detail: 'Too many requests' }] }),
    { status: 429, headers: { 'content-type': 'application/json' } },
  );

/** What Square refunded of one of its payments (the refunds that count: pending or completed). */
function squareRefundedOf(squarePaymentId: string | null): number {
  return [...square.state.refunds.values()]
    .filter((r) => r.payment_id === squarePaymentId && (r.status === 'PENDING' || r.status === 'COMPLETED'))
    .reduce((sum, r) => sum + (r.amount_money as { amount: number }).amount, 0);
}

describe('a refusal on a retry does not speak for the first try', () => {
  it('payment: answer lost, then 429 on the retry → still pending (504), resolved later to the one charge', async () => {
    const { reservation } = await payableReservation();
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/payments$/ });
    squareAnswers(isCreate, async (_r, n) => (n === 2 ? rateLimited() : undefined));
    const lost = await expectProblem(pay(paymentBody(reservation)), 504, 'gateway_timeout');
    expect(squarePaymentsOf(square, reservation.id)).toHaveLength(1);
    await reconcilePayments(testDeps({ subscribers: [] }));
    const [row] = await paymentRows(reservation.id);
    expect(row).toMatchObject({ id: lost.payment_id, status: 'completed' });
    expect(await eventsOf(lost.payment_id)).toEqual(['payment.completed']);
    await expectLedgerMatchesSquare(square, reservation.id);
  });

  it('refund: answer lost, then 429 on the retry → still pending (202), finished later once', async () => {
    const { reservation } = await payableReservation();
    const payment = await paid(square, reservation, 8000);
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/refunds$/ });
    squareAnswers(isRefund, async (_r, n) => (n === 2 ? rateLimited() : undefined));
    const refund = await expectStatus(
      call('POST', `/api/v1/payments/${payment.id}/refunds`, { body: { amount: 3000 } }),
      202,
    );
    expect(refund).toMatchObject({ status: 'pending', provider_refund_id: null });
    expect(squareRefundedOf(payment.providerPaymentId)).toBe(3000);
    expect(await amountPaidOf(reservation.id)).toBe(5000);
    await reconcileRefunds(testDeps(), new Date(Date.now() + 3600_000));
    // The 429 never reached the emulator: it saw the lost first try and the job's, under one key.
    expect(refundRequests(square)).toHaveLength(2);
    expect(new Set(refundRequests(square).map((r) => r.body.idempotency_key)).size).toBe(1);
    expect(squareRefundedOf(payment.providerPaymentId)).toBe(3000);
    expect(await amountPaidOf(reservation.id)).toBe(5000);
    const [stored] = (
      await env.DB.prepare('SELECT status, provider_refund_id FROM payment_refunds WHERE id = ?')
        .bind(refund.id)
        .all<{ status: string; provider_refund_id: string | null }>()
    ).results;
    expect(stored?.provider_refund_id).not.toBeNull();
  });
});

describe('a 2xx from Square without a readable answer is an unknown outcome, never a 500', () => {
  const acted = (body: string) => async (r: Request, n: number) => {
    if (n !== 1) return undefined;
    await square.fetch(r);
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  };

  it.each(['', 'null', '"ok"', '[]'])(
    'payment answered 200 %j after Square charged → asked again with the same key: the one charge, 201',
    async (body) => {
      const { reservation } = await payableReservation();
      squareAnswers(isCreate, acted(body));
      const payment = await expectStatus(pay(paymentBody(reservation)), 201);
      expect(payment.status).toBe('completed');
      expect(squarePaymentsOf(square, reservation.id)).toHaveLength(1);
      await expectLedgerMatchesSquare(square, reservation.id);
    },
  );

  it('refund answered 200 {} after Square refunded → asked again with the same key: refunded once, 201', async () => {
    const { reservation } = await payableReservation();
    const payment = await paid(square, reservation, 8000);
    squareAnswers(isRefund, acted('{}'));
    const refund = await expectStatus(
      call('POST', `/api/v1/payments/${payment.id}/refunds`, { body: { amount: 3000 } }),
      201,
    );
    expect(refund.provider_refund_id).toEqual(expect.any(String));
    expect(square.state.refunds.size).toBe(1);
    expect(squareRefundedOf(payment.providerPaymentId)).toBe(3000);
    expect(await amountPaidOf(reservation.id)).toBe(5000);
  });
});

describe('a hold whose time is up cannot be paid', () => {
  it('pending hold past hold_expires_at (sweeper not run yet) → 409, Square never asked', async () => {
    const h = await bookableHotel();
    const hold = await booked(bookingBody(h, { status: 'pending', hold_minutes: 5 }));
    expect(hold.status).toBe('pending');
    await env.DB.prepare('UPDATE reservations SET hold_expires_at = ? WHERE id = ?')
      .bind(Date.now() - 1000, hold.id)
      .run();
    await expectProblem(pay(paymentBody(hold)), 409, 'invalid_state');
    expect(squarePaymentsOf(square, hold.id)).toHaveLength(0);
    expect(await paymentRows(hold.id)).toHaveLength(0);
  });
});

describe('an authorisation Square changed without telling us in an answer', () => {
  it('capture whose answer is lost (504, nobody retries) → the job finds it captured; ledger equals Square', async () => {
    const { reservation } = await payableReservation();
    const deposit = await expectStatus(pay(paymentBody(reservation, { autocomplete: false })), 201);
    expect(deposit.status).toBe('approved');
    square.fault({ kind: 'drop-after', method: 'POST', path: /\/complete$/ });
    await expectProblem(call('POST', `/api/v1/payments/${deposit.id}/complete`), 504, 'gateway_timeout');
    expect(squarePaymentsOf(square, reservation.id)[0]?.status).toBe('COMPLETED');
    await reconcilePayments(testDeps({ subscribers: [] }));
    expect((await paymentRows(reservation.id))[0]?.status).toBe('completed');
    expect(await eventsOf(deposit.id)).toEqual(['payment.completed']);
    await expectLedgerMatchesSquare(square, reservation.id);
  });
});
