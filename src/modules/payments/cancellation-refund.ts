import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { createDb } from '../../db';
import { defineJob } from '../../lib/job';
import type { Subscriber } from '../events/subscribers';
import { loadReservation } from '../reservations/reservations.repo';
import { type PaymentRefundRow, paymentRefunds, payments } from './payments.table';
import { continueRefund, type RefundDeps, refundable, requestRefund, squareRefundKey } from './refunds.service';
import { paymentSettingsFor } from './settings.service';

/**
 * Auto-refund on cancellation (the hotel's `auto_refund_on_cancel`): what the cancellation policy
 * returns — amount paid less the cancellation fee — is refunded from the reservation's completed
 * payments, newest first, as `origin: 'cancellation'` refunds. Runs as a job after the cancellation
 * committed (the subscriber below enqueues it). Each payment's refund has a Square key derived from the
 * reservation and the payment, so a job run twice (a redelivery, a retry after a crash) continues the
 * refunds it already made and never makes another.
 */
export async function refundCancellation(
  deps: RefundDeps,
  reservationId: string,
): Promise<{ refunds: PaymentRefundRow[]; unrefunded: number }> {
  const session = deps.d1.withSession('first-primary');
  const loaded = await loadReservation(session, reservationId);
  const none = { refunds: [], unrefunded: 0 };
  if (loaded?.row.status !== 'cancelled') return none;
  const { row } = loaded;
  if (!(await paymentSettingsFor(session, row.hotelId)).auto_refund_on_cancel) return none;
  const [captured, earlier] = await Promise.all([
    createDb(session)
      .select()
      .from(payments)
      .where(and(eq(payments.reservationId, reservationId), eq(payments.status, 'completed')))
      .orderBy(desc(payments.createdAt), desc(payments.id)),
    createDb(session)
      .select()
      .from(paymentRefunds)
      .where(and(eq(paymentRefunds.reservationId, reservationId), eq(paymentRefunds.origin, 'cancellation'))),
  ]);
  // amount_paid is already net of the refunds an earlier run made: what is left is paid less the fee.
  let left = row.amountPaid - (row.cancellationFee ?? 0);
  const byKey = new Map(earlier.map((r) => [r.squareIdempotencyKey, r]));
  const refunds: PaymentRefundRow[] = [];
  for (const payment of captured) {
    const squareKey = await squareRefundKey('cx', reservationId, payment.id);
    const made = byKey.get(squareKey);
    if (made) {
      // Made by an earlier run: only finish it (Square's answer may have been lost).
      refunds.push(await continueRefund(deps, made));
      continue;
    }
    const amount = Math.min(left, refundable(payment));
    if (amount <= 0) continue;
    const refund = await requestRefund(
      deps,
      payment,
      { amount, reason: 'Reservation cancelled' },
      { squareKey, origin: 'cancellation', createdBy: 'cancellation' },
    );
    refunds.push(refund);
    if (refund.status === 'pending' || refund.status === 'completed') left -= amount;
  }
  if (left > 0) deps.log.warn('cancellation refund incomplete', { reservation_id: reservationId, unrefunded: left });
  return { refunds, unrefunded: Math.max(0, left) };
}

export const cancellationRefundJob = defineJob({
  type: 'payments.cancellation_refund',
  schema: z.object({ reservation_id: z.string().min(1) }),
  handle: async ({ reservation_id }, deps) => {
    await refundCancellation(deps, reservation_id);
  },
});

/** Hears cancellations (not expired holds) with money to give back and enqueues the refund job. */
export const cancellationRefundSubscriber: Subscriber = {
  name: 'payments.cancellation-refund',
  events: ['reservation.cancelled'],
  handle: async (event, deps) => {
    const data = event.data as { id?: string; status?: string; amount_paid?: number; cancellation_fee?: number | null };
    if (data.status !== 'cancelled' || typeof data.id !== 'string') return;
    if ((data.amount_paid ?? 0) <= (data.cancellation_fee ?? 0)) return;
    await deps.jobs.send(cancellationRefundJob.message({ reservation_id: data.id }));
  },
};
