/**
 * The reservation's `amount_paid` is never added to or subtracted from: every statement that changes
 * a payment, refund or dispute is followed, in the same D1 batch, by `recomputeAmountPaid`, which sets
 * it from the ledger. So `amount_paid` (and the `balance_due` derived from it) always equals the folio:
 *
 *   amount_paid = captured payments − refunds (pending or completed) − amounts under open dispute
 *
 * Authorised (`approved`) and in-flight (`pending`) payments are not paid yet, but they are *committed*
 * against the balance: `OPEN_COMMITMENTS_SQL` counts them so two concurrent payments cannot overpay.
 */
export const PAID_SQL = `
  COALESCE((SELECT SUM(p.amount - p.disputed_amount) FROM payments p
            WHERE p.reservation_id = ?1 AND p.status = 'completed'), 0)
  - COALESCE((SELECT SUM(r.amount) FROM payment_refunds r
              WHERE r.reservation_id = ?1 AND r.status IN ('pending', 'completed')), 0)`;

/** Payments that are not captured yet but will be unless they fail: authorised or awaiting Square. */
export const OPEN_COMMITMENTS_SQL = `
  COALESCE((SELECT SUM(p.amount) FROM payments p
            WHERE p.reservation_id = ?1 AND p.status IN ('pending', 'approved')), 0)`;

/**
 * Sets the reservation's `amount_paid` from the ledger and, when it changed, moves its version (the
 * representation and its ETag change). Goes last in the batch that changed the ledger.
 */
export function recomputeAmountPaid(session: D1Database | D1DatabaseSession, reservationId: string, now: Date) {
  return session
    .prepare(
      `UPDATE reservations
         SET amount_paid = (${PAID_SQL}), version = version + 1, updated_at = ?2
       WHERE id = ?1 AND amount_paid <> (${PAID_SQL})`,
    )
    .bind(reservationId, now.getTime());
}
