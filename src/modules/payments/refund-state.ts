import type { Square } from 'square';
import type { Deps } from '../../deps';
import { newId } from '../../lib/ids';
import { commitChange } from '../events/commit';
import type { DomainEvent } from '../events/events.schema';
import { recomputeAmountPaid } from './ledger';
import { paymentView, refundView } from './payments.repo';
import type { PaymentRefundRow, PaymentRow, RefundStatus } from './payments.table';
import { loadPayment, loadRefund, refundByProviderId } from './refunds.repo';

/**
 * How a refund moves, whoever saw Square's word first: the answer to our call, a Square notification
 * (refund.created / refund.updated) or the reconciliation job. A refund is `pending` from the moment we
 * reserve its amount (payments.refunded_amount) until Square settles it; it then moves once, forward only,
 * to `completed` (the event `payment.refunded`), or to `rejected` / `failed` (the amount is given back).
 *
 * Once only: the statement that settles a refund refuses (CHECK amount > 0) unless the row is still
 * `pending`, so of two writers that both saw it pending, the second one's whole batch — its event and
 * its ledger change — rolls back.
 */
export type StateDeps = Pick<
  Deps,
  'd1' | 'cache' | 'log' | 'now' | 'sleep' | 'defer' | 'jobs' | 'subscribers' | 'actor'
>;

export type RefundSource = 'answer' | 'webhook' | 'reconcile';

export function refundStatusFromSquare(status: string | null | undefined): RefundStatus {
  switch (status) {
    case 'COMPLETED':
      return 'completed';
    case 'REJECTED':
      return 'rejected';
    case 'FAILED':
      return 'failed';
    default:
      return 'pending';
  }
}

/** Rejected and failed refunds return nothing: their amount no longer counts as refunded. */
export function givesBack(status: RefundStatus): boolean {
  return status === 'rejected' || status === 'failed';
}

export type Settlement = { errorCode?: string | null; errorDetail?: string | null };

/**
 * Moves a pending refund to a final status and returns the row as it stands afterwards (reloaded when
 * another writer settled it first). A refund that is already final is returned unchanged.
 */
export async function settleRefund(
  deps: StateDeps,
  row: PaymentRefundRow,
  to: RefundStatus,
  details: Settlement,
  source: RefundSource | 'api',
): Promise<PaymentRefundRow> {
  if (row.status !== 'pending' || to === 'pending') return row;
  const session = deps.d1.withSession('first-primary');
  const now = deps.now();
  const payment = await loadPayment(session, row.paymentId);
  if (!payment) throw new Error(`payment ${row.paymentId} vanished`);
  const next: PaymentRefundRow = {
    ...row,
    status: to,
    errorCode: details.errorCode ?? row.errorCode,
    errorDetail: details.errorDetail ?? row.errorDetail,
    updatedAt: now,
  };
  const paymentAfter: PaymentRow = givesBack(to)
    ? { ...payment, refundedAmount: payment.refundedAmount - row.amount, updatedAt: now }
    : payment;
  const events: DomainEvent[] = to === 'completed' ? [refundedEvent(paymentAfter, next)] : [];
  const result = await commitChange(deps, {
    hotelId: row.hotelId,
    session,
    statements: [
      session
        .prepare(
          // amount → 0 breaks CHECK (amount > 0) when another writer settled it first: nothing commits.
          `UPDATE payment_refunds SET status = ?1, error_code = ?2, error_detail = ?3, updated_at = ?4,
             amount = CASE WHEN status = 'pending' THEN amount ELSE 0 END
           WHERE id = ?5`,
        )
        .bind(to, next.errorCode, next.errorDetail, now.getTime(), row.id),
      ...(givesBack(to)
        ? [
            session
              .prepare('UPDATE payments SET refunded_amount = refunded_amount - ?, updated_at = ? WHERE id = ?')
              .bind(row.amount, now.getTime(), row.paymentId),
          ]
        : []),
      recomputeAmountPaid(session, row.reservationId, now),
    ],
    events,
    affectsAvailability: false,
  });
  if (result.ok) {
    deps.log.info('refund settled', { refund_id: row.id, status: to, source });
    return next;
  }
  const fresh = await loadRefund(session, row.id);
  if (!fresh) throw new Error(`refund ${row.id} vanished`);
  return fresh;
}

export type ApplyResult =
  | { kind: 'applied'; refund: PaymentRefundRow }
  /** Not a payment of ours (another integration's, or another hotel's): nothing to do. */
  | { kind: 'unknown_payment' }
  /**
   * Cannot be told apart yet: one of our own refunds of that payment is still awaiting Square's answer,
   * or recording it would exceed what our books hold as refundable until that one settles. Nothing was
   * written; apply it again later (a notification handler answers non-2xx so Square redelivers it).
   */
  | { kind: 'retry'; reason: 'own_refund_in_flight' | 'over_refunded' };

/**
 * Applies Square's view of a refund (an SDK `PaymentRefund`). `ours` is the id of our refund the answer
 * or the reconciliation job is about: a refund Square does not know yet by id is linked to it. A refund
 * nobody here asked for (made in Square's dashboard) is recorded with origin `square` against our
 * payment with that Square payment id.
 */
export async function applySquareRefund(
  deps: StateDeps,
  hotelId: string,
  refund: Square.PaymentRefund,
  source: RefundSource,
  ours?: string,
): Promise<ApplyResult> {
  const session = deps.d1.withSession('first-primary');
  const to = refundStatusFromSquare(refund.status);
  let row = await refundByProviderId(session, refund.id);
  if (!row && ours) {
    try {
      await session
        .prepare(
          'UPDATE payment_refunds SET provider_refund_id = ?, updated_at = ? WHERE id = ? AND provider_refund_id IS NULL',
        )
        .bind(refund.id, deps.now().getTime(), ours)
        .run();
    } catch (err) {
      // UNIQUE: a notification recorded this Square refund at the same moment; it is read back below.
      deps.log.warn('refund link lost a race', { refund_id: ours, error: err instanceof Error ? err.name : 'unknown' });
    }
    row = await refundByProviderId(session, refund.id);
  }
  if (!row) return recordSquareRefund(deps, session, hotelId, refund, to, source);
  if (row.hotelId !== hotelId) return { kind: 'unknown_payment' };
  const details = to === 'pending' || to === 'completed' ? {} : { errorCode: `REFUND_${refund.status}` };
  return { kind: 'applied', refund: await settleRefund(deps, row, to, details, source) };
}

/** A refund made outside this API (Square's dashboard): recorded against our payment, origin `square`. */
async function recordSquareRefund(
  deps: StateDeps,
  session: D1DatabaseSession,
  hotelId: string,
  refund: Square.PaymentRefund,
  to: RefundStatus,
  source: RefundSource,
): Promise<ApplyResult> {
  const payment = refund.paymentId
    ? await session
        .prepare('SELECT id FROM payments WHERE provider_payment_id = ? AND hotel_id = ?')
        .bind(refund.paymentId, hotelId)
        .first<{ id: string }>()
    : null;
  const paymentRow = payment ? await loadPayment(session, payment.id) : null;
  if (!paymentRow) return { kind: 'unknown_payment' };
  // Our own refund of this payment may be this very one, its answer not back yet: it would count twice.
  const inFlight = await session
    .prepare(
      "SELECT 1 AS x FROM payment_refunds WHERE payment_id = ? AND status = 'pending' AND provider_refund_id IS NULL",
    )
    .bind(paymentRow.id)
    .first();
  if (inFlight) return { kind: 'retry', reason: 'own_refund_in_flight' };
  const now = deps.now();
  const amount = Number(refund.amountMoney?.amount ?? 0);
  const counts = !givesBack(to);
  const row: PaymentRefundRow = {
    id: newId('refund'),
    paymentId: paymentRow.id,
    hotelId,
    reservationId: paymentRow.reservationId,
    status: to,
    amount,
    currency: String(refund.amountMoney?.currency ?? paymentRow.currency),
    reason: refund.reason ?? null,
    // Never sent by us; unique like every other key, and says where the refund came from.
    squareIdempotencyKey: `square:${refund.id}`,
    providerRefundId: refund.id,
    origin: 'square',
    createdBy: null,
    errorCode: counts ? null : `REFUND_${refund.status}`,
    errorDetail: null,
    reconciledAt: null,
    createdAt: now,
    updatedAt: now,
  };
  const paymentAfter = counts ? { ...paymentRow, refundedAmount: paymentRow.refundedAmount + amount } : paymentRow;
  const result = await commitChange(deps, {
    hotelId,
    session,
    statements: [
      ...(counts
        ? [
            session
              .prepare('UPDATE payments SET refunded_amount = refunded_amount + ?, updated_at = ? WHERE id = ?')
              .bind(amount, now.getTime(), paymentRow.id),
          ]
        : []),
      insertRefund(session, row),
      recomputeAmountPaid(session, row.reservationId, now),
    ],
    events: to === 'completed' ? [refundedEvent(paymentAfter, row)] : [],
    affectsAvailability: false,
  });
  if (result.ok) {
    deps.log.info('refund recorded from square', { refund_id: row.id, payment_id: paymentRow.id, source });
    return { kind: 'applied', refund: row };
  }
  if (result.constraint === 'unique') {
    // Another writer recorded the same Square refund first: apply this view to its row.
    const existing = await refundByProviderId(session, refund.id);
    if (existing) return applySquareRefund(deps, hotelId, refund, source);
  }
  // CHECK: our pending refunds and this one exceed the payment; it fits once one of ours is given back.
  return { kind: 'retry', reason: 'over_refunded' };
}

export function insertRefund(session: D1DatabaseSession, r: PaymentRefundRow): D1PreparedStatement {
  return session
    .prepare(
      `INSERT INTO payment_refunds (id, payment_id, hotel_id, reservation_id, status, amount, currency, reason,
         square_idempotency_key, provider_refund_id, origin, created_by, error_code, error_detail, reconciled_at,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      r.id,
      r.paymentId,
      r.hotelId,
      r.reservationId,
      r.status,
      r.amount,
      r.currency,
      r.reason,
      r.squareIdempotencyKey,
      r.providerRefundId,
      r.origin,
      r.createdBy,
      r.errorCode,
      r.errorDetail,
      r.reconciledAt?.getTime() ?? null,
      r.createdAt.getTime(),
      r.updatedAt.getTime(),
    );
}

function refundedEvent(payment: PaymentRow, refund: PaymentRefundRow): DomainEvent {
  return {
    type: 'payment.refunded',
    hotelId: refund.hotelId,
    subjectId: payment.id,
    data: { ...paymentView(payment), refund: refundView(refund) },
  };
}
