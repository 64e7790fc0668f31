import { z } from 'zod';
import type { Deps } from '../../../deps';
import { todayIn } from '../../../lib/dates';
import { defineJob, PermanentJobError, type RetryPolicy } from '../../../lib/job';
import { commitChange } from '../../events/commit';
import { channelContext, loadChannelRow } from '../channels.repo';
import type { ChannelRow } from '../channels.table';
import { CredentialsUnavailable } from '../credentials';
import type { ChannelContext, OutgoingRequest, PartnerAnswer } from '../domain';
import { callChannel, recordCall } from '../inbound/partner-call';
import { ARI_ADAPTERS } from '../providers/ari-adapters';
import { redactXml } from '../redact';
import { scopeContent } from './ari-state';

/** 30 s, 1 min, 2 min, 4 min, 8 min (with jitter): about a quarter of an hour, then dead-lettered. */
export const ARI_SEND_RETRY: RetryPolicy = { baseSeconds: 30, factor: 2, capSeconds: 1_800, maxAttempts: 6 };

const AVAIL = 'OTA_HotelAvailNotifRQ';
const RATES = 'OTA_HotelRateAmountNotifRQ';

const Payload = z.object({
  channel_id: z.string().min(1),
  kind: z.enum(['availability', 'rates']),
  from: z.iso.date(),
  to: z.iso.date(),
  room_type_ids: z.array(z.string().min(1)).min(1),
});

/** Thrown when the partner did not take a message: the queue retries the job with ARI_SEND_RETRY's backoff. */
class PartnerRefused extends Error {
  override readonly name = 'PartnerRefused';
}

/**
 * One scope of a push to one channel: builds the messages from the state in D1 now (a retry after a
 * change sends the new state), posts them in order, and logs each exchange. `Success` → done;
 * `Warnings` → done, the warnings in the log; `Errors`, an HTTP failure or no answer → the channel's
 * last error is set and the job fails, so the queue retries it with backoff; on its last attempt
 * `channel.sync_failed` is emitted and the consumer dead-letters it. Errors the partner marks permanent
 * (PartnerAnswer.permanent: Expedia's authentication and business codes) skip the retries: the job's
 * other messages are still posted, then the event at once and the job dead-lettered (replayable).
 */
export const ariSendJob = defineJob({
  type: 'channels.ari_send',
  schema: Payload,
  retry: ARI_SEND_RETRY,
  handle: async (payload, deps, run) => {
    if (!deps.config.OTA_INTEGRATION_ENABLED) return;
    const row = await loadChannelRow(deps.d1, payload.channel_id);
    if (!row?.enabled) return;
    let ctx: ChannelContext;
    try {
      ctx = await channelContext(deps, row);
    } catch (err) {
      if (!(err instanceof CredentialsUnavailable)) throw err;
      // No retry can open them (a wrong or rotated key): the hotel must hear it now, not in 15 minutes.
      const failure = `credentials unavailable: ${err.message}`;
      await recordChannelOutcome(deps, row, failure);
      await syncFailed(deps, row, payload.kind === 'availability' ? AVAIL : RATES, failure, run?.attempts ?? 1);
      throw new PermanentJobError(failure);
    }
    ctx = { ...ctx, today: await hotelToday(deps, row.hotelId) };
    const scope = { kind: payload.kind, from: payload.from, to: payload.to, roomTypeIds: payload.room_type_ids };
    const content = await scopeContent(deps.d1, row.id, scope);
    const adapter = ARI_ADAPTERS[row.provider];
    const requests =
      payload.kind === 'availability'
        ? adapter.availability(ctx, content.statuses)
        : adapter.rates(ctx, content.amounts);
    let failure: string | null = null;
    let permanent = false;
    for (const request of requests) {
      // The partner's own words go into last_error, the channel.sync_failed event (webhooks) and dead
      // letters: redacted like the message log, a card number in an error text included.
      const refused = await exchange(deps, ctx, request);
      if (refused === null) continue;
      if (!refused.permanent) {
        // Transient: the retry sends every message of the scope again, so the rest waits for it.
        failure = redactXml(refused.failure);
        permanent = false;
        break;
      }
      // Permanent: this message is never taken, but the others hold other rooms or dates the channel
      // would otherwise keep selling on stale counts; they still go, the first refusal is what is told.
      failure ??= redactXml(refused.failure);
      permanent = true;
    }
    if (requests.length > 0) await recordChannelOutcome(deps, row, failure);
    if (failure === null) return;
    const attempts = run?.attempts ?? 1;
    if (permanent || attempts >= ARI_SEND_RETRY.maxAttempts)
      await syncFailed(deps, row, requests[0]?.messageType ?? AVAIL, failure, attempts);
    throw permanent ? new PermanentJobError(failure) : new PartnerRefused(failure);
  },
});

/**
 * Posts one message and logs it; null when the partner took it, else why not (no guest data in it) and
 * whether the partner's codes say it never will.
 */
async function exchange(
  deps: Deps,
  ctx: ChannelContext,
  request: OutgoingRequest,
): Promise<{ failure: string; permanent: boolean } | null> {
  const call = await callChannel(deps, ctx, request);
  // No status: no answer at all. A body: read whole (a non-2xx one too, for the partner's OTA errors).
  const httpFailed = call.status !== null && (call.status < 200 || call.status >= 300);
  const answer = call.body === null ? null : ARI_ADAPTERS[ctx.channel.provider].readAnswer(call.body);
  const outcome = outcomeOf(answer, httpFailed);
  const detail = call.body === null ? (call.ok ? null : call.error) : describe(answer, httpFailed ? call.status : null);
  await recordCall(deps, ctx, request, call, { outcome, detail });
  if (outcome === 'success' || outcome === 'warning') return null;
  return {
    failure: `${request.messageType}: ${detail ?? outcome}`,
    permanent: outcome === 'error' && answer?.permanent === true,
  };
}

/** The hotel's local date now (UTC's if the hotel is gone: its channel is about to go too). */
async function hotelToday(deps: Deps, hotelId: string): Promise<string> {
  const hotel = await deps.d1
    .prepare('SELECT timezone FROM hotels WHERE id = ?')
    .bind(hotelId)
    .first<{ timezone: string }>();
  return todayIn(hotel?.timezone ?? 'UTC', deps.now());
}

/**
 * A 2xx answer is what the partner says (an unreadable one is an error). A non-2xx answer is the
 * partner's `error` only when it carries coded OTA Errors; otherwise the exchange `failed`.
 */
function outcomeOf(answer: PartnerAnswer | null, httpFailed: boolean): 'success' | 'warning' | 'error' | 'failed' {
  if (answer === null) return 'failed';
  if (!httpFailed) return answer.outcome;
  const coded = answer.outcome === 'error' && answer.errors.some((e) => e.code !== undefined || e.type !== undefined);
  return coded ? 'error' : 'failed';
}

function describe(answer: PartnerAnswer | null, httpStatus: number | null): string | null {
  const parts: string[] = [];
  if (httpStatus !== null) parts.push(`HTTP ${httpStatus}`);
  for (const e of answer?.errors ?? [])
    parts.push(`error ${[e.type, e.code].filter(Boolean).join('/')} ${e.text}`.trim());
  for (const w of answer?.warnings ?? [])
    parts.push(`warning ${[w.type, w.code].filter(Boolean).join('/')} ${w.text}`.trim());
  return parts.length > 0 ? parts.join('; ').slice(0, 1_000) : null;
}

async function recordChannelOutcome(deps: Deps, row: ChannelRow, failure: string | null): Promise<void> {
  const at = deps.now().getTime();
  const statement =
    failure === null
      ? deps.d1.prepare('UPDATE channels SET last_success_at = ? WHERE id = ?').bind(at, row.id)
      : deps.d1
          .prepare('UPDATE channels SET last_error_at = ?, last_error = ? WHERE id = ?')
          .bind(at, failure.slice(0, 500), row.id);
  await statement.run();
}

/** The push is given up: the hotel hears it as an event (webhooks), the job goes to dead letters. */
async function syncFailed(deps: Deps, row: ChannelRow, messageType: string, error: string, attempts: number) {
  await commitChange(deps, {
    hotelId: row.hotelId,
    session: deps.d1,
    statements: [],
    events: [
      {
        type: 'channel.sync_failed',
        hotelId: row.hotelId,
        subjectId: row.id,
        data: { channel_id: row.id, provider: row.provider, message_type: messageType, error, attempts },
      },
    ],
    affectsAvailability: false,
  });
  deps.log.error('channel sync failed', { channel_id: row.id, message_type: messageType, attempts });
}
