import { emit, type Json, nextId, publicView, type SquareState } from './state.ts';

/**
 * What happens in a Square account without an API call from us: an ACH transfer settles, a pending
 * refund completes, a buyer's bank opens a dispute and later decides it. Tests and the dev server's
 * `/__emulator/` endpoints drive these; each emits the webhook event Square would send.
 */

export type DisputeState = 'EVIDENCE_REQUIRED' | 'PROCESSING' | 'WON' | 'LOST' | 'ACCEPTED';
export type OpenDispute = { amount?: number; reason?: string };

const EVIDENCE_DAYS = 14;

/** An ACH payment settles: PENDING → COMPLETED (or FAILED when the bank returns it). */
export function settlePayment(state: SquareState, paymentId: string, outcome: 'COMPLETED' | 'FAILED' = 'COMPLETED') {
  const payment = state.payments.get(paymentId);
  if (payment?.status !== 'PENDING') throw new Error(`no pending payment ${paymentId}`);
  Object.assign(payment, { status: outcome, updated_at: state.now().toISOString() });
  emit(state, 'payment.updated', payment);
  return publicView(payment);
}

/** A PENDING refund completes (Square: `refund.updated`); others are left as they are. */
export function completeRefund(state: SquareState, refundId: string): Json | undefined {
  const refund = state.refunds.get(refundId);
  if (refund?.status !== 'PENDING') return undefined;
  Object.assign(refund, { status: 'COMPLETED', updated_at: state.now().toISOString() });
  emit(state, 'refund.updated', refund);
  return publicView(refund);
}

export function completePendingRefunds(state: SquareState): Json[] {
  const done: Json[] = [];
  for (const id of state.refunds.keys()) {
    const refund = completeRefund(state, id);
    if (refund) done.push(refund);
  }
  return done;
}

/** The buyer's bank disputes a completed payment (Square's Dispute object, `dispute.created`). */
export function openDispute(state: SquareState, paymentId: string, options: OpenDispute = {}): Json {
  const payment = state.payments.get(paymentId);
  if (payment?.status !== 'COMPLETED') throw new Error(`no completed payment ${paymentId}`);
  const paid = payment.amount_money as { amount: number; currency: string };
  const amount = options.amount ?? paid.amount;
  if (!Number.isInteger(amount) || amount < 1 || amount > paid.amount) throw new Error(`bad dispute amount ${amount}`);
  const now = state.now();
  const id = nextId(state, 'SQDSP');
  const card = (payment.card_details as { card?: { card_brand?: string } } | undefined)?.card;
  const dispute: Json = {
    id,
    dispute_id: id,
    amount_money: { amount, currency: paid.currency },
    reason: options.reason ?? 'NOT_AS_DESCRIBED',
    state: 'EVIDENCE_REQUIRED',
    due_at: new Date(now.getTime() + EVIDENCE_DAYS * 86_400_000).toISOString(),
    disputed_payment: { payment_id: paymentId },
    evidence_ids: [],
    card_brand: card?.card_brand ?? 'OTHER_BRAND',
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    brand_dispute_id: nextId(state, 'BD'),
    reported_at: now.toISOString(),
    version: 1,
    location_id: payment.location_id,
  };
  state.disputes.set(id, { ...dispute, merchant_id: payment.merchant_id });
  emit(state, 'dispute.created', state.disputes.get(id) as Json);
  return dispute;
}

/** The dispute moves on (the bank decides, or the seller accepts): `dispute.state.updated`. */
export function updateDispute(state: SquareState, disputeId: string, to: DisputeState): Json {
  const dispute = state.disputes.get(disputeId);
  if (!dispute) throw new Error(`no dispute ${disputeId}`);
  Object.assign(dispute, {
    state: to,
    updated_at: state.now().toISOString(),
    version: Number(dispute.version ?? 1) + 1,
  });
  emit(state, 'dispute.state.updated', dispute);
  return publicView(dispute);
}
