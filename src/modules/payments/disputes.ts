import { eq, or } from 'drizzle-orm';
import type { Square } from 'square';
import { createDb } from '../../db';
import type { Deps } from '../../deps';
import { newId } from '../../lib/ids';
import { commitChange } from '../events/commit';
import type { DomainEvent } from '../events/events.schema';
import { recomputeAmountPaid } from './ledger';
import { disputeView, paymentView } from './payments.repo';
import { type PaymentDisputeRow, type PaymentRow, paymentDisputes } from './payments.table';

/**
 * Chargebacks Square reports (dispute.created, dispute.state.updated). While a dispute holds funds its
 * amount is off the folio: `payments.disputed_amount` (the ledger subtracts it from `amount_paid`, so
 * `balance_due` goes up) and `reservations.disputed_at` flags the stay. WON gives the money back
 * (released); LOST and ACCEPTED keep it off for good (the chargeback stands); INQUIRY_CLOSED ends an
 * inquiry without a chargeback (released). Every other state — including states Square adds later —
 * holds: the folio errs on the side of money not yet safe.
 *
 * States only move forward (RANK), so a late notification cannot reopen a closed dispute. The
 * `payment.disputed` event is written once when the dispute is first reported and once more each time
 * its state moves on (e.g. to WON or LOST), never twice for one state: `data.dispute.state` says which.
 */
export const RELEASED_STATES = ['WON', 'INQUIRY_CLOSED'] as const;

const RANK: Record<string, number> = {
  INQUIRY_EVIDENCE_REQUIRED: 0,
  INQUIRY_PROCESSING: 1,
  INQUIRY_CLOSED: 2,
  EVIDENCE_REQUIRED: 3,
  PROCESSING: 4,
  WON: 5,
  LOST: 5,
  ACCEPTED: 5,
};
/** An unknown state ranks with PROCESSING: after the dispute opened, before it was decided. */
const rankOf = (state: string) => RANK[state] ?? 4;

export function holdsFunds(state: string): boolean {
  return !(RELEASED_STATES as readonly string[]).includes(state);
}

export type DisputeFields = {
  providerDisputeId: string;
  providerPaymentId: string;
  state: string;
  reason: string | null;
  amount: number;
  currency: string;
  evidenceDueAt: Date | null;
};

/** What we keep of Square's dispute (the SDK shape from square-notifications.ts). */
export function disputeFields(d: Square.Dispute, payment: Pick<PaymentRow, 'amount' | 'currency'>): DisputeFields {
  const due = d.dueAt ? new Date(d.dueAt) : null;
  return {
    providerDisputeId: d.id ?? '',
    providerPaymentId: d.disputedPayment?.paymentId ?? '',
    state: d.state ? String(d.state) : 'EVIDENCE_REQUIRED',
    reason: d.reason ? String(d.reason) : null,
    // No amount: the whole payment is disputed.
    amount:
      d.amountMoney?.amount === undefined || d.amountMoney.amount === null
        ? payment.amount
        : Number(d.amountMoney.amount),
    currency: d.amountMoney?.currency ? String(d.amountMoney.currency) : payment.currency,
    evidenceDueAt: due && !Number.isNaN(due.getTime()) ? due : null,
  };
}

export type DisputePlan =
  | { kind: 'open'; emits: true }
  | { kind: 'advance'; from: string; emits: true }
  | { kind: 'refresh'; emits: false }
  | { kind: 'stale'; emits: false };

/** Pure: what a notification does to the dispute as we hold it (null: not seen before). */
export function planDispute(existing: Pick<PaymentDisputeRow, 'state'> | null, incoming: string): DisputePlan {
  if (!existing) return { kind: 'open', emits: true };
  if (incoming === existing.state) return { kind: 'refresh', emits: false };
  if (rankOf(incoming) > rankOf(existing.state)) return { kind: 'advance', from: existing.state, emits: true };
  return { kind: 'stale', emits: false };
}

/** Sum of the amounts still held on a payment, never above the payment. */
export function heldOn(payment: Pick<PaymentRow, 'amount'>, disputes: Pick<PaymentDisputeRow, 'amount' | 'state'>[]) {
  const held = disputes.filter((d) => holdsFunds(d.state)).reduce((sum, d) => sum + d.amount, 0);
  return Math.min(payment.amount, held);
}

const RELEASED_SQL = RELEASED_STATES.map((s) => `'${s}'`).join(', ');

type DisputeDeps = Pick<Deps, 'd1' | 'cache' | 'log' | 'now' | 'sleep' | 'defer' | 'jobs' | 'subscribers' | 'actor'>;

/**
 * `applied`: written with the caller's statements. `stale`: an older state than we hold; `mismatch`: the
 * dispute is on record for another payment — neither writes anything. `raced`: another writer got there
 * first and nothing was written; read again and retry.
 */
export type DisputeOutcome = { kind: 'applied' | 'stale' | 'mismatch' | 'raced' };

/**
 * Writes the dispute, the payment's held amount, the reservation's flag, `amount_paid` and the event in
 * one batch with the caller's statements (`also`: the notification's dedupe row). Two writers that read
 * the same state cannot both move it: the insert collides on `provider_dispute_id`, the update compares
 * the state it read (a stale read writes NULL into a NOT NULL column and the batch rolls back).
 */
export async function applySquareDispute(
  deps: DisputeDeps,
  payment: PaymentRow,
  fields: DisputeFields,
  also: (session: D1DatabaseSession) => D1PreparedStatement[],
): Promise<DisputeOutcome> {
  const session = deps.d1.withSession('first-primary');
  const now = deps.now();
  const rows = await createDb(session)
    .select()
    .from(paymentDisputes)
    .where(
      or(eq(paymentDisputes.paymentId, payment.id), eq(paymentDisputes.providerDisputeId, fields.providerDisputeId)),
    );
  const existing = rows.find((r) => r.providerDisputeId === fields.providerDisputeId) ?? null;
  if (existing && existing.paymentId !== payment.id) return { kind: 'mismatch' };
  const plan = planDispute(existing, fields.state);
  if (plan.kind === 'stale') return { kind: 'stale' };
  const dispute: PaymentDisputeRow = {
    id: existing?.id ?? newId('dispute'),
    paymentId: payment.id,
    hotelId: payment.hotelId,
    reservationId: payment.reservationId,
    providerDisputeId: fields.providerDisputeId,
    state: fields.state,
    reason: fields.reason ?? existing?.reason ?? null,
    amount: fields.amount,
    currency: fields.currency,
    evidenceDueAt: fields.evidenceDueAt ?? existing?.evidenceDueAt ?? null,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  const others = rows.filter((r) => r.providerDisputeId !== fields.providerDisputeId);
  const after: PaymentRow = { ...payment, disputedAmount: heldOn(payment, [...others, dispute]), updatedAt: now };
  const events: DomainEvent[] = plan.emits
    ? [
        {
          type: 'payment.disputed',
          hotelId: payment.hotelId,
          subjectId: payment.id,
          data: { ...paymentView(after), dispute: disputeView(dispute) },
        },
      ]
    : [];
  const statements = [
    ...also(session),
    writeDispute(session, dispute, plan, existing?.state ?? null),
    session
      .prepare(
        `UPDATE payments SET disputed_amount = MIN(amount, COALESCE((SELECT SUM(d.amount) FROM payment_disputes d
           WHERE d.payment_id = ?1 AND d.state NOT IN (${RELEASED_SQL})), 0)), updated_at = ?2
         WHERE id = ?1`,
      )
      .bind(payment.id, now.getTime()),
    // Flagged while any payment of the stay is under a dispute that holds funds; the first flag's time stays.
    session
      .prepare(
        `UPDATE reservations SET disputed_at = CASE WHEN EXISTS (SELECT 1 FROM payment_disputes d
           WHERE d.reservation_id = ?1 AND d.state NOT IN (${RELEASED_SQL})) THEN COALESCE(disputed_at, ?2) ELSE NULL END
         WHERE id = ?1`,
      )
      .bind(payment.reservationId, now.getTime()),
    recomputeAmountPaid(session, payment.reservationId, now),
  ];
  const result = await commitChange(deps, {
    hotelId: payment.hotelId,
    session,
    statements,
    events,
    affectsAvailability: false,
  });
  return result.ok ? { kind: 'applied' } : { kind: 'raced' };
}

function writeDispute(
  session: D1DatabaseSession,
  d: PaymentDisputeRow,
  plan: DisputePlan,
  readState: string | null,
): D1PreparedStatement {
  if (plan.kind === 'open') {
    return session
      .prepare(
        `INSERT INTO payment_disputes (id, payment_id, hotel_id, reservation_id, provider_dispute_id, state, reason,
           amount, currency, evidence_due_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        d.id,
        d.paymentId,
        d.hotelId,
        d.reservationId,
        d.providerDisputeId,
        d.state,
        d.reason,
        d.amount,
        d.currency,
        d.evidenceDueAt?.getTime() ?? null,
        d.createdAt.getTime(),
        d.updatedAt.getTime(),
      );
  }
  return session
    .prepare(
      `UPDATE payment_disputes SET state = CASE WHEN state = ? THEN ? ELSE NULL END, reason = ?, amount = ?,
         currency = ?, evidence_due_at = ?, updated_at = ? WHERE id = ?`,
    )
    .bind(
      readState,
      d.state,
      d.reason,
      d.amount,
      d.currency,
      d.evidenceDueAt?.getTime() ?? null,
      d.updatedAt.getTime(),
      d.id,
    );
}
