import type { Square } from 'square';
import { loadSquare } from './square.client';

/**
 * Square's notification objects arrive in its wire format (snake_case, amounts as JSON numbers); the
 * SDK's own serialization layer turns them into the SDK shapes the payment code already speaks
 * (`Square.Payment`, `Square.PaymentRefund`, `Square.Dispute`), loaded lazily like every SDK use.
 *
 * Envelope (Square: webhook event payloads): `{merchant_id, type, event_id, created_at,
 * data: {type, id, object: {...}}}` with `object.payment` (payment.*), `object.refund` (refund.*) and,
 * for disputes, `object.object` — the SDK's and Square's reference shape — or `object.dispute`.
 *
 * Unknown keys are dropped and enum values Square adds later are let through: a new card brand must not
 * make a valid notification unreadable. A result is null when the object is missing or not that shape.
 */
const LENIENT = {
  unrecognizedObjectKeys: 'strip',
  allowUnrecognizedEnumValues: true,
  allowUnrecognizedUnionMembers: true,
} as const;

type NotificationObject = Record<string, unknown> | undefined;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function failed(errors: { path: string[]; message: string }[]): { ok: false; error: string } {
  const first = errors[0];
  return { ok: false, error: first ? `${first.path.join('.')}: ${first.message}` : 'invalid' };
}

export async function paymentFromNotification(object: NotificationObject): Promise<Parsed<Square.Payment>> {
  if (!object?.payment) return { ok: false, error: 'data.object.payment is missing' };
  const { serialization } = await loadSquare();
  const parsed = serialization.Payment.parse(object.payment, { ...LENIENT, breadcrumbsPrefix: ['payment'] });
  if (!parsed.ok) return failed(parsed.errors);
  if (!parsed.value.id) return { ok: false, error: 'payment.id is missing' };
  return parsed;
}

/** The refund, in the shape refund-state's `applySquareRefund(deps, hotelId, refund, 'webhook')` takes. */
export async function refundFromNotification(object: NotificationObject): Promise<Parsed<Square.PaymentRefund>> {
  if (!object?.refund) return { ok: false, error: 'data.object.refund is missing' };
  const { serialization } = await loadSquare();
  const parsed = serialization.PaymentRefund.parse(object.refund, { ...LENIENT, breadcrumbsPrefix: ['refund'] });
  if (!parsed.ok) return failed(parsed.errors);
  if (!parsed.value.id || !parsed.value.paymentId)
    return { ok: false, error: 'refund.id or refund.payment_id is missing' };
  return parsed;
}

export async function disputeFromNotification(
  object: NotificationObject,
  dataId: string | undefined,
): Promise<Parsed<Square.Dispute>> {
  const raw = object?.object ?? object?.dispute;
  if (!raw) return { ok: false, error: 'data.object.object (the dispute) is missing' };
  const { serialization } = await loadSquare();
  const parsed = serialization.Dispute.parse(raw, { ...LENIENT, breadcrumbsPrefix: ['dispute'] });
  if (!parsed.ok) return failed(parsed.errors);
  // `dispute_id` is the deprecated name of `id`; the envelope's `data.id` names it as well.
  const id = parsed.value.id ?? parsed.value.disputeId ?? dataId;
  if (!id) return { ok: false, error: 'dispute.id is missing' };
  if (!parsed.value.disputedPayment?.paymentId) return { ok: false, error: 'dispute.disputed_payment is missing' };
  return { ok: true, value: { ...parsed.value, id } };
}
