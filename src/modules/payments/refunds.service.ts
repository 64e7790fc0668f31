import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { sha256Hex } from '../../lib/crypto';
import { newId } from '../../lib/ids';
import { commitChange } from '../events/commit';
import { bindResource, type IdempotencyClaim } from '../idempotency/idempotency.service';
import { squareAccountFor } from './accounts';
import { recomputeAmountPaid } from './ledger';
import type { PaymentRefundRow, PaymentRow } from './payments.table';
import { applySquareRefund, insertRefund, type RefundSource, type StateDeps, settleRefund } from './refund-state';
import { loadPayment, loadRefund, refundBySquareKey } from './refunds.repo';
import { callSquare, refusalSpeaksForKey, toSquareMoney } from './square.client';

/**
 * Refunds: the amount is reserved on the payment (payments.refunded_amount, CHECK ≤ amount) in the same
 * batch that records the refund, BEFORE Square is called — two concurrent refunds cannot together exceed
 * what was captured, and a refund whose answer is lost is still on record. Square is then asked with a
 * key derived from ours (the same on every retry), so asking again can never refund twice.
 */
export type RefundDeps = StateDeps & Pick<Deps, 'outbound' | 'config' | 'db'>;

export type RefundInput = { amount: number; reason?: string | undefined };

export type RefundOrigin = 'api' | 'cancellation';

/** Square's idempotency key for a refund: at most 45 characters, a pure function of what identifies it. */
export async function squareRefundKey(prefix: 'rf' | 'cx', ...parts: string[]): Promise<string> {
  return `${prefix}_${(await sha256Hex(parts.join('\n'))).slice(0, 40)}`;
}

/** What may still be refunded: captured, less refunds asked for, less what is held by an open dispute. */
export function refundable(p: Pick<PaymentRow, 'status' | 'amount' | 'refundedAmount' | 'disputedAmount'>): number {
  return p.status === 'completed' ? Math.max(0, p.amount - p.refundedAmount - p.disputedAmount) : 0;
}

/**
 * Records a refund of `payment` and asks Square for it. A request whose key already made a refund (a
 * retry, the cancellation job running twice) continues that refund instead of making another. Returns
 * the refund as it stands: `completed`/`pending` with Square's id, `failed` (Square refused: see
 * refusalError), or `pending` without Square's id when Square's answer could not be had (the
 * reconciliation job finishes it with the same key).
 */
export async function requestRefund(
  deps: RefundDeps,
  payment: PaymentRow,
  input: RefundInput,
  options: { squareKey: string; origin: RefundOrigin; createdBy: string | null; claim?: IdempotencyClaim | undefined },
): Promise<PaymentRefundRow> {
  const session = deps.d1.withSession('first-primary');
  const existing = await refundBySquareKey(session, options.squareKey);
  if (existing) return continueRefund(deps, existing);
  if (payment.status !== 'completed') {
    throw new AppError('invalid_state', `A ${payment.status} payment cannot be refunded; only a completed one.`);
  }
  if (!payment.providerPaymentId) throw new AppError('invalid_state', 'The payment has no Square payment id.');
  const now = deps.now();
  const row: PaymentRefundRow = {
    id: newId('refund'),
    paymentId: payment.id,
    hotelId: payment.hotelId,
    reservationId: payment.reservationId,
    status: 'pending',
    amount: input.amount,
    currency: payment.currency,
    reason: input.reason ?? null,
    squareIdempotencyKey: options.squareKey,
    providerRefundId: null,
    origin: options.origin,
    createdBy: options.createdBy,
    errorCode: null,
    errorDetail: null,
    reconciledAt: null,
    createdAt: now,
    updatedAt: now,
  };
  const result = await commitChange(deps, {
    hotelId: payment.hotelId,
    session,
    statements: [
      // The reservation of the amount: -1 breaks CHECK (refunded_amount >= 0) and rolls the batch back
      // when the payment is not completed or the amount exceeds what is left, whatever ran in between.
      session
        .prepare(
          `UPDATE payments SET updated_at = ?3, refunded_amount = CASE
             WHEN status = 'completed' AND refunded_amount + ?1 <= amount - disputed_amount THEN refunded_amount + ?1
             ELSE -1 END
           WHERE id = ?2`,
        )
        .bind(input.amount, payment.id, now.getTime()),
      insertRefund(session, row),
      ...(options.claim ? [bindResource(session, options.claim, row.id)] : []),
      recomputeAmountPaid(session, payment.reservationId, now),
    ],
    events: [],
    affectsAvailability: false,
  });
  if (!result.ok) {
    // The same key at the same moment (the cancellation job delivered twice): continue that one. Its
    // reservation may have refused ours (CHECK) before the key did (UNIQUE), so look whichever failed.
    const raced = await refundBySquareKey(session, options.squareKey);
    if (raced) return continueRefund(deps, raced);
    const fresh = (await loadPayment(session, payment.id)) ?? payment;
    if (fresh.status !== 'completed') {
      throw new AppError('invalid_state', `A ${fresh.status} payment cannot be refunded; only a completed one.`);
    }
    throw exceeds(refundable(fresh), input.amount);
  }
  return sendRefund(deps, row, 'answer', true);
}

function exceeds(left: number, asked: number): AppError {
  return new AppError(
    'refund_exceeds_balance',
    `A refund of ${asked} exceeds what is left to refund on this payment (${left}): captured, less refunds asked for and amounts under dispute.`,
    { refundable_amount: left },
  );
}

/**
 * How long a refund whose Square answer is outstanding is left to the request that sent it: its call and
 * one retry, each up to the outbound timeout, with room to spare. Sending the same refund from two places
 * at once could have one of them told "refused" (a concurrent duplicate) while the other succeeded.
 */
export function inFlightMs(config: RefundDeps['config']): number {
  return Math.max(60_000, 3 * config.PAYMENT_GATEWAY_TIMEOUT_MS);
}

/**
 * A refund found again (a retry of the request, a second run of the cancellation job): one still in its
 * sender's hands is returned as it is (pending; finished by its sender or by reconciliation), an older
 * one without Square's answer is sent again with its own key.
 */
export function continueRefund(deps: RefundDeps, row: PaymentRefundRow): Promise<PaymentRefundRow> | PaymentRefundRow {
  const fresh = deps.now().getTime() - row.createdAt.getTime() < inFlightMs(deps.config);
  return fresh ? row : sendRefund(deps, row);
}

/**
 * Asks Square for a pending refund it has not answered yet (a refund Square already knows is returned
 * as it is). No answer is retried once, at once, with the same key; still none leaves it pending.
 * `firstSend`: no earlier try can have reached Square, so any refusal means nothing was refunded.
 */
export async function sendRefund(
  deps: RefundDeps,
  row: PaymentRefundRow,
  source: RefundSource = 'answer',
  firstSend = false,
): Promise<PaymentRefundRow> {
  if (row.status !== 'pending' || row.providerRefundId !== null) return row;
  const payment = await loadPayment(deps.d1, row.paymentId);
  if (!payment?.providerPaymentId) throw new Error(`refund ${row.id}: payment without a Square id`);
  const account = await squareAccountFor(deps, row.hotelId, payment.account);
  const ask = () =>
    callSquare(deps, account, async (client) => {
      const answer = await client.refunds.refundPayment({
        idempotencyKey: row.squareIdempotencyKey,
        amountMoney: toSquareMoney(row.amount, row.currency),
        paymentId: payment.providerPaymentId,
        ...(row.reason ? { reason: row.reason } : {}),
      });
      return answer.refund;
    });
  // A 2xx without a refund in it is no answer either: Square may have refunded.
  const unanswered = (c: Awaited<ReturnType<typeof ask>>) => (c.ok ? !c.value : c.kind === 'unknown');
  let call = await ask();
  let first = firstSend;
  if (unanswered(call)) {
    first = false;
    call = await ask();
  }
  if (call.ok && call.value) {
    const applied = await applySquareRefund(deps, row.hotelId, call.value, source, row.id);
    if (applied.kind === 'applied') return applied.refund;
    return (await loadRefund(deps.d1, row.id)) ?? row;
  }
  if (call.ok || call.kind === 'unknown') {
    deps.log.warn('refund outcome unknown', { refund_id: row.id, reason: call.ok ? 'no_refund' : call.reason });
    return row;
  }
  if (!first && !refusalSpeaksForKey(call)) {
    // An earlier try may have refunded: giving the amount back now could let it be refunded twice.
    deps.log.warn('refund retry refused before its key was looked at; it stays pending', {
      refund_id: row.id,
      status: call.status,
    });
    return row;
  }
  const error = call.errors[0];
  return settleRefund(
    deps,
    row,
    'failed',
    { errorCode: error?.code ?? `HTTP_${call.status}`, errorDetail: error?.detail ?? null },
    source,
  );
}

const OVER_REFUND = new Set(['REFUND_AMOUNT_INVALID']);
const NOT_REFUNDABLE = new Set([
  'PAYMENT_NOT_REFUNDABLE',
  'PAYMENT_NOT_REFUNDABLE_DUE_TO_DISPUTE',
  'REFUND_ALREADY_PENDING',
  'REFUND_ERROR_PAYMENT_NEEDS_COMPLETION',
]);
const DECLINES = new Set(['REFUND_DECLINED', 'INSUFFICIENT_FUNDS', 'CARD_EXPIRED', 'GENERIC_DECLINE', 'INVALID_CARD']);

/**
 * The problem for a refund Square refused (its code is kept on the refund): Square holding less to
 * refund than our books → 409 `refund_exceeds_balance`; a payment Square will not refund → 409
 * `invalid_state`; a decline (card closed, seller balance) → 402 with Square's code; anything else
 * (our credentials, an unknown payment) → 502 `gateway_error`.
 */
export function refusalError(row: PaymentRefundRow): AppError {
  const code = row.errorCode ?? 'UNKNOWN';
  const square = { square_code: code, refund_id: row.id };
  const said = row.errorDetail ? `: ${row.errorDetail}` : '';
  if (OVER_REFUND.has(code)) {
    return new AppError('refund_exceeds_balance', `Square refused the refund as more than it can refund${said}.`, {
      ...square,
    });
  }
  if (NOT_REFUNDABLE.has(code))
    return new AppError('invalid_state', `Square cannot refund this payment${said}.`, square);
  if (DECLINES.has(code))
    return new AppError('payment_declined', `Square declined the refund${said}.`, { code, ...square });
  return new AppError('gateway_error', `Square refused the refund (${code})${said}.`, square);
}
