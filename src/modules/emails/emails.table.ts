import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The templates the platform ships (templates.defaults.ts); a hotel may override each per language. */
export const TEMPLATE_KEYS = [
  'reservation_confirmation',
  'reservation_modified',
  'reservation_cancelled',
  'payment_receipt',
  'refund_receipt',
  'pre_arrival',
  'post_stay',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** What an outbox row renders: a template key, or `campaign` (the campaign's own template). */
export const OUTBOX_TEMPLATES = [...TEMPLATE_KEYS, 'campaign'] as const;
export type OutboxTemplate = (typeof OUTBOX_TEMPLATES)[number];

/**
 * `queued`: waiting for (or between) send attempts; `sent`: the binding accepted it; `failed`: refused
 * for good (invalid address, or out of attempts); `suppressed`: not sent, the hotel switched the
 * automation off or the address opted out.
 */
export const EMAIL_STATUSES = ['queued', 'sent', 'failed', 'suppressed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** A hotel's own version of a template in one language (absent: the shipped default is used). */
export const emailTemplates = sqliteTable(
  'email_templates',
  {
    hotelId: text('hotel_id').notNull(),
    key: text('key', { enum: TEMPLATE_KEYS }).notNull(),
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hotelId, t.key, t.language] })],
);

/** Per hotel: which automations send, the language of its mails, when pre-arrival mails go out. */
export const emailSettings = sqliteTable('email_settings', {
  hotelId: text('hotel_id').primaryKey(),
  language: text('language').notNull(),
  /** The template keys whose automation is switched off (absent = on). */
  disabled: text('disabled', { mode: 'json' }).$type<TemplateKey[]>().notNull(),
  preArrivalDays: integer('pre_arrival_days').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Every email, from the moment it is decided until it is sent or given up. `dedupe_key` makes each send
 * happen at most once: `<event id>:<template>` for event automations, `<template>:<reservation id>` for
 * the daily ones, `campaign:<campaign id>:<guest id>` for campaigns. `raw` (the MIME message as sent) is cleared after 30 days (emails.jobs.ts).
 */
export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: text('id').primaryKey(),
    hotelId: text('hotel_id').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    templateKey: text('template_key', { enum: OUTBOX_TEMPLATES }).notNull(),
    language: text('language').notNull(),
    category: text('category', { enum: ['transactional', 'marketing'] }).notNull(),
    reservationId: text('reservation_id'),
    eventId: text('event_id'),
    /** The campaign a marketing email belongs to (its template and progress counts). */
    campaignId: text('campaign_id'),
    toAddress: text('to_address').notNull(),
    toName: text('to_name').notNull(),
    /** The template variables as they were when the email was decided (the event's view of the stay). */
    variables: text('variables', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    status: text('status', { enum: EMAIL_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** A send attempt holds the row until then, so two copies of its job never both send it. */
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    subject: text('subject'),
    messageId: text('message_id'),
    /** What the send_email binding answered as its id for the message (it may differ from Message-ID). */
    providerMessageId: text('provider_message_id'),
    raw: text('raw'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('email_outbox_dedupe').on(t.dedupeKey),
    index('email_outbox_hotel').on(t.hotelId, t.id),
    index('email_outbox_created').on(t.createdAt),
    index('email_outbox_campaign').on(t.campaignId, t.status),
  ],
);

export type EmailTemplateRow = typeof emailTemplates.$inferSelect;
export type EmailSettingsRow = typeof emailSettings.$inferSelect;
export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
