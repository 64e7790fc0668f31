import { errorFields } from '../../../lib/log';
import { exchangeStatement, recordExchange } from '../channel-log';
import type { ChannelMessageRow, ChannelRow } from '../channels.table';
import type { AlpineBitsAnswer, AlpineBitsSession } from './session';

export type AbExchange = {
  /** The request's root element (`OTA_PingRQ`), or the action when the request is unreadable. */
  messageType: string;
  request: string | null;
  answer: AlpineBitsAnswer;
  outcome: ChannelMessageRow['outcome'];
  startedAt: number;
  detail: string | null;
};

/**
 * Logs an AlpineBits exchange (channel_messages, bodies redacted). A message whose HotelCode chose a
 * channel goes to that channel's log with its audit row (recordExchange); one that chose none — the
 * handshake, or a HotelCode the client may not speak for — goes to the log of each channel the client
 * authenticated for, so every hotel behind the account sees what its client sent. A log that cannot be
 * written does not change the answer the client already earned.
 */
export async function logAlpineBits(
  session: AlpineBitsSession,
  chosen: ChannelRow | null,
  e: AbExchange,
): Promise<void> {
  const { deps } = session;
  const detail = [session.clientId ? `client ${session.clientId}` : null, e.detail].filter(Boolean).join('; ');
  const row = (channel: ChannelRow) => ({
    channelId: channel.id,
    hotelId: channel.hotelId,
    direction: 'inbound' as const,
    messageType: e.messageType,
    outcome: e.outcome,
    httpStatus: e.answer.status,
    durationMs: Date.now() - e.startedAt,
    correlationId: null,
    request: e.request,
    response: e.answer.body,
    detail: detail === '' ? null : detail,
  });
  try {
    if (chosen) {
      await recordExchange(session.actAs(chosen), row(chosen));
      return;
    }
    if (session.channels.length === 0) return;
    await deps.d1.batch(session.channels.map((channel) => exchangeStatement(deps, deps.d1, row(channel))));
  } catch (err) {
    deps.log.error('alpinebits exchange not logged', { message_type: e.messageType, ...errorFields(err) });
  }
}
