import type { Deps } from '../../deps';
import { newId } from '../../lib/ids';
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
): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO channel_messages (id, channel_id, hotel_id, direction, message_type, outcome, http_status,
         duration_ms, correlation_id, request, response, detail, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      newId('channelMessage'),
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

export async function recordExchange(deps: Pick<Deps, 'now' | 'd1'>, e: Exchange): Promise<void> {
  await exchangeStatement(deps, deps.d1, e).run();
}
