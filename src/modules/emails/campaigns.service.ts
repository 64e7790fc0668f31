import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { type Db, statementOf } from '../../db';
import type { Deps } from '../../deps';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { iso } from '../../lib/schemas';
import { auditStatement, batchAudited, markAudited } from '../audit/audit';
import { getHotelOrThrow } from '../catalog/catalog.service';
import { type Audience, type CampaignRow, emailCampaigns } from './campaigns.table';
import { EMAIL_STATUSES, type EmailStatus, emailOutbox } from './emails.table';
import { checkTemplate, type TemplateParts, variablesIn } from './render';

/** What a campaign template may name: the guest, the hotel, and the guest's own unsubscribe link. */
export const CAMPAIGN_VARIABLES = [
  'guest_first_name',
  'guest_last_name',
  'guest_name',
  'hotel_name',
  'hotel_email',
  'hotel_phone',
  'unsubscribe_url',
] as const;

export type NewCampaign = { name: string; template: TemplateParts; audience: Audience; send_at?: string | undefined };

/**
 * Unknown variables and malformed placeholders are refused at save (as for templates), and both bodies
 * must carry `{{unsubscribe_url}}`: every marketing mail shows its opt-out link.
 */
export function campaignTemplateProblems(parts: TemplateParts) {
  const problems = checkTemplate(parts, CAMPAIGN_VARIABLES);
  for (const part of ['html', 'text'] as const) {
    if (!variablesIn(parts[part]).includes('unsubscribe_url')) {
      problems.push({ part, message: 'must contain {{unsubscribe_url}} (the guest’s opt-out link)' });
    }
  }
  return problems;
}

type CampaignDeps = Pick<Deps, 'db' | 'd1' | 'now' | 'actor'>;

/** A campaign as the audit trail records it: what it sends to whom, when, and its state. */
function audited(row: Pick<CampaignRow, 'name' | 'subject' | 'audience' | 'sendAt' | 'status'>) {
  return { name: row.name, subject: row.subject, audience: row.audience, send_at: row.sendAt, status: row.status };
}

export async function createCampaign(deps: CampaignDeps, hotelId: string, body: NewCampaign) {
  await getHotelOrThrow(deps.db, hotelId);
  const problems = campaignTemplateProblems(body.template);
  if (problems.length > 0) {
    throw new AppError('validation_failed', 'The campaign template cannot be saved.', {
      errors: problems.map((p) => ({ path: `body.template.${p.part}`, message: p.message })),
    });
  }
  const now = deps.now();
  const values = {
    id: newId('campaign'),
    hotelId,
    name: body.name,
    ...body.template,
    audience: body.audience,
    sendAt: body.send_at ? new Date(body.send_at) : now,
    status: 'scheduled' as const,
    createdAt: now,
    updatedAt: now,
  };
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, deps.db.insert(emailCampaigns).values(values))],
    [
      {
        hotelId,
        action: 'email_campaign.created',
        entityType: 'email_campaign',
        entityId: values.id,
        after: audited(values),
      },
    ],
  );
  // The stored row, its defaults filled in.
  return getCampaign(deps.db, hotelId, values.id);
}

export async function getCampaign(db: Db, hotelId: string, id: string): Promise<CampaignRow> {
  const row = await db
    .select()
    .from(emailCampaigns)
    .where(and(eq(emailCampaigns.id, id), eq(emailCampaigns.hotelId, hotelId)))
    .get();
  if (!row) throw notFound('Campaign', id);
  return row;
}

/** Newest first, `limit + 1` rows. */
export function listCampaigns(db: Db, hotelId: string, page: { limit: number; cursor: string | undefined }) {
  return db
    .select()
    .from(emailCampaigns)
    .where(and(eq(emailCampaigns.hotelId, hotelId), page.cursor ? lt(emailCampaigns.id, page.cursor) : undefined))
    .orderBy(desc(emailCampaigns.id))
    .limit(page.limit + 1)
    .all();
}

/** Stops the campaign: no batch is expanded after this; emails already in the outbox are sent. */
export async function cancelCampaign(deps: CampaignDeps, hotelId: string, id: string) {
  const now = deps.now();
  const current = await getCampaign(deps.db, hotelId, id);
  const cancel = deps.db
    .update(emailCampaigns)
    .set({ status: 'cancelled', cancelledAt: now, updatedAt: now })
    .where(
      and(
        eq(emailCampaigns.id, id),
        eq(emailCampaigns.hotelId, hotelId),
        inArray(emailCampaigns.status, ['scheduled', 'sending']),
      ),
    );
  const entry = {
    hotelId,
    action: 'email_campaign.cancelled',
    entityType: 'email_campaign',
    entityId: id,
    before: audited(current),
    after: audited({ ...current, status: 'cancelled' }),
  };
  // The audit row first, under the cancellation's own guard: a campaign already done records nothing.
  const guard = {
    sql: "EXISTS (SELECT 1 FROM email_campaigns WHERE id = ? AND hotel_id = ? AND status IN ('scheduled', 'sending'))",
    params: [id, hotelId],
  };
  const results = await deps.d1.batch([
    auditStatement(deps.d1, deps.actor, entry, now, guard),
    statementOf(deps.d1, cancel),
  ]);
  if (results.at(-1)?.meta.changes === 1) {
    markAudited(deps.actor);
    return getCampaign(deps.db, hotelId, id);
  }
  // Not changed: it was already cancelled (a repeat is a success) or has sent to everyone.
  const latest = await getCampaign(deps.db, hotelId, id);
  if (latest.status === 'cancelled') return latest;
  throw new AppError('invalid_state', `Campaign ${id} is ${latest.status}: every recipient already has an email.`);
}

export type CampaignCounts = Record<'total' | EmailStatus, number>;

/** Progress from the campaign's outbox rows: one row per recipient, in its current status. */
export async function campaignCounts(db: Db, campaignIds: string[]): Promise<Map<string, CampaignCounts>> {
  const counts = new Map<string, CampaignCounts>();
  for (const id of campaignIds) counts.set(id, { total: 0, queued: 0, sent: 0, failed: 0, suppressed: 0 });
  if (campaignIds.length === 0) return counts;
  const rows = await db
    .select({ campaignId: emailOutbox.campaignId, status: emailOutbox.status, n: count() })
    .from(emailOutbox)
    .where(inArray(emailOutbox.campaignId, campaignIds))
    .groupBy(emailOutbox.campaignId, emailOutbox.status)
    .all();
  for (const r of rows) {
    const c = counts.get(r.campaignId as string);
    if (!c || !EMAIL_STATUSES.includes(r.status)) continue;
    c[r.status] += r.n;
    c.total += r.n;
  }
  return counts;
}

/** `sent` while some of its emails are still queued is reported as `sending`. */
export function campaignJson(row: CampaignRow, counts: CampaignCounts) {
  return {
    id: row.id,
    hotel_id: row.hotelId,
    name: row.name,
    status: row.status === 'sent' && counts.queued > 0 ? ('sending' as const) : row.status,
    template: { subject: row.subject, html: row.html, text: row.text },
    audience: row.audience,
    send_at: iso(row.sendAt) as string,
    counts,
    cancelled_at: iso(row.cancelledAt),
    created_at: iso(row.createdAt) as string,
    updated_at: iso(row.updatedAt) as string,
  };
}

export async function campaignView(db: Db, row: CampaignRow) {
  const counts = await campaignCounts(db, [row.id]);
  return campaignJson(row, counts.get(row.id) as CampaignCounts);
}

/** A campaign row as the sweep sees it stalled: `sending` and not updated since `before`. */
export const stalledSince = (before: Date) =>
  and(eq(emailCampaigns.status, 'sending'), sql`${emailCampaigns.updatedAt} < ${before.getTime()}`);
