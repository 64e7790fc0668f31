import { eq } from 'drizzle-orm';
import { createDb } from '../../db';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { applySquareDispute, disputeFields } from './disputes';
import { applyTransition, fieldsFromSquare, movesForward } from './payment-state';
import { type PaymentRow, payments } from './payments.table';
import { applySquareRefund } from './refund-state';
import { disputeFromNotification, paymentFromNotification, refundFromNotification } from './square-notifications';
import type { NotificationReceipt, SquareNotification } from './square-webhooks.schema';

/**
 * Applies a verified Square notification once. Square delivers at least once and retries anything but
 * a 2xx, so: an `event_id` on record is answered as a duplicate; the row that records it is written in
 * the same D1 batch as the change it causes (a crash cannot apply without recording, or record without
 * applying); what we cannot or must not apply (unknown type or payment, another merchant's payment) is
 * recorded and acknowledged, never retried forever.
 */
export type WebhookDeps = Pick<
  Deps,
  'd1' | 'cache' | 'log' | 'now' | 'sleep' | 'defer' | 'jobs' | 'subscribers' | 'actor'
>;

/** A handler's answer; `raced`: another writer changed the same rows first, nothing was written. */
type HandlerResult = NotificationReceipt | 'raced';
type Handler = (deps: WebhookDeps, n: SquareNotification) => Promise<HandlerResult>;

/** Each notification type we act on, and where it goes. Anything else is recorded as `unhandled_type`. */
export const NOTIFICATION_HANDLERS: Record<string, Handler> = {
  'payment.created': onPayment,
  'payment.updated': onPayment,
  'refund.created': onRefund,
  'refund.updated': onRefund,
  'dispute.created': onDispute,
  'dispute.state.updated': onDispute,
  // The older name of dispute.state.updated (Square renamed it); subscriptions made before still get it.
  'dispute.state.changed': onDispute,
};

const MAX_ATTEMPTS = 3;

export async function handleSquareNotification(deps: WebhookDeps, n: SquareNotification): Promise<NotificationReceipt> {
  if (await isRecorded(deps.d1, n.event_id)) return { event_id: n.event_id, outcome: 'duplicate' };
  const handler = NOTIFICATION_HANDLERS[n.type];
  if (!handler) return ignore(deps, n, 'unhandled_type');
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const result = await handler(deps, n);
    if (result !== 'raced') return result;
    // The same event delivered twice at once: the other delivery recorded (and applied) it.
    if (await isRecorded(deps.d1, n.event_id)) return { event_id: n.event_id, outcome: 'duplicate' };
  }
  // Square retries a 5xx: the next delivery reads the rows afresh.
  throw new Error(`square notification ${n.type} lost ${MAX_ATTEMPTS} races`);
}

async function onPayment(deps: WebhookDeps, n: SquareNotification): Promise<HandlerResult> {
  const parsed = await paymentFromNotification(n.data?.object);
  if (!parsed.ok) return ignore(deps, n, 'unreadable_object', { error: parsed.error });
  const row = await paymentOf(deps, parsed.value.id ?? '');
  if (!row) return ignore(deps, n, 'unknown_payment', { square_payment_id: parsed.value.id });
  if (!(await merchantOwns(deps, row, n.merchant_id))) return mismatch(deps, n, row);
  const fields = fieldsFromSquare(parsed.value);
  const forward = movesForward(row.status, fields.status);
  // Not a move forward (a late or repeated notification): only details we lack are taken from it.
  const details = forward ? fields : missingDetails(row, fields);
  if (!forward && Object.keys(details).length === 0) return ignore(deps, n, 'stale', { payment_id: row.id });
  await applyTransition(deps, row, {
    to: forward ? fields.status : row.status,
    fields: details,
    source: 'webhook',
    also: (session) => [recordStatement(session, n, deps.now())],
  });
  // applyTransition reloads instead of failing when it lost a race; whether our batch landed is on record.
  if (!(await isRecorded(deps.d1, n.event_id))) return 'raced';
  deps.log.info('square notification applied', { event_id: n.event_id, type: n.type, payment_id: row.id });
  return { event_id: n.event_id, outcome: 'applied' };
}

/**
 * refund.created / refund.updated: applied by refund-state.ts (forward-only, one `payment.refunded` per
 * refund), which is idempotent on its own; so the event is recorded after it rather than in its batch: a
 * crash in between only makes Square's redelivery a no-op. `retry` (one of our own refunds of the payment
 * still awaits Square's answer) writes nothing and answers a 5xx, so Square delivers it again.
 */
async function onRefund(deps: WebhookDeps, n: SquareNotification): Promise<HandlerResult> {
  const parsed = await refundFromNotification(n.data?.object);
  if (!parsed.ok) return ignore(deps, n, 'unreadable_object', { error: parsed.error });
  const row = await paymentOf(deps, parsed.value.paymentId ?? '');
  if (!row) return ignore(deps, n, 'unknown_payment', { square_payment_id: parsed.value.paymentId });
  if (!(await merchantOwns(deps, row, n.merchant_id))) return mismatch(deps, n, row);
  const result = await applySquareRefund(deps, row.hotelId, parsed.value, 'webhook');
  if (result.kind === 'unknown_payment') return ignore(deps, n, 'unknown_payment', { payment_id: row.id });
  if (result.kind === 'retry') {
    // Nothing written: a 503 makes Square deliver it again once our own refund has its answer.
    throw new AppError('service_unavailable', `The refund cannot be applied yet (${result.reason}).`, {
      headers: { 'Retry-After': '60' },
    });
  }
  await recordStatement(deps.d1, n, deps.now(), 'OR IGNORE').run();
  deps.log.info('square notification applied', { event_id: n.event_id, type: n.type, payment_id: row.id });
  return { event_id: n.event_id, outcome: 'applied' };
}

async function onDispute(deps: WebhookDeps, n: SquareNotification): Promise<HandlerResult> {
  const parsed = await disputeFromNotification(n.data?.object, n.data?.id);
  if (!parsed.ok) return ignore(deps, n, 'unreadable_object', { error: parsed.error });
  const squarePaymentId = parsed.value.disputedPayment?.paymentId ?? '';
  const row = await paymentOf(deps, squarePaymentId);
  if (!row) return ignore(deps, n, 'unknown_payment', { square_payment_id: squarePaymentId });
  if (!(await merchantOwns(deps, row, n.merchant_id))) return mismatch(deps, n, row);
  const result = await applySquareDispute(deps, row, disputeFields(parsed.value, row), (session) => [
    recordStatement(session, n, deps.now()),
  ]);
  if (result.kind === 'raced') return 'raced';
  if (result.kind === 'stale') return ignore(deps, n, 'stale', { payment_id: row.id });
  if (result.kind === 'mismatch') return ignore(deps, n, 'dispute_payment_mismatch', { payment_id: row.id });
  deps.log.info('square notification applied', { event_id: n.event_id, type: n.type, payment_id: row.id });
  return { event_id: n.event_id, outcome: 'applied' };
}

/**
 * Whose Square account took the payment must be the merchant the notification is for: a hotel's own
 * connection (payment_connections.merchant_id), or the platform's. The platform's merchant id is not
 * configured, so a platform payment accepts any merchant that is not a connected hotel's: a hotel's
 * account can never move a platform payment, nor another hotel's.
 */
async function merchantOwns(deps: WebhookDeps, row: PaymentRow, merchantId: string | undefined): Promise<boolean> {
  if (!merchantId) return false;
  if (row.account === 'hotel') {
    const own = await deps.d1
      .prepare('SELECT merchant_id FROM payment_connections WHERE hotel_id = ?')
      .bind(row.hotelId)
      .first<{ merchant_id: string }>();
    return own?.merchant_id === merchantId;
  }
  const hotels = await deps.d1
    .prepare('SELECT 1 AS found FROM payment_connections WHERE merchant_id = ? LIMIT 1')
    .bind(merchantId)
    .first();
  return hotels === null;
}

/** Of the details Square sent, those our row does not have yet (a late notification never overwrites). */
function missingDetails(row: PaymentRow, fields: ReturnType<typeof fieldsFromSquare>) {
  const { status: _status, ...details } = fields;
  return Object.fromEntries(
    Object.entries(details).filter(([key, value]) => value !== null && row[key as keyof typeof details] === null),
  ) as Partial<typeof details>;
}

async function paymentOf(deps: WebhookDeps, squarePaymentId: string): Promise<PaymentRow | undefined> {
  if (!squarePaymentId) return undefined;
  const [row] = await createDb(deps.d1).select().from(payments).where(eq(payments.providerPaymentId, squarePaymentId));
  return row;
}

/** The row that marks a notification handled; `OR IGNORE` where a concurrent twin may have written it first. */
function recordStatement(
  session: D1Database | D1DatabaseSession,
  n: SquareNotification,
  now: Date,
  conflict: '' | 'OR IGNORE' = '',
) {
  return session
    .prepare(
      `INSERT ${conflict} INTO square_webhook_events (event_id, type, merchant_id, received_at) VALUES (?, ?, ?, ?)`,
    )
    .bind(n.event_id, n.type, n.merchant_id ?? null, now.getTime());
}

async function isRecorded(d1: D1Database, eventId: string): Promise<boolean> {
  return (
    (await d1.prepare('SELECT 1 AS found FROM square_webhook_events WHERE event_id = ?').bind(eventId).first()) !== null
  );
}

async function mismatch(deps: WebhookDeps, n: SquareNotification, row: PaymentRow): Promise<NotificationReceipt> {
  deps.log.warn('square notification for a payment of another merchant ignored', {
    event_id: n.event_id,
    type: n.type,
    merchant_id: n.merchant_id,
    payment_id: row.id,
    account: row.account,
  });
  return ignore(deps, n, 'merchant_mismatch', { payment_id: row.id });
}

/** Records the notification without changing anything else; a concurrent twin makes it a duplicate. */
async function ignore(
  deps: WebhookDeps,
  n: SquareNotification,
  reason: string,
  fields: Record<string, string | null | undefined> = {},
): Promise<NotificationReceipt> {
  const recorded = await recordStatement(deps.d1, n, deps.now(), 'OR IGNORE').run();
  if (recorded.meta.changes === 0) return { event_id: n.event_id, outcome: 'duplicate' };
  deps.log.info('square notification not applied', { event_id: n.event_id, type: n.type, reason, ...fields });
  return { event_id: n.event_id, outcome: 'ignored', reason };
}
