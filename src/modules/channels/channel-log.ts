import type { Deps } from '../../deps';
import { newId } from '../../lib/ids';
import { auditStatement, markAudited } from '../audit/audit';
import type { ChannelMessageRow } from './channels.table';
import { redactXml } from './redact';

export type Exchange = Omit<ChannelMessageRow, 'id' | 'createdAt' | 'request' | 'response'> & {
  request: string | null;
  response: string | null;
};

/** Bodies kept per message: enough to debug a partner's answer without storing megabytes per push. */
const MAX_BODY_CHARS = 64_000;

function keep(body: string | null): string | null {
  if (body === null) return null;
  const redacted = redactXml(body);
  return redacted.length > MAX_BODY_CHARS ? `${redacted.slice(0, MAX_BODY_CHARS)}…[truncated]` : redacted;
}

/**
 * The statement that records one exchange in the message log (`GET /api/v1/channels/:id/messages`),
 * bodies redacted (redact.ts). Callers put it in the batch of the change the exchange caused, or run it
 * on its own; the housekeeping purge drops rows after 30 days.
 */
export function exchangeStatement(
  deps: Pick<Deps, 'now'>,
  d1: D1Database | D1DatabaseSession,
  e: Exchange,
  id: string = newId('channelMessage'),
): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO channel_messages (id, channel_id, hotel_id, direction, message_type, outcome, http_status,
         duration_ms, correlation_id, request, response, detail, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      id,
      e.channelId,
      e.hotelId,
      e.direction,
      e.messageType,
      e.outcome,
      e.httpStatus,
      e.durationMs,
      e.correlationId,
      keep(e.request),
      keep(e.response),
      // The detail can quote the message (a parser's error names the tag it choked on): redacted too.
      e.detail === null ? null : redactXml(e.detail),
      deps.now().getTime(),
    );
}

/**
 * Records one exchange in the message log and, in the same batch, in the audit trail: by the channel
 * (the partner it was with), its outcome and HTTP status; the bodies stay in the message log only.
 */
export async function recordExchange(deps: Pick<Deps, 'now' | 'd1' | 'actor'>, e: Exchange): Promise<void> {
  const id = newId('channelMessage');
  const partner = { ...deps.actor, type: 'channel' as const, id: e.channelId };
  await deps.d1.batch([
    exchangeStatement(deps, deps.d1, e, id),
    auditStatement(
      deps.d1,
      partner,
      {
        hotelId: e.hotelId,
        action: `channel_message.${e.direction}`,
        entityType: 'channel_message',
        entityId: id,
        after: {
          channel_id: e.channelId,
          message_type: e.messageType,
          outcome: e.outcome,
          correlation_id: e.correlationId,
        },
        outcome: e.outcome === 'success' || e.outcome === 'warning' ? 'success' : 'failed',
        status: e.httpStatus,
      },
      deps.now(),
    ),
  ]);
  markAudited(partner);
}
