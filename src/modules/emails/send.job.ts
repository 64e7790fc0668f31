import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { statementOf } from '../../db';
import type { Deps } from '../../deps';
import { notFound } from '../../errors';
import { defineJob, PermanentJobError, type RetryPolicy } from '../../lib/job';
import { errorFields, redact } from '../../lib/log';
import { type AuditActor, type AuditEntry, batchAudited } from '../audit/audit';
import { type HotelRow, hotels } from '../catalog/catalog.table';
import { domainOf, isValidAddress } from './address';
import { campaignTemplateProblems } from './campaigns.service';
import { emailCampaigns } from './campaigns.table';
import { type EmailOutboxRow, type EmailTemplateRow, emailOutbox, emailTemplates } from './emails.table';
import { isPermanentSendError } from './mailer';
import { checkTemplate, renderTemplate } from './render';
import { TEMPLATE_VARIABLES } from './templates.defaults';
import { resolvedFrom } from './templates.service';
import { suppressedAmong } from './unsubscribe';

/** 6 attempts over about 2 hours (30 s, 2.5 min, 12.5 min, 1 h, 1 h with jitter). */
export const EMAIL_RETRY: RetryPolicy = { baseSeconds: 30, capSeconds: 3600, maxAttempts: 6, factor: 5 };
/** How long one attempt holds its row (a send that takes longer is seen as lost and may be tried again). */
const CLAIM_MS = 60_000;

type SendDeps = Pick<Deps, 'db' | 'd1' | 'mailer' | 'config' | 'log' | 'now' | 'actor' | 'pacer'>;

/**
 * The queue options of an email's first `email.send`: delayed until the sending domain's pace allows
 * when this isolate already knows it is used up (a burst of bookings), rather than a run that would
 * only be paced and queued again.
 */
export function firstSendOptions(deps: Pick<Deps, 'pacer' | 'config'>): { delaySeconds: number } | undefined {
  const wait = deps.pacer.pausedFor('email', domainOf(deps.config.EMAIL_FROM));
  return wait === null ? undefined : { delaySeconds: wait };
}

/** A failure sending again cannot fix: the row is `failed` and the job is not retried. */
class Undeliverable extends Error {}

/**
 * Sends one outbox row. The attempt claims the row first (status queued, unclaimed or its claim run
 * out), so two copies of the job never both send it, and a row that is sent, failed or suppressed is
 * left alone: each email goes out at most once.
 */
export async function sendEmail(
  deps: SendDeps,
  emailId: string,
  options: { resendFailed?: boolean } = {},
): Promise<void> {
  // Paced before the claim, so a paced run neither spends one of the row's attempts nor holds it.
  await deps.pacer.admit('email', domainOf(deps.config.EMAIL_FROM));
  const now = deps.now();
  if (options.resendFailed) await rearmFailed(deps, emailId, now);
  // The claim, the hotel and its template for the row in one round trip; the two reads are used only
  // when the claim took the row, and they see it as the claim left it.
  const ofRow = (column: 'hotel_id' | 'template_key' | 'language') =>
    sql`(SELECT ${sql.raw(column)} FROM email_outbox WHERE id = ${emailId})`;
  const [[row], [hotel], [hotelTemplate]] = await deps.db.batch([
    deps.db
      .update(emailOutbox)
      .set({
        claimedUntil: new Date(now.getTime() + CLAIM_MS),
        attempts: sql`${emailOutbox.attempts} + 1`,
        updatedAt: now,
      })
      .where(
        and(
          eq(emailOutbox.id, emailId),
          eq(emailOutbox.status, 'queued'),
          or(isNull(emailOutbox.claimedUntil), lt(emailOutbox.claimedUntil, now)),
        ),
      )
      .returning(),
    deps.db
      .select()
      .from(hotels)
      .where(eq(hotels.id, ofRow('hotel_id'))),
    deps.db
      .select()
      .from(emailTemplates)
      .where(
        and(
          eq(emailTemplates.hotelId, ofRow('hotel_id')),
          eq(emailTemplates.key, ofRow('template_key')),
          eq(emailTemplates.language, ofRow('language')),
        ),
      ),
  ]);
  if (!row) return whyNotClaimed(deps, emailId);
  const log = deps.log.child({ email_id: row.id, hotel_id: row.hotelId, template: row.templateKey });
  // The guest may have unsubscribed since the campaign's batch recorded this email.
  if (row.category === 'marketing' && (await suppressedAmong(deps.db, row.hotelId, [row.toAddress])).size > 0) {
    await finish(deps, row, { status: 'suppressed', lastError: 'address unsubscribed' });
    log.info('email suppressed', { attempts: row.attempts });
    return;
  }
  try {
    const message = await compose(deps, row, hotel, hotelTemplate);
    const result = await deps.mailer.send({
      from: deps.config.EMAIL_FROM,
      to: row.toAddress,
      raw: message.raw,
      hotelId: row.hotelId,
    });
    await finish(deps, row, {
      status: 'sent',
      raw: message.raw,
      subject: message.subject,
      messageId: message.messageId,
      providerMessageId: result.messageId,
      sentAt: deps.now(),
      lastError: null,
    });
    log.info('email sent', { attempts: row.attempts });
  } catch (err) {
    const permanent = err instanceof Undeliverable || isPermanentSendError(err);
    const lastError = redact(err instanceof Error ? err.message : String(err)).slice(0, 500);
    const exhausted = row.attempts >= EMAIL_RETRY.maxAttempts;
    await finish(deps, row, { status: permanent || exhausted ? 'failed' : 'queued', lastError });
    log.warn('email not sent', { attempts: row.attempts, permanent, ...errorFields(err) });
    throw permanent ? new PermanentJobError(lastError) : err;
  }
}

/**
 * A replayed dead letter (the operator fixed the cause): a row that ended `failed` is queued again with
 * a fresh attempt count. Only `failed` rows: a sent, suppressed or still queued one is left as it is, so
 * a replay, or a copy of it, never sends an email twice.
 */
async function rearmFailed(deps: SendDeps, emailId: string, now: Date): Promise<void> {
  const rearmed = await deps.db
    .update(emailOutbox)
    .set({ status: 'queued', attempts: 0, claimedUntil: null, lastError: null, updatedAt: now })
    .where(and(eq(emailOutbox.id, emailId), eq(emailOutbox.status, 'failed')))
    .returning({ id: emailOutbox.id });
  if (rearmed.length > 0) deps.log.info('failed email queued again by a replay', { email_id: emailId });
}

async function whyNotClaimed(deps: SendDeps, emailId: string): Promise<void> {
  const row = await deps.db
    .select({ status: emailOutbox.status })
    .from(emailOutbox)
    .where(eq(emailOutbox.id, emailId))
    .get();
  if (!row) throw new PermanentJobError(`email ${emailId} is not in the outbox`);
  // Another attempt holds it: try again after its claim; if that attempt sent it, this one ends then.
  if (row.status === 'queued') throw new Error(`email ${emailId} is being sent by another attempt`);
}

/** The mail service's side of a send, in the audit trail. */
const MAILER: Pick<AuditActor, 'type' | 'id'> = { type: 'system', id: 'email' };

/**
 * Ends an attempt: the row's outcome and, in the same batch, the exchange's audit row (status,
 * template, attempt and error; never the address or the message).
 */
async function finish(deps: SendDeps, row: EmailOutboxRow, values: Partial<EmailOutboxRow>): Promise<void> {
  const status = values.status ?? row.status;
  const entry: AuditEntry = {
    hotelId: row.hotelId,
    action: status === 'queued' ? 'email.send_failed' : `email.${status}`,
    entityType: 'email',
    entityId: row.id,
    after: {
      status,
      template: row.templateKey,
      category: row.category,
      attempt: row.attempts,
      error: values.lastError ?? null,
    },
    outcome: status === 'sent' || status === 'suppressed' ? 'success' : 'failed',
  };
  await batchAudited(
    { ...deps, actor: { ...deps.actor, ...MAILER } },
    deps.d1,
    [
      statementOf(
        deps.d1,
        deps.db
          .update(emailOutbox)
          .set({ ...values, claimedUntil: null, updatedAt: deps.now() })
          .where(eq(emailOutbox.id, row.id)),
      ),
    ],
    [entry],
  );
}

/** The MIME message of a row: its template rendered with its variables, from the platform's address. */
async function compose(
  deps: SendDeps,
  row: EmailOutboxRow,
  hotel: HotelRow | undefined,
  hotelTemplate: EmailTemplateRow | undefined,
) {
  if (!isValidAddress(row.toAddress)) throw new Undeliverable('invalid recipient address');
  if (!hotel) throw notFound('Hotel', row.hotelId);
  const { template, problems } = await templateOf(deps, row, hotelTemplate);
  if (problems.length > 0) {
    throw new Undeliverable(`template error: ${problems.map((p) => `${p.part} ${p.message}`).join('; ')}`);
  }
  const rendered = renderTemplate(template, row.variables);
  const replyTo = hotel.contact.email && isValidAddress(hotel.contact.email) ? hotel.contact.email : null;
  const messageId = `${row.id}@${domainOf(deps.config.EMAIL_FROM)}`;
  // mimetext (and the core-js polyfills it brings) loads on the send path only, not at the worker's start.
  const { buildMime } = await import('./mime');
  const raw = buildMime({
    from: { address: deps.config.EMAIL_FROM, name: hotel.name },
    to: { address: row.toAddress, name: row.toName },
    replyTo,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    messageId,
    date: deps.now(),
    ...(row.category === 'marketing' && row.variables.unsubscribe_url
      ? { unsubscribeUrl: row.variables.unsubscribe_url }
      : {}),
  });
  return { raw, subject: rendered.subject, messageId };
}

/** The row's template: its campaign's own, or the hotel's version of its key (read with the claim), else the default. */
async function templateOf(deps: SendDeps, row: EmailOutboxRow, hotelTemplate: EmailTemplateRow | undefined) {
  if (row.templateKey === 'campaign') {
    const campaign = row.campaignId
      ? await deps.db.select().from(emailCampaigns).where(eq(emailCampaigns.id, row.campaignId)).get()
      : undefined;
    if (!campaign) throw new Undeliverable(`campaign ${row.campaignId} not found`);
    return { template: campaign, problems: campaignTemplateProblems(campaign) };
  }
  const template = resolvedFrom(hotelTemplate, row.templateKey, row.language);
  return { template, problems: checkTemplate(template, TEMPLATE_VARIABLES[row.templateKey]) };
}

export const sendEmailJob = defineJob({
  type: 'email.send',
  // `resend_failed`: sent by a dead letter's replay only (the row of an exhausted send is `failed`).
  schema: z.object({ email_id: z.string().min(1), resend_failed: z.literal(true).optional() }),
  retry: EMAIL_RETRY,
  handle: ({ email_id, resend_failed }, deps) => sendEmail(deps, email_id, { resendFailed: resend_failed === true }),
  replay: (payload) => ({ ...payload, resend_failed: true as const }),
});
