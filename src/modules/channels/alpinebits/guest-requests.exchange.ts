import type { Deps } from '../../../deps';
import { integrationsOf } from '../../integrations/integrations.service';
import type { ChannelMessageRow, ChannelRow } from '../channels.table';
import { logAlpineBits } from './exchange';
import type { AlpineBitsAnswer, AlpineBitsSession } from './session';

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
 * Records one GuestRequests exchange (exchange.ts logAlpineBits: the chosen channel's log with its audit
 * row, else every channel the client authenticated for); the message type is the action
 * (`OTA_Read:GuestRequests`).
 */
export async function logExchange(session: AlpineBitsSession, channel: ChannelRow | null, logged: Logged) {
  await logAlpineBits(session, channel, {
    messageType: logged.action,
    request: logged.request,
    answer: logged.answer,
    outcome: logged.outcome,
    startedAt: logged.started,
    detail: logged.detail,
  });
}
