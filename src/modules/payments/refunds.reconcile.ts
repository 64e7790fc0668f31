import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { createDb } from '../../db';
import { defineJob } from '../../lib/job';
import { squareAccountFor } from './accounts';
import { paymentRefunds } from './payments.table';
import { applySquareRefund } from './refund-state';
import { loadPayment } from './refunds.repo';
import { inFlightMs, type RefundDeps, sendRefund } from './refunds.service';
import { callSquare } from './square.client';

/** Pending refunds one run looks at; the oldest-asked first, so none waits behind the others for long. */
export const REFUNDS_PER_RUN = 50;

/**
 * Finishes refunds Square has not settled for us: one whose answer was lost is sent again with its own
 * Square key (Square answers with the refund it already made, or makes it now — once either way); one
 * Square took but has not completed is looked up (GET /v2/refunds/{id}) in case a notification was
 * missed. Each is asked about at most once per `minAgeMs`, and only once older than that, so a request
 * still waiting for Square's answer is left to finish on its own.
 */
export async function reconcileRefunds(
  deps: RefundDeps,
  now: Date,
  { limit = REFUNDS_PER_RUN }: { limit?: number } = {},
): Promise<{ checked: number; settled: number }> {
  const minAgeMs = inFlightMs(deps.config);
  const before = new Date(now.getTime() - minAgeMs);
  const db = createDb(deps.d1);
  const due = await db
    .select()
    .from(paymentRefunds)
    .where(
      and(
        eq(paymentRefunds.status, 'pending'),
        lte(paymentRefunds.createdAt, before),
        or(isNull(paymentRefunds.reconciledAt), lte(paymentRefunds.reconciledAt, before)),
      ),
    )
    .orderBy(sql`${paymentRefunds.reconciledAt} IS NOT NULL`, asc(paymentRefunds.reconciledAt), asc(paymentRefunds.id))
    .limit(limit);
  let settled = 0;
  for (const row of due) {
    await db.update(paymentRefunds).set({ reconciledAt: now }).where(eq(paymentRefunds.id, row.id)).run();
    let after = row;
    if (row.providerRefundId === null) {
      after = await sendRefund(deps, row, 'reconcile');
    } else {
      const providerRefundId = row.providerRefundId;
      const payment = await loadPayment(deps.d1, row.paymentId);
      const account = await squareAccountFor(deps, row.hotelId, payment?.account);
      const found = await callSquare(
        deps,
        account,
        async (client) => (await client.refunds.get({ refundId: providerRefundId })).refund,
      );
      if (found.ok && found.value) {
        const applied = await applySquareRefund(deps, row.hotelId, found.value, 'reconcile', row.id);
        if (applied.kind === 'applied') after = applied.refund;
      } else if (!found.ok) {
        deps.log.warn('refund lookup failed', { refund_id: row.id, kind: found.kind });
      }
    }
    if (after.status !== 'pending' || (row.providerRefundId === null && after.providerRefundId !== null)) settled++;
  }
  if (due.length > 0) deps.log.info('refunds reconciled', { checked: due.length, settled });
  return { checked: due.length, settled };
}

export const reconcileRefundsJob = defineJob({
  type: 'payments.reconcile_refunds',
  schema: z.object({ at: z.number().int() }),
  handle: async ({ at }, deps) => {
    await reconcileRefunds(deps, new Date(at));
  },
});
