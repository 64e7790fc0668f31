import { z } from '@hono/zod-openapi';
import { PAYMENT_SOURCES, PAYMENT_STATUSES, REFUND_STATUSES } from './payments.table';

const Timestamp = z.string().openapi({ description: 'RFC 3339 UTC' });

export const PaymentSchema = z
  .object({
    id: z.string().openapi({ example: 'pay_01JD3M8W6Q0V6Z2C7N4B5K9T1R' }),
    status: z.enum(PAYMENT_STATUSES).openapi({
      description:
        '`pending`: sent to Square, outcome not known yet (delayed methods such as ACH stay here until Square settles them); `approved`: authorised, not captured (complete or cancel it); `completed`: captured; `canceled`: authorisation voided; `failed`: declined.',
    }),
    amount: z.number().int().openapi({ description: 'Minor units', example: 15000 }),
    currency: z.string().openapi({ example: 'USD' }),
    refunded_amount: z.number().int(),
    reservation_id: z.string(),
    hotel_id: z.string(),
    provider: z.literal('square'),
    provider_payment_id: z.string().nullable(),
    source_type: z.enum(PAYMENT_SOURCES),
    autocomplete: z.boolean(),
    held_for_review: z
      .boolean()
      .openapi({ description: 'Square rated it high risk; authorised and held for a review' }),
    risk_level: z.string().nullable().openapi({ description: "Square's risk evaluation (NORMAL, MODERATE, HIGH)" }),
    card: z
      .object({
        brand: z.string().nullable(),
        last4: z.string().nullable(),
        exp_month: z.number().int().nullable(),
        exp_year: z.number().int().nullable(),
      })
      .optional(),
    receipt_url: z.string().optional(),
    disputed_amount: z.number().int(),
    error: z
      .object({ code: z.string(), detail: z.string().nullable() })
      .nullable()
      .openapi({ description: "Square's reason for a failed payment" }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Payment');
export type PaymentView = z.infer<typeof PaymentSchema>;

export const RefundSchema = z
  .object({
    id: z.string(),
    payment_id: z.string(),
    reservation_id: z.string(),
    hotel_id: z.string(),
    status: z.enum(REFUND_STATUSES),
    amount: z.number().int(),
    currency: z.string(),
    reason: z.string().nullable(),
    provider_refund_id: z.string().nullable(),
    origin: z.enum(['api', 'cancellation', 'square']),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Refund');
export type RefundView = z.infer<typeof RefundSchema>;

export const DisputeSchema = z
  .object({
    id: z.string(),
    payment_id: z.string(),
    reservation_id: z.string(),
    provider_dispute_id: z.string(),
    state: z.string(),
    reason: z.string().nullable(),
    amount: z.number().int(),
    currency: z.string(),
    evidence_due_at: Timestamp.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Dispute');
export type DisputeView = z.infer<typeof DisputeSchema>;

/** Event `data` of the payment events (the event catalogue in events.schema.ts points here). */
export const PAYMENT_EVENT_DATA = {
  'payment.completed': PaymentSchema,
  'payment.failed': PaymentSchema,
  /** The payment after the refund, and the refund. */
  'payment.refunded': PaymentSchema.extend({ refund: RefundSchema }),
  /** The payment and the dispute (a chargeback) Square reported, with its evidence due date. */
  'payment.disputed': PaymentSchema.extend({ dispute: DisputeSchema }),
} as const;
