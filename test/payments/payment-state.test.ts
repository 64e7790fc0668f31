import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { applyTransition } from '../../src/modules/payments/payment-state';
import { testDeps } from '../helpers/deps';
import { NO_CARD_YET, paymentRow } from '../helpers/payments';
import { bookableHotel, booked, bookingBody } from '../helpers/reservations';

function pendingPayment(reservation: { id: string; hotel_id: string; currency: string }, amount: number) {
  return paymentRow(reservation, amount, {
    status: 'pending',
    pendingRequest: { source_id: 'cnon:card-nonce-ok' },
    ...NO_CARD_YET,
  });
}

describe('applyTransition', () => {
  it('moves a payment once: two writers completing it write one event and one amount_paid', async () => {
    const h = await bookableHotel();
    const reservation = await booked(bookingBody(h));
    const row = await pendingPayment(reservation, 5000);
    const deps = testDeps({ subscribers: [] });
    const to = {
      to: 'completed' as const,
      fields: { providerPaymentId: 'SQ1', cardLast4: '1111' },
      source: 'answer' as const,
    };
    const [a, b] = await Promise.all([
      applyTransition(deps, row, to),
      applyTransition(deps, row, { ...to, source: 'webhook' }),
    ]);
    expect([a.status, b.status]).toEqual(['completed', 'completed']);
    const events = await env.DB.prepare('SELECT type FROM outbox_events WHERE subject_id = ?').bind(row.id).all();
    expect(events.results).toEqual([{ type: 'payment.completed' }]);
    const res = await env.DB.prepare('SELECT amount_paid FROM reservations WHERE id = ?').bind(reservation.id).first();
    expect(res).toEqual({ amount_paid: 5000 });
    const stored = await env.DB.prepare('SELECT pending_request FROM payments WHERE id = ?').bind(row.id).first();
    expect(stored).toEqual({ pending_request: null });
  });

  it('never moves backwards, and a detail Square leaves out never erases one we hold', async () => {
    const h = await bookableHotel();
    const reservation = await booked(bookingBody(h));
    const row = await pendingPayment(reservation, 700);
    const deps = testDeps({ subscribers: [] });
    const approved = await applyTransition(deps, row, {
      to: 'approved',
      fields: { cardLast4: '1111', receiptUrl: 'https://squareup.example/r/1' },
      source: 'answer',
    });
    // Square's later word leaves out details (null): what we hold stays.
    const done = await applyTransition(deps, approved, {
      to: 'completed',
      fields: { cardLast4: null, receiptUrl: null },
      source: 'webhook',
    });
    expect(done).toMatchObject({ status: 'completed', cardLast4: '1111', receiptUrl: 'https://squareup.example/r/1' });
    const late = await applyTransition(deps, done, { to: 'approved', fields: {}, source: 'webhook' });
    expect(late.status).toBe('completed');
  });
});
