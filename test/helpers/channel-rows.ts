import { env } from 'cloudflare:workers';
import { createDb } from '../../src/db';
import { type ChannelProvider, channelMappings } from '../../src/modules/channels/channels.table';
import { OTA_NS } from '../../src/modules/channels/xml/xml';
import { insertChannel as insertChannelRow } from './transport-channels';

export const OTA_TEST_URL = 'http://ota.test';
export const PARTNER_LOGIN = { username: 'wehub-hotel', password: 's3cret:pass' };

/** An enabled ota_xml channel row straight in D1 (transport-channels.ts), at the ARI partner of these tests. */
export async function insertChannel(
  hotelId: string,
  options: { provider?: ChannelProvider; enabled?: boolean; hotelCode?: string; endpointUrl?: string } = {},
): Promise<{ id: string; hotelId: string }> {
  const row = await insertChannelRow(hotelId, {
    name: 'Test OTA',
    endpointUrl: `${OTA_TEST_URL}/ari`,
    credentials: PARTNER_LOGIN,
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  });
  return { id: row.id, hotelId };
}

export async function insertMapping(
  channelId: string,
  roomTypeId: string,
  ratePlanId: string,
  codes: { room: string; rate: string },
): Promise<void> {
  await createDb(env.DB)
    .insert(channelMappings)
    .values({ channelId, roomTypeId, ratePlanId, channelRoomCode: codes.room, channelRateCode: codes.rate });
}

export type PartnerAnswerKind = 'success' | 'warnings' | 'errors' | number;
export type ReceivedMessage = { root: string; xml: string; authorization: string | null; url: string };

/**
 * A small OTA partner for ARI: records every message and answers with the matching …RS — `<Success/>`
 * unless the test scripted otherwise (warnings, OTA Errors, or an HTTP status with a non-OTA body).
 * `beforeAnswer` runs before an answer is given (e.g. to change our state between a send and its retry).
 */
export function ariPartner() {
  const received: ReceivedMessage[] = [];
  const script: { kind: PartnerAnswerKind; beforeAnswer?: () => Promise<void> }[] = [];
  let always: PartnerAnswerKind | null = null;
  const handler = async (request: Request): Promise<Response> => {
    const xml = await request.text();
    const root = /<(?:\w+:)?(OTA_\w+)[\s>/]/.exec(xml)?.[1] ?? 'unknown';
    received.push({ root, xml, authorization: request.headers.get('authorization'), url: request.url });
    const next = script.shift();
    await next?.beforeAnswer?.();
    const kind = next?.kind ?? always ?? 'success';
    const rs = root.replace(/RQ$/, 'RS');
    const answer = (inner: string, status = 200) =>
      new Response(
        `<?xml version="1.0" encoding="UTF-8"?><${rs} xmlns="${OTA_NS}" Version="1.0" TimeStamp="${new Date().toISOString()}">${inner}</${rs}>`,
        { status, headers: { 'content-type': 'text/xml' } },
      );
    if (typeof kind === 'number') return new Response('<html>upstream unavailable</html>', { status: kind });
    if (kind === 'warnings') {
      return answer(
        '<Success/><Warnings><Warning Type="3" Code="392">Rate plan FLEX is not active</Warning></Warnings>',
      );
    }
    if (kind === 'errors') {
      return answer('<Errors><Error Type="3" Code="392">Invalid hotel code</Error></Errors>');
    }
    return answer('<Success/>');
  };
  return {
    handler,
    received,
    of: (root: string) => received.filter((m) => m.root === root),
    /** The next answers, in order; then `always`, else Success. */
    next: (kind: PartnerAnswerKind, beforeAnswer?: () => Promise<void>) => script.push({ kind, beforeAnswer }),
    always: (kind: PartnerAnswerKind | null) => {
      always = kind;
    },
  };
}
