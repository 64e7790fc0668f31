import type { Deps } from '../../../deps';
import { errorFields } from '../../../lib/log';
import { recordExchange } from '../channel-log';
import { channelContext } from '../channels.repo';
import type { ChannelRow } from '../channels.table';
import { ERR, EWT, issueForRefusal, type OtaIssue, otaErrors, ROUTE_ISSUES, sniffRequestRoot } from '../xml/errors';
import { answerPing } from '../xml/ping';
import { RES_NOTIF_ROOTS } from '../xml/res-notif';
import { attr, parseXml, type XmlNode } from '../xml/xml';
import { markAcknowledged, type PullTools } from './pull.service';

/** What the partner gets back: always an OTA body, never problem+json, never a 500. */
export type PushReply = { status: 200 | 400 | 403 | 413 | 503; body: string; outcome: 'success' | 'error' };

/** The request root an answer is built for when the message names none we know (or none at all). */
export const DEFAULT_REQUEST_ROOT = 'OTA_HotelResNotifRQ';
const PING_ROOT = 'OTA_PingRQ';

type Answer =
  | { ok: true; body: string; detail: string | null }
  | { ok: false; status: Exclude<PushReply['status'], 200>; issue: OtaIssue };

/**
 * A partner's push to an authenticated channel: OTA_PingRQ → OTA_PingRS; OTA_HotelResNotifRQ /
 * OTA_HotelResModifyNotifRQ → the whole message imported, then the RS with our confirmation numbers
 * (the adapter's answerPush); anything else → an OTA Errors body. A message is read completely before
 * anything is imported, so a bad one imports nothing. Every exchange goes to the channel's message log.
 */
export async function receivePush(deps: Deps, row: ChannelRow, text: string, tools: PullTools): Promise<PushReply> {
  const started = Date.now();
  const parsed = parseXml(text);
  const root = parsed.ok ? parsed.root : sniffRequestRoot(text, DEFAULT_REQUEST_ROOT);
  const echoToken = parsed.ok ? (attr(parsed.node, 'EchoToken') ?? null) : null;
  const answer: Answer = parsed.ok
    ? await answerMessage(deps, row, { text, root, echoToken, node: parsed.node }, tools)
    : { ok: false, status: parsed.refusal.reason === 'too_large' ? 413 : 400, issue: issueForRefusal(parsed.refusal) };
  const known = RES_NOTIF_ROOTS.some((r) => r === root) || root === PING_ROOT;
  const reply: PushReply = answer.ok
    ? { status: 200, body: answer.body, outcome: 'success' }
    : {
        status: answer.status,
        body: otaErrors(known ? root : DEFAULT_REQUEST_ROOT, [answer.issue], echoToken),
        outcome: 'error',
      };
  await recordExchange(deps, {
    channelId: row.id,
    hotelId: row.hotelId,
    direction: 'inbound',
    messageType: parsed.ok ? root : 'unreadable',
    outcome: reply.outcome,
    httpStatus: reply.status,
    durationMs: Date.now() - started,
    correlationId: echoToken,
    request: text,
    response: reply.body,
    detail: answer.ok ? answer.detail : `EWT ${answer.issue.type} ERR ${answer.issue.code}: ${answer.issue.text}`,
  });
  return reply;
}

type Message = { text: string; root: string; echoToken: string | null; node: XmlNode };

async function answerMessage(deps: Deps, row: ChannelRow, message: Message, tools: PullTools): Promise<Answer> {
  const { root, echoToken } = message;
  if (!row.enabled) {
    const issue = { type: EWT.authorization, code: ERR.authorizationError, text: 'This channel is disabled.' };
    return { ok: false, status: 403, issue };
  }
  if (root === PING_ROOT) return { ok: true, body: answerPing(message.node), detail: null };
  if (!RES_NOTIF_ROOTS.some((r) => r === root)) {
    const issue = {
      type: EWT.noImplementation,
      code: ERR.serviceRequestedIncorrect,
      text: `${root} is not accepted here.`,
    };
    return { ok: false, status: 400, issue };
  }
  const adapter = tools.adapterFor(row.provider);
  const batch = adapter.readPushed(message.text);
  if (!batch.ok) return { ok: false, status: 400, issue: issueForRefusal(batch.refusal) };
  try {
    const ctx = await channelContext(deps, row);
    const outcomes = await tools.importBatch(deps, ctx, batch.reservations);
    await markAcknowledged(deps, row.id, outcomes);
    const body = adapter.answerPush(batch.message?.root ?? root, batch.message?.echoToken ?? echoToken, outcomes);
    return { ok: true, body, detail: `${outcomes.length} reservation(s)` };
  } catch (err) {
    // The partner is told to send it again; the import is idempotent, so what it did store is not doubled.
    deps.log.error('channel push not imported', { channel_id: row.id, ...errorFields(err) });
    return { ok: false, status: 503, issue: ROUTE_ISSUES.systemError };
  }
}
