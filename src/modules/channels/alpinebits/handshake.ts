import { buildXml, parseXml, textOf } from '../xml/xml';
import { abRoot } from './answer';
import { logAlpineBits } from './exchange';
import { intersectHandshake, readHandshakeJson, type ServerOffer } from './handshake-data';
import { ALPINEBITS_VERSIONS, type AlpineBitsAnswer, type AlpineBitsSession, alpineBitsError } from './session';

const ACTION = 'OTA_Ping:Handshaking';

/**
 * `OTA_Ping:Handshaking`: OTA_PingRQ carries in EchoData the JSON of the versions, actions and
 * capabilities the client implements; OTA_PingRS answers with Success, a Warning Type 11 Status
 * ALPINEBITS_HANDSHAKE holding the intersection with `offer`, and the EchoData echoed back.
 *
 * Versions are negotiated from the JSON, not from X-AlpineBits-ClientProtocolVersion: the spec lets
 * a server fulfil a handshake whose header names a version it does not speak when the JSON lists one
 * it does (a client's first contact), so the header may be missing or unknown here — every other
 * action requires one we speak. With no version in common the request is refused (400 `ERROR:`),
 * naming the versions we speak. The PingRS is the same element in 2022-10 and 2024-10.
 */
export async function answerHandshake(
  session: AlpineBitsSession,
  request: string | null,
  offer: ServerOffer,
): Promise<AlpineBitsAnswer> {
  const startedAt = Date.now();
  const result = handshake(session, request, offer);
  await logAlpineBits(session, null, {
    messageType: result.messageType,
    request,
    answer: result.answer,
    outcome: result.answer.status === 200 ? 'success' : 'error',
    startedAt,
    detail: result.detail,
  });
  return result.answer;
}

type Handshake = { answer: AlpineBitsAnswer; messageType: string; detail: string | null };

function handshake(session: AlpineBitsSession, request: string | null, offer: ServerOffer): Handshake {
  const refuse = (text: string, messageType = ACTION): Handshake => ({
    answer: alpineBitsError(400, text),
    messageType,
    detail: text,
  });
  if (request === null || request.trim() === '') return refuse('the request field with OTA_PingRQ is missing');
  const parsed = parseXml(request);
  if (!parsed.ok) return refuse(parsed.refusal.message);
  if (parsed.root !== 'OTA_PingRQ') return refuse(`expected OTA_PingRQ, got ${parsed.root}`, parsed.root);
  const echoData = textOf(parsed.node.EchoData);
  if (echoData === undefined || echoData === '') return refuse('OTA_PingRQ has no EchoData', parsed.root);
  const json = readHandshakeJson(echoData);
  if (!json.ok) return refuse(json.error, parsed.root);
  const versions = intersectHandshake(json.value, offer);
  if (versions.length === 0) {
    return refuse(`no AlpineBits version in common; this server speaks ${ALPINEBITS_VERSIONS.join(', ')}`, parsed.root);
  }
  const body = buildXml('OTA_PingRS', {
    ...abRoot(session.deps.now()),
    Success: '',
    Warnings: {
      Warning: [{ '@Type': '11', '@Status': 'ALPINEBITS_HANDSHAKE', '#text': JSON.stringify({ versions }) }],
    },
    EchoData: echoData,
  });
  return {
    answer: { status: 200, body, xml: true },
    messageType: parsed.root,
    detail: `agreed: ${versions.map((v) => v.version).join(', ')}`,
  };
}
