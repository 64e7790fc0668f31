import type { DisputeView, PaymentView, RefundView } from './payments.schema';
import type { PaymentDisputeRow, PaymentRefundRow, PaymentRow } from './payments.table';

/** Rows as the API shows them: our ids, Square's ids for reconciliation, never a token or card number. */
export function paymentView(row: PaymentRow): PaymentView {
  return {
    id: row.id,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    refunded_amount: row.refundedAmount,
    reservation_id: row.reservationId,
    hotel_id: row.hotelId,
    provider: 'square',
    provider_payment_id: row.providerPaymentId,
    source_type: row.sourceKind,
    autocomplete: row.autocomplete,
    held_for_review: row.heldForReview,
    risk_level: row.riskLevel,
    ...(row.cardBrand || row.cardLast4
      ? {
          card: {
            brand: row.cardBrand,
            last4: row.cardLast4,
            exp_month: row.cardExpMonth,
            exp_year: row.cardExpYear,
          },
        }
      : {}),
    ...(row.receiptUrl ? { receipt_url: row.receiptUrl } : {}),
    disputed_amount: row.disputedAmount,
    error: row.errorCode ? { code: row.errorCode, detail: row.errorDetail } : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function refundView(row: PaymentRefundRow): RefundView {
  return {
    id: row.id,
    payment_id: row.paymentId,
    reservation_id: row.reservationId,
    hotel_id: row.hotelId,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    reason: row.reason,
    provider_refund_id: row.providerRefundId,
    origin: row.origin,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function disputeView(row: PaymentDisputeRow): DisputeView {
  return {
    id: row.id,
    payment_id: row.paymentId,
    reservation_id: row.reservationId,
    provider_dispute_id: row.providerDisputeId,
    state: row.state,
    reason: row.reason,
    amount: row.amount,
    currency: row.currency,
    evidence_due_at: row.evidenceDueAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
