import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { defineJob } from '../../lib/job';
import { errorFields } from '../../lib/log';
import { squareAccountFor } from './accounts';
import { applySquarePayment, captureApproved, claimPayment, sendPending } from './payment-resolve';
import { type PaymentRow, payments } from './payments.table';
import { getOnSquare, listOnSquare } from './square-payments';

/**
 * Square keeps a key's answer for about a day, and card nonces expire then too. Past this age a pending
 * row is not re-sent blind: its payment is looked for in Square's list (reference_id = the reservation)
 * first, so a key Square has forgotten cannot become a second charge.
 */
export const STALE_AFTER_MS = 20 * 3600_000;
/** Delayed methods (ACH) settle in days: asking about them every ten minutes is plenty. */
export const SETTLING_CHECK_MS = 10 * 60_000;
const BATCH = 25;

/**
 * Payments whose outcome we do not hold yet, resolved with Square: a CreatePayment whose answer was lost
 * is sent again, identically, under its Square key (Square answers with what it did the first time);
 * a payment Square answered PENDING (ACH) is fetched; an authorisation the caller meant to capture (the
 * capture's answer was lost) is captured; any other authorisation (a deposit, a held payment) is fetched
 * now and then, so a capture or void whose answer was lost, or one made elsewhere, reaches the ledger. Each row is taken under its lock, so this never talks to Square
 * about a payment a request is still handling.
 */
export async function reconcilePayments(deps: Deps, limit = BATCH): Promise<number> {
  const now = deps.now().getTime();
  const rows = await deps.db
    .select()
    .from(payments)
    .where(
      and(
        sql`(${payments.lockedUntil} IS NULL OR ${payments.lockedUntil} <= ${now})`,
        sql`(
          (${payments.status} = 'pending' AND ${payments.providerPaymentId} IS NULL)
          OR (${payments.status} = 'pending' AND (${payments.reconciledAt} IS NULL OR ${payments.reconciledAt} <= ${now - SETTLING_CHECK_MS}))
          OR (${payments.status} = 'approved' AND ${payments.autocomplete} = 1 AND ${payments.heldForReview} = 0)
          OR (${payments.status} = 'approved' AND (${payments.autocomplete} = 0 OR ${payments.heldForReview} = 1)
              AND (${payments.reconciledAt} IS NULL OR ${payments.reconciledAt} <= ${now - SETTLING_CHECK_MS}))
        )`,
      ),
    )
    .orderBy(asc(payments.updatedAt))
    .limit(limit);
  let resolved = 0;
  for (const row of rows) {
    if (!(await claimPayment(deps, row.id))) continue;
    try {
      const after = await reconcileOne(deps, row);
      if (after.status !== row.status) resolved += 1;
    } catch (err) {
      deps.log.error('payment reconciliation failed', { payment_id: row.id, ...errorFields(err) });
    } finally {
      await deps.db
        .update(payments)
        .set({ reconciledAt: deps.now(), lockedUntil: null })
        .where(eq(payments.id, row.id));
    }
  }
  if (rows.length > 0) deps.log.info('payments reconciled', { checked: rows.length, resolved });
  return resolved;
}

async function reconcileOne(deps: Deps, row: PaymentRow): Promise<PaymentRow> {
  const account = await squareAccountFor(deps, row.hotelId, row.account);
  if (row.status === 'approved' && row.autocomplete && !row.heldForReview) {
    return captureApproved(deps, row, account, 'reconcile');
  }
  // A deposit or a held payment: captured or voided by a call whose answer was lost, in Square's
  // dashboard, or by Square itself when the authorisation lapsed. Square's word is fetched.
  if (row.providerPaymentId) {
    const call = await getOnSquare(deps, account, row.providerPaymentId);
    return call.ok && call.value ? applySquarePayment(deps, row, call.value, 'reconcile', account) : row;
  }
  if (deps.now().getTime() - row.createdAt.getTime() >= STALE_AFTER_MS) {
    const found = await findOnSquare(deps, row);
    if (found === 'unknown') return row;
    if (found) return applySquarePayment(deps, row, found.payment, 'reconcile', account);
  }
  return sendPending(deps, row, { source: 'reconcile', firstSend: false, attempts: 1 });
}

/** Square's payment for this row among the location's payments of its day, matched by reservation and amount. */
async function findOnSquare(deps: Deps, row: PaymentRow) {
  const account = await squareAccountFor(deps, row.hotelId, row.account);
  const begin = new Date(row.createdAt.getTime() - 60_000);
  const call = await listOnSquare(deps, account, begin, new Date(begin.getTime() + 3600_000));
  if (!call.ok) return 'unknown' as const;
  for (const payment of call.value) {
    if (payment.referenceId !== row.reservationId || Number(payment.amountMoney?.amount) !== row.amount) continue;
    const [known] = await deps.db
      .select({ id: payments.id })
      .from(payments)
      .where(eq(payments.providerPaymentId, payment.id ?? ''));
    if (!known) return { payment };
  }
  return null;
}

export const reconcilePaymentsJob = defineJob({
  type: 'payments.reconcile',
  schema: z.object({ at: z.number() }),
  retry: { baseSeconds: 10, capSeconds: 60, maxAttempts: 3 },
  handle: async (_payload, deps) => {
    await reconcilePayments(deps);
  },
});
