import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { applySquareDispute, heldOn, holdsFunds, planDispute } from '../../src/modules/payments/disputes';
import { testDeps } from '../helpers/deps';
import { expectStatus } from '../helpers/http';
import { bookableHotel, booked, bookingBody, getReservation } from '../helpers/reservations';
import {
  disputeNotification,
  insertConnection,
  insertPayment,
  paymentState,
  sendNotification,
  webhookEventCount,
} from '../helpers/square-notifications';

async function paidReservation(amount = 20000) {
  const h = await bookableHotel();
  const reservation = await booked(bookingBody(h));
  const payment = await insertPayment(reservation, { status: 'completed', amount });
  return { reservation, payment };
}

async function disputedEvents(paymentId: string) {
  const { results } = await env.DB.prepare(
    "SELECT data FROM outbox_events WHERE subject_id = ? AND type = 'payment.disputed' ORDER BY seq",
  )
    .bind(paymentId)
    .all<{ data: string }>();
  return results.map((r) => JSON.parse(r.data));
}

/** `target` with some members replaced (D1 objects' methods stay bound to their own object). */
function bind<T extends object>(target: T, overrides: Record<string, unknown>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop];
      const value = Reflect.get(t, prop);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}

async function flagOf(reservationId: string) {
  const row = await env.DB.prepare('SELECT disputed_at FROM reservations WHERE id = ?')
    .bind(reservationId)
    .first<{ disputed_at: number | null }>();
  return row?.disputed_at ?? null;
}

describe('dispute notifications', () => {
  it('dispute.created holds the amount: payment, reservation flag, balance_due up, one payment.disputed', async () => {
    const { reservation, payment } = await paidReservation();
    const dispute = {
      id: 'dsp_sq_created_1',
      paymentId: payment.providerPaymentId!,
      state: 'EVIDENCE_REQUIRED',
      amount: 8000,
      currency: 'EUR',
      dueAt: '2026-12-15T00:00:00.000Z',
    };
    const body = disputeNotification(dispute);
    expect(await expectStatus(sendNotification(body), 200)).toEqual({ event_id: body.event_id, outcome: 'applied' });

    expect(await paymentState(payment.id)).toMatchObject({ disputed_amount: 8000, status: 'completed' });
    expect(await flagOf(reservation.id)).not.toBeNull();
    const after = await expectStatus(getReservation(reservation.id), 200);
    expect([after.amount_paid, after.balance_due]).toEqual([12000, reservation.total_amount - 12000]);
    const stored = await env.DB.prepare('SELECT * FROM payment_disputes WHERE provider_dispute_id = ?')
      .bind(dispute.id)
      .first();
    expect(stored).toMatchObject({
      payment_id: payment.id,
      reservation_id: reservation.id,
      state: 'EVIDENCE_REQUIRED',
      reason: 'NO_KNOWLEDGE',
      amount: 8000,
      currency: 'EUR',
      evidence_due_at: Date.parse('2026-12-15T00:00:00.000Z'),
    });
    const events = await disputedEvents(payment.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: payment.id,
      disputed_amount: 8000,
      dispute: {
        provider_dispute_id: dispute.id,
        state: 'EVIDENCE_REQUIRED',
        amount: 8000,
        evidence_due_at: '2026-12-15T00:00:00.000Z',
      },
    });
    // Redelivered: nothing changes.
    expect(await expectStatus(sendNotification(body), 200)).toMatchObject({ outcome: 'duplicate' });
    expect(await disputedEvents(payment.id)).toHaveLength(1);
  });

  it('WON releases the hold (one more payment.disputed, state WON); a late older state changes nothing', async () => {
    const { reservation, payment } = await paidReservation();
    const dispute = { id: 'dsp_sq_won_1', paymentId: payment.providerPaymentId!, amount: 20000, currency: 'EUR' };
    await expectStatus(sendNotification(disputeNotification({ ...dispute, state: 'EVIDENCE_REQUIRED' })), 200);
    expect((await expectStatus(getReservation(reservation.id), 200)).amount_paid).toBe(0);

    const won = disputeNotification({ ...dispute, state: 'WON' }, { type: 'dispute.state.updated' });
    expect(await expectStatus(sendNotification(won), 200)).toMatchObject({ outcome: 'applied' });
    expect(await paymentState(payment.id)).toMatchObject({ disputed_amount: 0 });
    expect(await flagOf(reservation.id)).toBeNull();
    expect((await expectStatus(getReservation(reservation.id), 200)).amount_paid).toBe(20000);
    expect((await disputedEvents(payment.id)).map((e) => e.dispute.state)).toEqual(['EVIDENCE_REQUIRED', 'WON']);

    const late = disputeNotification({ ...dispute, state: 'PROCESSING' }, { type: 'dispute.state.updated' });
    expect(await expectStatus(sendNotification(late), 200)).toMatchObject({ outcome: 'ignored', reason: 'stale' });
    expect(await paymentState(payment.id)).toMatchObject({ disputed_amount: 0 });
    expect(await disputedEvents(payment.id)).toHaveLength(2);
    expect(await webhookEventCount(late.event_id)).toBe(1);
  });

  it('LOST keeps the amount off the folio (the chargeback stands), under the old name dispute.state.changed too', async () => {
    const { reservation, payment } = await paidReservation();
    const dispute = { id: 'dsp_sq_lost_1', paymentId: payment.providerPaymentId!, amount: 5000, currency: 'EUR' };
    await expectStatus(sendNotification(disputeNotification({ ...dispute, state: 'EVIDENCE_REQUIRED' })), 200);
    const lost = disputeNotification({ ...dispute, state: 'LOST' }, { type: 'dispute.state.changed' });
    expect(await expectStatus(sendNotification(lost), 200)).toMatchObject({ outcome: 'applied' });
    expect(await paymentState(payment.id)).toMatchObject({ disputed_amount: 5000 });
    expect(await flagOf(reservation.id)).not.toBeNull();
    expect((await expectStatus(getReservation(reservation.id), 200)).amount_paid).toBe(15000);
    expect((await disputedEvents(payment.id)).map((e) => e.dispute.state)).toEqual(['EVIDENCE_REQUIRED', 'LOST']);
  });

  it('keeps the reservation flagged while another payment of the stay is still disputed', async () => {
    const { reservation, payment } = await paidReservation(10000);
    const second = await insertPayment(reservation, { status: 'completed', amount: 10000 });
    const a = { id: 'dsp_sq_two_a', paymentId: payment.providerPaymentId!, amount: 10000, currency: 'EUR' };
    const b = { id: 'dsp_sq_two_b', paymentId: second.providerPaymentId!, amount: 4000, currency: 'EUR' };
    await expectStatus(sendNotification(disputeNotification({ ...a, state: 'EVIDENCE_REQUIRED' })), 200);
    await expectStatus(sendNotification(disputeNotification({ ...b, state: 'EVIDENCE_REQUIRED' })), 200);
    expect((await expectStatus(getReservation(reservation.id), 200)).amount_paid).toBe(6000);
    await expectStatus(
      sendNotification(disputeNotification({ ...a, state: 'WON' }, { type: 'dispute.state.updated' })),
      200,
    );
    expect(await flagOf(reservation.id)).not.toBeNull();
    expect((await expectStatus(getReservation(reservation.id), 200)).amount_paid).toBe(16000);
  });

  it('opens a dispute once when two of its notifications arrive at once', async () => {
    const { reservation, payment } = await paidReservation();
    const dispute = { id: 'dsp_sq_race_1', paymentId: payment.providerPaymentId!, amount: 3000, currency: 'EUR' };
    const first = disputeNotification({ ...dispute, state: 'EVIDENCE_REQUIRED' });
    // The same event twice, and the same state under another event id (Square's two names of one change).
    const twin = disputeNotification({ ...dispute, state: 'EVIDENCE_REQUIRED' }, { type: 'dispute.state.updated' });
    const answers = await Promise.all([sendNotification(first), sendNotification(first), sendNotification(twin)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const rows = await env.DB.prepare('SELECT state FROM payment_disputes WHERE payment_id = ?').bind(payment.id).all();
    expect(rows.results).toEqual([{ state: 'EVIDENCE_REQUIRED' }]);
    expect(await disputedEvents(payment.id)).toHaveLength(1);
    expect((await expectStatus(getReservation(reservation.id), 200)).amount_paid).toBe(17000);
  });

  it('a writer that read an older state cannot overwrite a newer one committed meanwhile', async () => {
    const { payment } = await paidReservation();
    const deps = testDeps({ subscribers: [] });
    const fields = (state: string) => ({
      providerDisputeId: 'dsp_sq_cas_1',
      providerPaymentId: payment.providerPaymentId!,
      state,
      reason: null,
      amount: 20000,
      currency: 'EUR',
      evidenceDueAt: null,
    });
    expect(await applySquareDispute(deps, payment, fields('EVIDENCE_REQUIRED'), () => [])).toEqual({ kind: 'applied' });
    // PROCESSING reads EVIDENCE_REQUIRED; WON commits between that read and PROCESSING's batch.
    const interleaved = bind(env.DB, {
      withSession: (...args: Parameters<D1Database['withSession']>) => {
        const session = env.DB.withSession(...args);
        return bind(session, {
          batch: async (statements: D1PreparedStatement[]) => {
            expect(await applySquareDispute(deps, payment, fields('WON'), () => [])).toEqual({ kind: 'applied' });
            return session.batch(statements);
          },
        });
      },
    });
    expect(await applySquareDispute({ ...deps, d1: interleaved }, payment, fields('PROCESSING'), () => [])).toEqual({
      kind: 'raced',
    });
    const stored = await env.DB.prepare('SELECT state FROM payment_disputes WHERE payment_id = ?')
      .bind(payment.id)
      .first();
    expect(stored).toEqual({ state: 'WON' });
    expect((await disputedEvents(payment.id)).map((e) => e.dispute.state)).toEqual(['EVIDENCE_REQUIRED', 'WON']);
  });

  it("ignores a dispute reported by another merchant than the hotel's own account", async () => {
    const { reservation, payment } = await paidReservation();
    await env.DB.prepare("UPDATE payments SET account = 'hotel' WHERE id = ?").bind(payment.id).run();
    await insertConnection(reservation.hotel_id, 'MDISPUTEHOTEL');
    const body = disputeNotification(
      {
        id: 'dsp_sq_foreign',
        paymentId: payment.providerPaymentId!,
        state: 'EVIDENCE_REQUIRED',
        amount: 100,
        currency: 'EUR',
      },
      { merchantId: 'MFOREIGN' },
    );
    expect(await expectStatus(sendNotification(body), 200)).toMatchObject({ reason: 'merchant_mismatch' });
    expect(await paymentState(payment.id)).toMatchObject({ disputed_amount: 0 });
    expect(await disputedEvents(payment.id)).toEqual([]);
    expect(await flagOf(reservation.id)).toBeNull();
  });
});

describe('dispute rules', () => {
  it('hold funds in every state but WON and INQUIRY_CLOSED, and only move forward', () => {
    expect(
      ['EVIDENCE_REQUIRED', 'PROCESSING', 'LOST', 'ACCEPTED', 'INQUIRY_EVIDENCE_REQUIRED', 'NEW_STATE'].map(holdsFunds),
    ).toEqual([true, true, true, true, true, true]);
    expect(['WON', 'INQUIRY_CLOSED'].map(holdsFunds)).toEqual([false, false]);
    expect(planDispute(null, 'WON')).toEqual({ kind: 'open', emits: true });
    expect(planDispute({ state: 'EVIDENCE_REQUIRED' }, 'EVIDENCE_REQUIRED')).toEqual({ kind: 'refresh', emits: false });
    expect(planDispute({ state: 'INQUIRY_CLOSED' }, 'EVIDENCE_REQUIRED')).toMatchObject({ kind: 'advance' });
    expect(planDispute({ state: 'LOST' }, 'WON')).toEqual({ kind: 'stale', emits: false });
    expect(planDispute({ state: 'WON' }, 'EVIDENCE_REQUIRED')).toEqual({ kind: 'stale', emits: false });
    expect(
      heldOn({ amount: 5000 }, [
        { amount: 4000, state: 'LOST' },
        { amount: 4000, state: 'PROCESSING' },
      ]),
    ).toBe(5000);
  });
});
