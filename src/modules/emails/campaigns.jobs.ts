import { and, asc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db';
import type { Deps } from '../../deps';
import { defineJob } from '../../lib/job';
import { getHotelOrThrow } from '../catalog/catalog.service';
import { type GuestRow, guests, reservations } from '../reservations/reservations.table';
import { stalledSince } from './campaigns.service';
import { type Audience, type CampaignRow, emailCampaigns, emailSuppressions } from './campaigns.table';
import { queueEmail } from './outbox.service';
import { suppressedAmong, unsubscribeToken } from './unsubscribe';

/** Recipients per batch job, and the pause between batches: at most 600 marketing emails a minute. */
export const CAMPAIGN_BATCH = 100;
const BATCH_DELAY_SECONDS = 10;
/** A `sending` campaign whose batches made no progress for this long is resumed by the minute sweep. */
const STALL_MS = 5 * 60_000;
/** The stays that count for `stayed_from` / `stayed_to`. */
const STAYED = ['confirmed', 'checked_in', 'checked_out'] as const;

/**
 * The next guests of the audience after `after` (id order): the hotel's guests matching the filters who
 * opted in, and those whose address is suppressed (they get a `suppressed` row, so the campaign shows
 * who was left out). A guest who never opted in is not part of it.
 */
export function audienceAfter(db: Db, campaign: CampaignRow, after: string | null, limit: number) {
  const a: Audience = campaign.audience;
  const suppressed = sql`EXISTS (SELECT 1 FROM ${emailSuppressions} WHERE ${emailSuppressions.hotelId} = ${guests.hotelId} AND ${emailSuppressions.email} = ${guests.email})`;
  const conditions: (SQL | undefined)[] = [
    eq(guests.hotelId, campaign.hotelId),
    after ? gt(guests.id, after) : undefined,
    or(eq(guests.marketingOptIn, true), suppressed),
    a.countries?.length ? inArray(guests.country, a.countries) : undefined,
    a.languages?.length ? inArray(guests.language, a.languages) : undefined,
  ];
  if (a.stayed_from || a.stayed_to) {
    // A stay overlapping [stayed_from, stayed_to]: it ends after the first day and starts by the last.
    const stay = and(
      eq(reservations.guestId, guests.id),
      inArray(reservations.status, [...STAYED]),
      a.stayed_from ? gt(reservations.checkOut, a.stayed_from) : undefined,
      a.stayed_to ? lte(reservations.checkIn, a.stayed_to) : undefined,
    );
    conditions.push(sql`EXISTS (SELECT 1 FROM ${reservations} WHERE ${stay})`);
  }
  return db
    .select()
    .from(guests)
    .where(and(...conditions))
    .orderBy(asc(guests.id))
    .limit(limit)
    .all();
}

type BatchDeps = Pick<Deps, 'db' | 'jobs' | 'now' | 'config' | 'log' | 'pacer'>;

async function recordRecipients(deps: BatchDeps, campaign: CampaignRow, recipients: GuestRow[]) {
  const secret = deps.config.JWT_SIGNING_SECRET;
  if (!secret) throw new Error('JWT_SIGNING_SECRET is not configured: unsubscribe links cannot be signed');
  const hotel = await getHotelOrThrow(deps.db, campaign.hotelId);
  const suppressed = await suppressedAmong(
    deps.db,
    campaign.hotelId,
    recipients.map((g) => g.email),
  );
  for (const guest of recipients) {
    const token = await unsubscribeToken(secret, { hotelId: campaign.hotelId, email: guest.email });
    const off = suppressed.has(guest.email) || !guest.marketingOptIn;
    await queueEmail(deps, {
      hotelId: campaign.hotelId,
      dedupeKey: `campaign:${campaign.id}:${guest.id}`,
      templateKey: 'campaign',
      language: guest.language ?? 'en',
      category: 'marketing',
      campaignId: campaign.id,
      reservationId: null,
      eventId: null,
      to: { address: guest.email, name: `${guest.firstName} ${guest.lastName}` },
      variables: {
        guest_first_name: guest.firstName,
        guest_last_name: guest.lastName,
        guest_name: `${guest.firstName} ${guest.lastName}`,
        hotel_name: hotel.name,
        hotel_email: hotel.contact.email ?? '',
        hotel_phone: hotel.contact.phone ?? '',
        unsubscribe_url: `${deps.config.PUBLIC_BASE_URL}/api/v1/email/unsubscribe?token=${token}`,
      },
      ...(off ? { status: 'suppressed' as const, reason: 'address unsubscribed' } : {}),
    });
  }
}

/**
 * One batch: the next CAMPAIGN_BATCH recipients after `after` get their outbox rows (dedupe key
 * `campaign:<id>:<guest id>`, so a batch run again mails no one twice), then the campaign's cursor
 * moves on, guarded by the value this batch started from: only one copy of a batch queues the next.
 */
export async function expandBatch(deps: BatchDeps, campaignId: string, after: string | null): Promise<void> {
  const campaign = await deps.db.select().from(emailCampaigns).where(eq(emailCampaigns.id, campaignId)).get();
  if (campaign?.status !== 'sending' || campaign.cursor !== after) return;
  const recipients = await audienceAfter(deps.db, campaign, after, CAMPAIGN_BATCH);
  await recordRecipients(deps, campaign, recipients);
  const done = recipients.length < CAMPAIGN_BATCH;
  const next = recipients.at(-1)?.id ?? after;
  const moved = await deps.db
    .update(emailCampaigns)
    .set({ cursor: next, status: done ? 'sent' : 'sending', updatedAt: deps.now() })
    .where(
      and(
        eq(emailCampaigns.id, campaignId),
        eq(emailCampaigns.status, 'sending'),
        after === null ? isNull(emailCampaigns.cursor) : eq(emailCampaigns.cursor, after),
      ),
    )
    .returning({ id: emailCampaigns.id });
  deps.log.info('campaign batch', { campaign_id: campaignId, recipients: recipients.length, done });
  if (moved.length > 0 && !done) {
    await deps.jobs.send(campaignBatchJob.message({ campaign_id: campaignId, after: next }), {
      delaySeconds: BATCH_DELAY_SECONDS,
    });
  }
}

export const campaignBatchJob = defineJob({
  type: 'email.campaign_batch',
  schema: z.object({ campaign_id: z.string().min(1), after: z.string().nullable() }),
  handle: ({ campaign_id, after }, deps) => expandBatch(deps, campaign_id, after),
});

/**
 * Every minute: campaigns whose time has come start (`scheduled` → `sending`, first batch queued), and
 * a `sending` campaign with no progress for 5 minutes (its next batch lost) is resumed at its cursor.
 */
export async function startDueCampaigns(deps: BatchDeps, at: number): Promise<void> {
  const now = new Date(at);
  const started = await deps.db
    .update(emailCampaigns)
    .set({ status: 'sending', updatedAt: now })
    .where(and(eq(emailCampaigns.status, 'scheduled'), lte(emailCampaigns.sendAt, now)))
    .returning({ id: emailCampaigns.id, cursor: emailCampaigns.cursor });
  const stalled = await deps.db
    .update(emailCampaigns)
    .set({ updatedAt: now })
    .where(stalledSince(new Date(at - STALL_MS)))
    .returning({ id: emailCampaigns.id, cursor: emailCampaigns.cursor });
  const batches = [...started, ...stalled].map((c) => campaignBatchJob.message({ campaign_id: c.id, after: c.cursor }));
  if (batches.length > 0) await deps.jobs.sendBatch(batches);
  if (stalled.length > 0) deps.log.warn('stalled campaigns resumed', { campaigns: stalled.length });
}

export const dueCampaignsJob = defineJob({
  type: 'email.campaigns_due',
  schema: z.object({ at: z.number() }),
  handle: ({ at }, deps) => startDueCampaigns(deps, at),
});
