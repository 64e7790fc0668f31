import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db';
import type { Deps } from '../../deps';
import type { Principal } from '../../env';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { iso } from '../../lib/schemas';
import { assertHotelAccess } from '../auth/access';
import { type EmailOutboxRow, type EmailStatus, emailOutbox, type OutboxTemplate } from './emails.table';
import { firstSendOptions, sendEmailJob } from './send.job';

export type EmailRequest = {
  hotelId: string;
  /** What makes this email unique: the same key twice is one email (see emails.table.ts). */
  dedupeKey: string;
  templateKey: OutboxTemplate;
  language: string;
  category: 'transactional' | 'marketing';
  campaignId?: string;
  reservationId: string | null;
  eventId: string | null;
  to: { address: string; name: string };
  variables: Record<string, string>;
  /** `suppressed` records an email that is decided not to be sent (with why, in `reason`). */
  status?: Extract<EmailStatus, 'queued' | 'suppressed'>;
  reason?: string;
};

/**
 * Records the email once per dedupe key and queues its send. Called again for the same key (the event
 * handed over twice, the cron run twice) it queues the send again only if that email is still waiting
 * for its first attempt, which covers a queue that failed after the row was written; the send job
 * itself sends a row at most once.
 */
export async function queueEmail(
  deps: Pick<Deps, 'db' | 'jobs' | 'now' | 'pacer' | 'config'>,
  req: EmailRequest,
): Promise<{ id: string; created: boolean }> {
  const now = deps.now();
  const status = req.status ?? 'queued';
  const inserted = await deps.db
    .insert(emailOutbox)
    .values({
      id: newId('email'),
      hotelId: req.hotelId,
      dedupeKey: req.dedupeKey,
      templateKey: req.templateKey,
      language: req.language,
      category: req.category,
      reservationId: req.reservationId,
      eventId: req.eventId,
      campaignId: req.campaignId ?? null,
      toAddress: req.to.address,
      toName: req.to.name,
      variables: req.variables,
      status,
      lastError: req.reason ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning({ id: emailOutbox.id });
  if (inserted[0]) {
    if (status === 'queued') {
      await deps.jobs.send(sendEmailJob.message({ email_id: inserted[0].id }), firstSendOptions(deps));
    }
    return { id: inserted[0].id, created: true };
  }
  const row = await deps.db
    .select({ id: emailOutbox.id, status: emailOutbox.status, attempts: emailOutbox.attempts })
    .from(emailOutbox)
    .where(eq(emailOutbox.dedupeKey, req.dedupeKey))
    .get();
  if (!row) throw new Error('email neither inserted nor found');
  if (row.status === 'queued' && row.attempts === 0) {
    await deps.jobs.send(sendEmailJob.message({ email_id: row.id }), firstSendOptions(deps));
  }
  return { id: row.id, created: false };
}

export async function getEmail(db: Db, principal: Principal, id: string): Promise<EmailOutboxRow> {
  const row = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get();
  if (!row) throw new AppError('not_found', `No email ${id}.`);
  assertHotelAccess(principal, row.hotelId);
  return row;
}

export type EmailFilter = {
  status?: EmailStatus | undefined;
  template?: OutboxTemplate | undefined;
  reservationId?: string | undefined;
};

/** Newest first, `limit + 1` rows. */
export async function listEmails(
  db: Db,
  hotelId: string,
  filter: EmailFilter,
  page: { limit: number; cursor: string | undefined },
): Promise<EmailOutboxRow[]> {
  const conditions: SQL[] = [eq(emailOutbox.hotelId, hotelId)];
  if (filter.status) conditions.push(eq(emailOutbox.status, filter.status));
  if (filter.template) conditions.push(eq(emailOutbox.templateKey, filter.template));
  if (filter.reservationId) conditions.push(eq(emailOutbox.reservationId, filter.reservationId));
  if (page.cursor) conditions.push(lt(emailOutbox.id, page.cursor));
  return db
    .select()
    .from(emailOutbox)
    .where(and(...conditions))
    .orderBy(desc(emailOutbox.id))
    .limit(page.limit + 1)
    .all();
}

export function emailJson(row: EmailOutboxRow) {
  return {
    id: row.id,
    hotel_id: row.hotelId,
    status: row.status,
    template: row.templateKey,
    language: row.language,
    category: row.category,
    to: row.toAddress,
    subject: row.subject,
    reservation_id: row.reservationId,
    event_id: row.eventId,
    campaign_id: row.campaignId,
    attempts: row.attempts,
    last_error: row.lastError,
    message_id: row.messageId,
    raw_available: row.raw !== null,
    sent_at: iso(row.sentAt),
    created_at: iso(row.createdAt) as string,
    updated_at: iso(row.updatedAt) as string,
  };
}
