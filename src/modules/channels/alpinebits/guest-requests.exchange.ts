import type { Deps } from '../../../deps';
import { integrationsOf } from '../../integrations/integrations.service';
import { recordExchange } from '../channel-log';
import type { ChannelMessageRow, ChannelRow } from '../channels.table';
import type { AlpineBitsAnswer, AlpineBitsSession } from './session';

/**
 * The deps an action works with once the message chose its channel: the changes it makes (imports,
 * their events and audit rows) are the channel's, and the request's metrics and audit trail name the
 * channel's hotel.
 */
export function speakingFor(session: AlpineBitsSession, channel: ChannelRow): Deps {
  return session.actAs(channel);
}

/**
 * The channel an exchange is logged under: the one the message chose, else the client's only one. A
 * message of a client with several channels that named none of them is not any channel's to log.
 */
export function logChannel(session: AlpineBitsSession, chosen: ChannelRow | null): ChannelRow | null {
  if (chosen !== null) return chosen;
  const [only] = session.channels;
  return session.channels.length === 1 && only ? only : null;
}

/**
 * Whether the channel's hotel has OTA connectivity turned off. Then a message for it is answered 503
 * (send again), as OTA pushes are (inbound/push.routes.ts): the switch stops guest data leaving and
 * bookings coming in, and a client retrying loses nothing once it is back on.
 */
export async function otaOff(deps: Pick<Deps, 'config' | 'd1'>, channel: ChannelRow): Promise<boolean> {
  return !(await integrationsOf(deps, deps.d1, channel.hotelId)).ota_integration.enabled;
}

export const OTA_OFF_TEXT = 'OTA connectivity is turned off for this hotel; send again later.';

/** An XML answer (HTTP 200, also for an Errors body: the client reads it as the action's result). */
export function xmlAnswer(body: string): AlpineBitsAnswer {
  return { status: 200, body, xml: true };
}

type Logged = {
  action: string;
  started: number;
  request: string | null;
  answer: AlpineBitsAnswer;
  outcome: ChannelMessageRow['outcome'];
  detail: string | null;
};

/**
 * Records one AlpineBits exchange in the channel's message log (bodies redacted as every channel
 * message is) and the audit trail; the message type is the action (`OTA_Read:GuestRequests`).
 */
export async function logExchange(
  session: AlpineBitsSession,
  channel: ChannelRow | null,
  logged: Logged,
): Promise<void> {
  const row = logChannel(session, channel);
  if (row === null) {
    session.deps.log.warn('alpinebits message of no channel', { action: logged.action, detail: logged.detail });
    return;
  }
  const deps = channel === null ? session.deps : speakingFor(session, row);
  await recordExchange(deps, {
    channelId: row.id,
    hotelId: row.hotelId,
    direction: 'inbound',
    messageType: logged.action,
    outcome: logged.outcome,
    httpStatus: logged.answer.status,
    durationMs: Date.now() - logged.started,
    correlationId: null,
    request: logged.request,
    response: logged.answer.body,
    detail: logged.detail,
  });
}
