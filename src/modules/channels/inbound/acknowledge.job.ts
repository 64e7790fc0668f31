import { z } from 'zod';
import type { Deps } from '../../../deps';
import { defineJob, type JobEnvelope, PermanentJobError } from '../../../lib/job';
import type { Acknowledgement, ReservationAdapter } from '../adapter';
import { channelContext, loadChannelRow } from '../channels.repo';
import { CHANNEL_RESERVATION_STATUSES, type ChannelProvider } from '../channels.table';
import type { ChannelContext, ImportOutcome, PartnerAnswer } from '../domain';
import { redactXml } from '../redact';
import { callChannel, recordCall } from './partner-call';

export const ACKNOWLEDGE_JOB = 'channels.acknowledge';

const Payload = z.object({
  channel_id: z.string().min(1),
  outcome: z.object({
    channelReservationId: z.string().min(1),
    kind: z.enum(['new', 'modify', 'cancel']),
    status: z.enum(CHANNEL_RESERVATION_STATUSES),
    confirmationNumber: z.string().nullable(),
    error: z.object({ code: z.string(), text: z.string() }).nullable(),
  }),
});

/** The queue message that tells a channel what became of one of its reservations (accept, reject, re-import). */
export function acknowledgeMessage(channelId: string, outcome: ImportOutcome): JobEnvelope {
  return { type: ACKNOWLEDGE_JOB, payload: { channel_id: channelId, outcome } satisfies z.input<typeof Payload> };
}

export type AcknowledgeAdapters = Partial<
  Record<ChannelProvider, Pick<ReservationAdapter, 'acknowledge' | 'readAcknowledgement'>>
>;

/**
 * `channels.acknowledge`, with the providers' reservation adapters (RESERVATION_ADAPTERS in production,
 * a small one in tests). The outcome travels in the message: the channel hears what the hotel decided,
 * even if a later message changes the reservation again (that one is acknowledged on its own).
 */
export function acknowledgeJobWith(adapters: AcknowledgeAdapters) {
  return defineJob({
    type: ACKNOWLEDGE_JOB,
    schema: Payload,
    handle: async ({ channel_id, outcome }, deps) => {
      const channel = await loadChannelRow(deps.d1, channel_id);
      // Deleted since: nobody to tell. Switched off: kept in dead letters, to replay once it is on again.
      if (!channel) return;
      if (!deps.config.OTA_INTEGRATION_ENABLED) throw new PermanentJobError('OTA integration is switched off');
      const adapter = adapters[channel.provider];
      if (!adapter) throw new PermanentJobError(`no reservation adapter for ${channel.provider}`);
      // Told already (a pull acknowledged the re-delivered reservation first, or this message is a
      // redelivery): any change since clears acknowledged_at, so a set one with the same status and
      // kind means the channel knows this state, and a second confirmation would only duplicate it.
      const told = await deps.d1
        .prepare(
          `SELECT 1 AS told FROM channel_reservations WHERE channel_id = ? AND channel_reservation_id = ?
             AND status = ? AND last_kind = ? AND acknowledged_at IS NOT NULL`,
        )
        .bind(channel.id, outcome.channelReservationId, outcome.status, outcome.kind)
        .first<number>('told');
      if (told) return;
      const ctx = await channelContext(deps, channel);
      const requests = adapter.acknowledge(ctx, [outcome]);
      let taken = true;
      for (const request of requests) {
        if (!(await send(deps, ctx, adapter, request)).includes(outcome.channelReservationId)) taken = false;
      }
      if (!taken) return;
      await deps.d1.batch([
        // Only while the row still says what this acknowledgement told: a newer change (a modify, a
        // cancel) since is not acknowledged by an older decision's message.
        deps.d1
          .prepare(
            `UPDATE channel_reservations SET acknowledged_at = ?
              WHERE channel_id = ? AND channel_reservation_id = ? AND status = ? AND last_kind = ?`,
          )
          .bind(deps.now().getTime(), channel.id, outcome.channelReservationId, outcome.status, outcome.kind),
        ...(requests.length > 0
          ? [
              deps.d1
                .prepare('UPDATE channels SET last_success_at = ? WHERE id = ?')
                .bind(deps.now().getTime(), channel.id),
            ]
          : []),
      ]);
    },
  });
}

/**
 * One exchange, logged (redacted) whatever happens; anything but a Success / Warnings answer is retried.
 * Returns the reservations the channel took: one it refused by name (Expedia's per-booking Warning)
 * would be refused again, so it is left unacknowledged, with the reason on the channel, not retried.
 */
async function send(
  deps: Deps,
  ctx: ChannelContext,
  adapter: Pick<ReservationAdapter, 'readAcknowledgement'>,
  request: Acknowledgement,
): Promise<readonly string[]> {
  const call = await callChannel(deps, ctx, request);
  const read = call.ok
    ? adapter.readAcknowledgement(call.body)
    : { answer: { outcome: 'error', warnings: [], errors: [{ text: call.error }] } as PartnerAnswer, refused: [] };
  const { answer } = read;
  const detail = [...answer.errors, ...answer.warnings].map((i) => `${i.code ?? ''} ${i.text}`.trim()).join('; ');
  await recordCall(deps, ctx, request, call, { outcome: call.ok ? answer.outcome : 'failed', detail: detail || null });
  if (answer.outcome === 'error' || read.refused.length > 0) {
    const what = answer.outcome === 'error' ? 'acknowledgement refused' : 'acknowledgement refused for some';
    await deps.d1
      .prepare('UPDATE channels SET last_error_at = ?, last_error = ? WHERE id = ?')
      .bind(deps.now().getTime(), redactXml(`${what}: ${detail}`).slice(0, 500), ctx.channel.id)
      .run();
  }
  if (answer.outcome === 'error') throw new Error(`channel ${ctx.channel.id} did not take the acknowledgement`);
  return request.channelReservationIds.filter((id) => !read.refused.includes(id));
}
