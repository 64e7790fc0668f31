import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Our side of a Square payment. A row is written *before* Square is called (status `pending`), so a
 * call whose answer is lost is still on record and is resolved later with the same Square idempotency
 * key (`square_idempotency_key`, derived from ours and stable across retries). Pending and approved rows
 * count against the balance due, so two concurrent payments cannot overpay a reservation.
 *
 * Statuses: `pending` (sent, answer not known yet), `approved` (authorised, not captured: a deposit, or
 * held for review), `completed` (captured), `canceled` (an authorisation voided), `failed` (declined or
 * refused by Square). ACH and other delayed methods stay `pending` until Square says otherwise.
 */
export const PAYMENT_STATUSES = ['pending', 'approved', 'completed', 'canceled', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_SOURCES = ['card', 'wallet', 'bank_account', 'card_on_file'] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];

export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    hotelId: text('hotel_id').notNull(),
    reservationId: text('reservation_id').notNull(),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    /** Refunds asked for (pending or completed); never above `amount`. */
    refundedAmount: integer('refunded_amount').notNull().default(0),
    sourceKind: text('source_kind', { enum: PAYMENT_SOURCES }).notNull(),
    /** Whose Square account took it: `platform` or the hotel's own connection. */
    account: text('account', { enum: ['platform', 'hotel'] }).notNull(),
    squareIdempotencyKey: text('square_idempotency_key').notNull(),
    /**
     * What is needed to send the very same CreatePayment again while the outcome is unknown (source id,
     * verification token, customer id, autocomplete, location): Square answers a repeated key only for
     * identical parameters. Single-use tokens, never card data; cleared once the payment is settled.
     */
    pendingRequest: text('pending_request', { mode: 'json' }).$type<Record<string, unknown>>(),
    providerPaymentId: text('provider_payment_id'),
    autocomplete: integer('autocomplete', { mode: 'boolean' }).notNull(),
    /** Square said the risk is high and the hotel holds such payments: authorised, awaiting a review. */
    heldForReview: integer('held_for_review', { mode: 'boolean' }).notNull().default(false),
    riskLevel: text('risk_level'),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    cardExpMonth: integer('card_exp_month'),
    cardExpYear: integer('card_exp_year'),
    cardFingerprint: text('card_fingerprint'),
    receiptUrl: text('receipt_url'),
    /** Square's error code for a failed payment (`CARD_DECLINED`, `CVV_FAILURE`, …). */
    errorCode: text('error_code'),
    errorDetail: text('error_detail'),
    /** Amount under an open dispute (a chargeback); 0 when none or when the dispute was won. */
    disputedAmount: integer('disputed_amount').notNull().default(0),
    /** The guest's email and the client address of the attempt, for velocity limits. */
    guestEmail: text('guest_email'),
    clientIp: text('client_ip'),
    createdBy: text('created_by'),
    /**
     * Hash of the request as the caller sent it (its idempotency key aside): the same key with another
     * request is refused (422) instead of replayed.
     */
    requestHash: text('request_hash'),
    /**
     * Who is talking to Square about this payment right now (the request that made it, a retry, the
     * reconciliation job) holds it until then: a second one answers 409 or skips it, never sends twice.
     */
    lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
    /** When an unknown outcome was last checked with Square (the reconciliation job). */
    reconciledAt: integer('reconciled_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('payments_reservation').on(t.reservationId, t.id),
    index('payments_hotel').on(t.hotelId, t.id),
    index('payments_status').on(t.status, t.updatedAt),
    uniqueIndex('payments_square_key').on(t.squareIdempotencyKey),
    uniqueIndex('payments_provider_id').on(t.providerPaymentId),
    index('payments_fingerprint').on(t.cardFingerprint, t.createdAt),
    index('payments_guest_email').on(t.guestEmail, t.createdAt),
    index('payments_client_ip').on(t.clientIp, t.createdAt),
    check('payments_amount_positive', sql`${t.amount} > 0`),
    check('payments_refund_bounded', sql`${t.refundedAmount} >= 0 AND ${t.refundedAmount} <= ${t.amount}`),
  ],
);
export type PaymentRow = typeof payments.$inferSelect;

/**
 * Each status a payment enters, once: `(payment_id, status)` is the key, so two writers that both saw
 * `pending` (the answer, a webhook, the reconciliation job) cannot both move it on — the second one's
 * batch fails on this key and changes nothing, and no event is written twice.
 */
export const paymentStatusChanges = sqliteTable(
  'payment_status_changes',
  {
    paymentId: text('payment_id').notNull(),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    /** Who saw it: `answer` (Square's reply), `webhook`, `reconcile`, `api` (complete/cancel). */
    source: text('source').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.paymentId, t.status] })],
);

/** `pending` until Square completes it (Square refunds start PENDING); `rejected`/`failed` return nothing. */
export const REFUND_STATUSES = ['pending', 'completed', 'rejected', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const paymentRefunds = sqliteTable(
  'payment_refunds',
  {
    id: text('id').primaryKey(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    hotelId: text('hotel_id').notNull(),
    reservationId: text('reservation_id').notNull(),
    status: text('status', { enum: REFUND_STATUSES }).notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason'),
    squareIdempotencyKey: text('square_idempotency_key').notNull(),
    providerRefundId: text('provider_refund_id'),
    /** `api` (a refund request), `cancellation` (the rate plan's policy), `square` (made in Square's dashboard). */
    origin: text('origin', { enum: ['api', 'cancellation', 'square'] }).notNull(),
    createdBy: text('created_by'),
    /** Square's error code when it refused the refund (`REFUND_DECLINED`, …) or rejected it later. */
    errorCode: text('error_code'),
    errorDetail: text('error_detail'),
    /** When the reconciliation job last asked Square about this pending refund (oldest asked first). */
    reconciledAt: integer('reconciled_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('payment_refunds_payment').on(t.paymentId),
    index('payment_refunds_reservation').on(t.reservationId),
    uniqueIndex('payment_refunds_square_key').on(t.squareIdempotencyKey),
    uniqueIndex('payment_refunds_provider_id').on(t.providerRefundId),
    index('payment_refunds_status').on(t.status, t.reconciledAt),
    check('payment_refunds_amount_positive', sql`${t.amount} > 0`),
  ],
);
export type PaymentRefundRow = typeof paymentRefunds.$inferSelect;

/** A chargeback Square told us about; while open its amount is held on the folio. */
export const paymentDisputes = sqliteTable(
  'payment_disputes',
  {
    id: text('id').primaryKey(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    hotelId: text('hotel_id').notNull(),
    reservationId: text('reservation_id').notNull(),
    providerDisputeId: text('provider_dispute_id').notNull().unique(),
    /** Square's dispute state (`EVIDENCE_REQUIRED`, `PROCESSING`, `WON`, `LOST`, `ACCEPTED`, …). */
    state: text('state').notNull(),
    reason: text('reason'),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    evidenceDueAt: integer('evidence_due_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('payment_disputes_reservation').on(t.reservationId)],
);
export type PaymentDisputeRow = typeof paymentDisputes.$inferSelect;

/** Square notifications already applied: `event_id` is Square's, so a redelivery changes nothing. */
export const squareWebhookEvents = sqliteTable('square_webhook_events', {
  eventId: text('event_id').primaryKey(),
  type: text('type').notNull(),
  merchantId: text('merchant_id'),
  receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * A hotel's own Square account, connected through Square OAuth. Tokens are AES-GCM ciphertexts under
 * the worker secret PAYMENT_TOKEN_ENCRYPTION_KEY (never stored or logged in the clear).
 */
export const paymentConnections = sqliteTable(
  'payment_connections',
  {
    hotelId: text('hotel_id').primaryKey(),
    status: text('status', { enum: ['active', 'revoked', 'refresh_failed'] }).notNull(),
    merchantId: text('merchant_id').notNull(),
    locationId: text('location_id'),
    accessTokenEnc: text('access_token_enc').notNull(),
    refreshTokenEnc: text('refresh_token_enc'),
    accessTokenExpiresAt: integer('access_token_expires_at', { mode: 'timestamp_ms' }).notNull(),
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    lastRefreshedAt: integer('last_refreshed_at', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    /**
     * A refresh in progress holds the row until then: Square's PKCE refresh tokens are single-use, so two
     * refreshers must never both send the same one (connections.refresh.ts claims it with a guarded update).
     */
    refreshLeaseUntil: integer('refresh_lease_until', { mode: 'timestamp_ms' }),
    /** Failed refreshes in a row; the next try waits `nextRefreshAt` (exponential backoff). */
    refreshFailures: integer('refresh_failures').notNull().default(0),
    nextRefreshAt: integer('next_refresh_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('payment_connections_expiry').on(t.status, t.accessTokenExpiresAt)],
);
export type PaymentConnectionRow = typeof paymentConnections.$inferSelect;

/** An OAuth authorisation in flight: the PKCE verifier stays here, only its challenge goes to Square. */
export const paymentOauthStates = sqliteTable('payment_oauth_states', {
  id: text('id').primaryKey(),
  hotelId: text('hotel_id').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  redirectAfter: text('redirect_after'),
  createdBy: text('created_by'),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * A guest's card on file: Square's customer and card ids and what a guest recognises a card by.
 * Never a PAN or a CVV (Square holds the card).
 */
export const guestCards = sqliteTable(
  'guest_cards',
  {
    id: text('id').primaryKey(),
    hotelId: text('hotel_id').notNull(),
    guestId: text('guest_id').notNull(),
    account: text('account', { enum: ['platform', 'hotel'] }).notNull(),
    squareCustomerId: text('square_customer_id').notNull(),
    squareCardId: text('square_card_id').notNull().unique(),
    brand: text('brand'),
    last4: text('last4'),
    expMonth: integer('exp_month'),
    expYear: integer('exp_year'),
    fingerprint: text('fingerprint'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('guest_cards_guest').on(t.hotelId, t.guestId)],
);
export type GuestCardRow = typeof guestCards.$inferSelect;

/** The Square customer a guest profile maps to, per account (one customer per guest, many cards). */
export const guestSquareCustomers = sqliteTable(
  'guest_square_customers',
  {
    guestId: text('guest_id').notNull(),
    account: text('account').notNull(),
    squareCustomerId: text('square_customer_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.guestId, t.account] })],
);

/** Per-hotel payment switches (defaults when a hotel has no row: both off). */
export const hotelPaymentSettings = sqliteTable('hotel_payment_settings', {
  hotelId: text('hotel_id').primaryKey(),
  /** Refund automatically what the rate plan's cancellation policy returns when a reservation is cancelled. */
  autoRefundOnCancel: integer('auto_refund_on_cancel', { mode: 'boolean' }).notNull().default(false),
  /** Authorise every payment first and keep the ones Square rates HIGH risk held for a review. */
  holdHighRisk: integer('hold_high_risk', { mode: 'boolean' }).notNull().default(false),
  /** Off: the hotel takes no payments (the gateway is refused before Square is called). */
  paymentsEnabled: integer('payments_enabled', { mode: 'boolean' }).notNull().default(true),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
