import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Deps } from '../../../deps';
import { PermanentJobError } from '../../../lib/job';
import { errorFields } from '../../../lib/log';
import { OutboundPaced } from '../../../lib/pacing';
import type { Acknowledgement, ReservationAdapter } from '../adapter';
import { channelContext } from '../channels.repo';
import { type ChannelProvider, type ChannelRow, channels } from '../channels.table';
import { CredentialsUnavailable } from '../credentials';
import type { ChannelContext, ImportOutcome, InboundReservation, OutgoingRequest } from '../domain';
import { pullCalendar } from '../ical/import.service';
import { PROVIDER_RULES } from '../providers/rules';
import { redactXml } from '../redact';
import { callChannel, describeAnswer, recordCall } from './partner-call';

/** What a pull needs besides deps: the provider's adapter and the import (injected, so tests can break them). */
export type PullTools = {
  adapterFor: (provider: ChannelProvider) => ReservationAdapter;
  importBatch: (deps: Deps, ctx: ChannelContext, batch: readonly InboundReservation[]) => Promise<ImportOutcome[]>;
};

/** Channels one scheduling run starts at most; the rest are due at the next minute. */
const SCHEDULE_LIMIT = 200;

/**
 * Starts the pulls that are due: enabled pull-mode channels of hotels that have not turned OTA off
 * (/hotels/{hotel_id}/integrations) whose sync interval has passed since their last pull began and
 * that no pull holds. `last_pulled_at` is stamped here, under the same condition,
 * so two scheduling runs (a queue that lags a minute) never start one channel twice; a pull's retries
 * are its job's, not the cron's.
 */
export async function scheduleDuePulls(deps: Deps, at: number): Promise<string[]> {
  const { results } = await deps.d1
    .prepare(
      `UPDATE channels SET last_pulled_at = ?1
        WHERE id IN (
          SELECT id FROM channels
           WHERE enabled = 1 AND mode = 'pull'
             AND NOT EXISTS (SELECT 1 FROM hotel_integrations h WHERE h.hotel_id = channels.hotel_id AND h.ota_enabled = 0)
             AND (pull_claimed_until IS NULL OR pull_claimed_until <= ?1)
             AND (last_pulled_at IS NULL OR last_pulled_at + sync_interval_seconds * 1000 <= ?1)
           ORDER BY last_pulled_at IS NOT NULL, last_pulled_at
           LIMIT ?2)
        RETURNING id`,
    )
    .bind(at, SCHEDULE_LIMIT)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Undoes scheduleDuePulls' stamp of `at` (the pull jobs could not be queued). */
export async function unschedulePulls(deps: Deps, ids: readonly string[], at: number): Promise<void> {
  await deps.d1.batch(
    ids.map((id) =>
      deps.d1.prepare('UPDATE channels SET last_pulled_at = NULL WHERE id = ? AND last_pulled_at = ?').bind(id, at),
    ),
  );
}

/**
 * How long a pull holds its channel: every request and its acknowledgement may take the whole
 * timeout, plus the import. A pull that dies keeps the channel until then, no longer.
 */
export function claimMs(timeoutMs: number): number {
  return 6 * timeoutMs + 60_000;
}

/** Takes the channel for one pull, or null: disabled, deleted, switched to push, or another pull holds it. */
async function claim(deps: Deps, channelId: string, until: number, now: number): Promise<ChannelRow | null> {
  const [row] = await deps.db
    .update(channels)
    .set({ pullClaimedUntil: new Date(until) })
    .where(
      and(
        eq(channels.id, channelId),
        eq(channels.enabled, true),
        eq(channels.mode, 'pull'),
        or(isNull(channels.pullClaimedUntil), lte(channels.pullClaimedUntil, new Date(now))),
      ),
    )
    .returning();
  return row ?? null;
}

export type PullReport = { status: 'skipped' } | { status: 'done'; received: number; acknowledged: number };

/**
 * One pull of a channel: each of the adapter's requests → read the batch → import → acknowledge what
 * the import stored (in one or more messages), every exchange in the message log. A request, read or
 * import that fails leaves its batch unacknowledged, an acknowledgement message that fails leaves its
 * reservations unacknowledged, so the partner sends them again (the import is idempotent), and makes
 * the pull throw: its job retries with backoff. Nothing is acknowledged that was not stored.
 */
export async function pullChannel(deps: Deps, channelId: string, tools: PullTools): Promise<PullReport> {
  const now = deps.now().getTime();
  const until = now + claimMs(deps.config.OTA_TIMEOUT_MS);
  const row = await claim(deps, channelId, until, now);
  if (!row) return { status: 'skipped' };
  const failures: string[] = [];
  let permanent = false;
  let received = 0;
  let acknowledged = 0;
  try {
    const ctx = await channelContext(deps, row);
    if (PROVIDER_RULES[row.provider].calendar) {
      // A calendar channel has no OTA messages: its feed is fetched and read whole (ical/import.service.ts).
      const step = await pullCalendar(deps, ctx, tools);
      received += step.received;
      if (step.failure) failures.push(step.failure);
    } else {
      const adapter = tools.adapterFor(row.provider);
      for (const request of adapter.pullRequests(ctx)) {
        const step = await pullOnce(deps, ctx, adapter, request, tools);
        received += step.received;
        acknowledged += step.acknowledged;
        if (step.failure) failures.push(step.failure);
      }
    }
  } catch (err) {
    // Paced: nothing was asked of the partner; the job runs again later without counting a failure.
    if (err instanceof OutboundPaced) throw err;
    // Credentials that do not open will not open on a retry either: the job dead-letters at once.
    permanent = err instanceof CredentialsUnavailable;
    failures.push(err instanceof Error ? `${err.name}: ${err.message}` : 'pull failed');
    deps.log.error('channel pull failed', { channel_id: channelId, ...errorFields(err) });
  } finally {
    await finish(deps, channelId, until, failures);
  }
  deps.log.info('channel pulled', { channel_id: channelId, received, acknowledged, failures: failures.length });
  if (permanent) throw new PermanentJobError(new PullFailed(channelId, failures).message);
  if (failures.length > 0) throw new PullFailed(channelId, failures);
  return { status: 'done', received, acknowledged };
}

export class PullFailed extends Error {
  override readonly name = 'PullFailed';
  constructor(channelId: string, failures: readonly string[]) {
    super(`pull of ${channelId} failed: ${failures.join('; ')}`);
  }
}

type Step = { received: number; acknowledged: number; failure: string | null };

async function pullOnce(
  deps: Deps,
  ctx: ChannelContext,
  adapter: ReservationAdapter,
  request: OutgoingRequest,
  tools: PullTools,
): Promise<Step> {
  const call = await callChannel(deps, ctx, request);
  if (!call.ok) {
    await recordCall(deps, ctx, request, call, { outcome: 'failed', detail: call.error });
    return { received: 0, acknowledged: 0, failure: `${request.messageType}: ${call.error}` };
  }
  const batch = adapter.readPulled(call.body);
  if (!batch.ok) {
    await recordCall(deps, ctx, request, call, { outcome: 'error', detail: batch.refusal.message });
    return { received: 0, acknowledged: 0, failure: `${request.messageType}: ${batch.refusal.message}` };
  }
  const detail = describeAnswer(batch.answer);
  await recordCall(deps, ctx, request, call, { outcome: batch.answer.outcome, detail });
  if (batch.answer.outcome === 'error') {
    return { received: 0, acknowledged: 0, failure: `${request.messageType}: ${detail ?? 'Errors'}` };
  }
  const received = batch.reservations.length;
  if (received === 0) return { received, acknowledged: 0, failure: null };
  // Throws on a storage failure: nothing of this batch is acknowledged, the partner keeps it.
  const outcomes = await tools.importBatch(deps, ctx, batch.reservations);
  let acknowledged = 0;
  const failures: string[] = [];
  // Each message on its own: one that fails leaves only its reservations for the next pull.
  for (const ack of adapter.acknowledge(ctx, outcomes)) {
    const sent = await sendAcknowledgement(deps, ctx, adapter, ack);
    if (sent.failure) failures.push(sent.failure);
    if (sent.taken.length === 0) continue;
    await markIdsAcknowledged(deps, ctx.channel.id, sent.taken);
    acknowledged += sent.taken.length;
  }
  return { received, acknowledged, failure: failures.length > 0 ? failures.join('; ') : null };
}

/**
 * One acknowledgement message, logged: the reservations the channel took (none on a failed call or
 * an Errors answer, which is a failure of the pull; those it refused by name stay for the next pull).
 */
async function sendAcknowledgement(
  deps: Deps,
  ctx: ChannelContext,
  adapter: ReservationAdapter,
  ack: Acknowledgement,
): Promise<{ taken: readonly string[]; failure: string | null }> {
  const call = await callChannel(deps, ctx, ack);
  if (!call.ok) {
    await recordCall(deps, ctx, ack, call, { outcome: 'failed', detail: call.error });
    return { taken: [], failure: `${ack.messageType}: ${call.error}` };
  }
  const { answer, refused } = adapter.readAcknowledgement(call.body);
  await recordCall(deps, ctx, ack, call, { outcome: answer.outcome, detail: describeAnswer(answer) });
  if (answer.outcome === 'error') {
    return { taken: [], failure: `${ack.messageType}: ${describeAnswer(answer) ?? 'Errors'}` };
  }
  return { taken: ack.channelReservationIds.filter((id) => !refused.includes(id)), failure: null };
}

/** The channel now knows about these: `acknowledged_at` on their channel_reservations rows. */
export async function markAcknowledged(deps: Deps, channelId: string, outcomes: readonly ImportOutcome[]) {
  await markIdsAcknowledged(
    deps,
    channelId,
    outcomes.map((o) => o.channelReservationId),
  );
}

async function markIdsAcknowledged(deps: Deps, channelId: string, channelReservationIds: readonly string[]) {
  const ids = [...new Set(channelReservationIds)];
  const at = deps.now().getTime();
  // D1 binds at most 100 parameters per statement.
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    statements.push(
      deps.d1
        .prepare(
          `UPDATE channel_reservations SET acknowledged_at = ?
            WHERE channel_id = ? AND channel_reservation_id IN (${chunk.map(() => '?').join(', ')})`,
        )
        .bind(at, channelId, ...chunk),
    );
  }
  if (statements.length > 0) await deps.d1.batch(statements);
}

/** Releases the claim (if still ours) and records the pull's outcome on the channel for its health. */
async function finish(deps: Deps, channelId: string, until: number, failures: readonly string[]) {
  const at = deps.now().getTime();
  const outcome =
    failures.length === 0
      ? deps.d1.prepare('UPDATE channels SET last_success_at = ?, updated_at = ? WHERE id = ?').bind(at, at, channelId)
      : deps.d1
          .prepare('UPDATE channels SET last_error_at = ?, last_error = ?, updated_at = ? WHERE id = ?')
          .bind(at, redactXml(failures.join('; ')).slice(0, 500), at, channelId);
  await deps.d1.batch([
    outcome,
    deps.d1
      .prepare('UPDATE channels SET pull_claimed_until = NULL WHERE id = ? AND pull_claimed_until = ?')
      .bind(channelId, until),
  ]);
}
