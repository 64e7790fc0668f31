import { eq } from 'drizzle-orm';
import type { Square } from 'square';
import { createDb } from '../../db';
import type { Deps } from '../../deps';
import { commitChange } from '../events/commit';
import type { DomainEvent } from '../events/events.schema';
import { recomputeAmountPaid } from './ledger';
import { paymentView } from './payments.repo';
import { type PaymentRow, type PaymentSource, type PaymentStatus, payments } from './payments.table';

/**
 * How a payment moves, whoever saw Square's word first: the answer to our call, a Square webhook, or the
 * reconciliation job. Statuses only move forward (a late `payment.updated` cannot undo a completion) and
 * each is entered once (payment_status_changes), so the events `payment.completed` / `payment.failed` are
 * written exactly once, in the same batch as the change and the reservation's new `amount_paid`.
 */
const RANK: Record<PaymentStatus, number> = { pending: 0, approved: 1, completed: 2, canceled: 2, failed: 2 };

/** Whether `to` is a move forward from `from` (what applyTransition will enter rather than ignore). */
export function movesForward(from: PaymentStatus, to: PaymentStatus): boolean {
  return RANK[to] > RANK[from];
}

export function statusFromSquare(status: string | undefined): PaymentStatus {
  switch (status) {
    case 'APPROVED':
      return 'approved';
    case 'COMPLETED':
      return 'completed';
    case 'CANCELED':
      return 'canceled';
    case 'FAILED':
      return 'failed';
    default:
      return 'pending';
  }
}

/** What we keep of Square's payment: ids, status, what a guest recognises the card by, risk. No SDK object. */
export function fieldsFromSquare(p: Square.Payment) {
  const card = p.cardDetails?.card;
  return {
    status: statusFromSquare(p.status),
    providerPaymentId: p.id ?? null,
    cardBrand: card?.cardBrand ?? null,
    cardLast4: card?.last4 ?? null,
    cardExpMonth: card?.expMonth === undefined || card.expMonth === null ? null : Number(card.expMonth),
    cardExpYear: card?.expYear === undefined || card.expYear === null ? null : Number(card.expYear),
    cardFingerprint: card?.fingerprint ?? p.bankAccountDetails?.fingerprint ?? null,
    receiptUrl: p.receiptUrl ?? null,
    riskLevel: p.riskEvaluation?.riskLevel ?? null,
  };
}

/** Our source kind from Square's answer (wallet and bank payments say so), else from the token's prefix. */
export function sourceKindOf(sourceId: string, p?: Square.Payment): PaymentSource {
  if (p?.sourceType === 'BANK_ACCOUNT' || sourceId.startsWith('bnon:')) return 'bank_account';
  if (p?.sourceType === 'WALLET') return 'wallet';
  if (sourceId.startsWith('ccof:')) return 'card_on_file';
  return 'card';
}

export type Transition = {
  to: PaymentStatus;
  fields: Partial<ReturnType<typeof fieldsFromSquare>> & {
    errorCode?: string | null;
    errorDetail?: string | null;
    heldForReview?: boolean;
  };
  source: 'answer' | 'webhook' | 'reconcile' | 'api';
  /**
   * Statements that must commit with this change or not at all (e.g. a Square notification's dedupe
   * row, so a crash cannot apply a notification without recording it, or record it without applying).
   */
  also?: (session: D1DatabaseSession) => D1PreparedStatement[];
};

type StateDeps = Pick<Deps, 'd1' | 'cache' | 'log' | 'now' | 'sleep' | 'defer' | 'jobs' | 'subscribers' | 'actor'>;

/**
 * Applies a transition to a payment and returns the row as it stands afterwards (reloaded when another
 * writer got there first). A move backwards, or to where it already is, only fills in missing details.
 */
export async function applyTransition(deps: StateDeps, row: PaymentRow, t: Transition): Promise<PaymentRow> {
  const session = deps.d1.withSession('first-primary');
  const now = deps.now();
  const forward = RANK[t.to] > RANK[row.status];
  const status = forward ? t.to : row.status;
  const next: PaymentRow = { ...row, ...definedOnly(t.fields), status, updatedAt: now };
  if (forward) next.pendingRequest = RANK[status] >= 1 ? null : row.pendingRequest;
  const events: DomainEvent[] = [];
  if (forward && status === 'completed') events.push(event('payment.completed', next));
  if (forward && status === 'failed') events.push(event('payment.failed', next));
  const statements = [
    ...(t.also?.(session) ?? []),
    ...(forward
      ? [
          session
            .prepare('INSERT INTO payment_status_changes (payment_id, status, source, at) VALUES (?, ?, ?, ?)')
            .bind(row.id, status, t.source, now.getTime()),
        ]
      : []),
    session
      .prepare(
        `UPDATE payments SET status = ?, provider_payment_id = ?, card_brand = ?, card_last4 = ?, card_exp_month = ?,
           card_exp_year = ?, card_fingerprint = ?, receipt_url = ?, risk_level = ?, error_code = ?, error_detail = ?,
           held_for_review = ?, pending_request = ?, updated_at = ?
         WHERE id = ?`,
      )
      .bind(
        next.status,
        next.providerPaymentId,
        next.cardBrand,
        next.cardLast4,
        next.cardExpMonth,
        next.cardExpYear,
        next.cardFingerprint,
        next.receiptUrl,
        next.riskLevel,
        next.errorCode,
        next.errorDetail,
        next.heldForReview ? 1 : 0,
        next.pendingRequest === null ? null : JSON.stringify(next.pendingRequest),
        now.getTime(),
        row.id,
      ),
    recomputeAmountPaid(session, row.reservationId, now),
  ];
  const result = await commitChange(deps, {
    hotelId: row.hotelId,
    session,
    statements,
    events,
    affectsAvailability: false,
  });
  if (result.ok) return next;
  // Another writer entered this status first: what it wrote is the truth.
  const [fresh] = await createDb(session).select().from(payments).where(eq(payments.id, row.id));
  if (!fresh) throw new Error(`payment ${row.id} vanished`);
  return fresh;
}

function event(type: 'payment.completed' | 'payment.failed', row: PaymentRow): DomainEvent {
  return { type, hotelId: row.hotelId, subjectId: row.id, data: paymentView(row) };
}

/** Square's word on a detail it gave; a detail it left out (null) never erases one we already hold. */
function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
