import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * `scheduled`: waiting for `send_at`; `sending`: its audience is being expanded into outbox rows, one
 * batch at a time; `sent`: every recipient has a row (the rows themselves may still be queued);
 * `cancelled`: no further batch is expanded.
 */
export const CAMPAIGN_STATUSES = ['scheduled', 'sending', 'sent', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Who a campaign goes to, beyond "the hotel's guests who opted in". Dates are `YYYY-MM-DD`. */
export type Audience = {
  stayed_from?: string | undefined;
  stayed_to?: string | undefined;
  countries?: string[] | undefined;
  languages?: string[] | undefined;
};

export const emailCampaigns = sqliteTable(
  'email_campaigns',
  {
    id: text('id').primaryKey(),
    hotelId: text('hotel_id').notNull(),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    audience: text('audience', { mode: 'json' }).$type<Audience>().notNull(),
    sendAt: integer('send_at', { mode: 'timestamp_ms' }).notNull(),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull(),
    /**
     * The last guest id expanded into the outbox (guests are taken in id order). A batch advances it
     * only from the value it started at, so two copies of a batch never both continue the chain.
     */
    cursor: text('cursor'),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** Also the expansion's heartbeat: a `sending` campaign not updated for 5 minutes is resumed. */
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('email_campaigns_hotel').on(t.hotelId, t.id), index('email_campaigns_due').on(t.status, t.sendAt)],
);

export const SUPPRESSION_REASONS = ['unsubscribe', 'bounce', 'manual'] as const;

/** Addresses (lower-cased) that never get marketing email from the hotel again; transactional mail is unaffected. */
export const emailSuppressions = sqliteTable(
  'email_suppressions',
  {
    hotelId: text('hotel_id').notNull(),
    email: text('email').notNull(),
    reason: text('reason', { enum: SUPPRESSION_REASONS }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hotelId, t.email] })],
);

export type CampaignRow = typeof emailCampaigns.$inferSelect;
