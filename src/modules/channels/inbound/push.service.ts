import type { Deps } from '../../../deps';
import { errorFields } from '../../../lib/log';
import { recordExchange } from '../channel-log';
import { channelContext } from '../channels.repo';
import type { ChannelRow } from '../channels.table';
import { attr, child, parseXml, textOf, type XmlNode, type XmlRefusal } from '../xml/xml';
import { markAcknowledged, type PullTools } from './pull.service';
import { errorsXml, type OtaIssue, pingXml } from './push-replies';

/** What the partner gets back: always an OTA body, never problem+json, never a 500. */
export type PushReply = { status: 200 | 400 | 403 | 413 | 503; body: string; outcome: 'success' | 'error' };

/** The reservation messages a partner may push, and the answer each gets. */
const RESERVATION_ROOTS: Record<string, string> = {
  OTA_HotelResNotifRQ: 'OTA_HotelResNotifRS',
  OTA_HotelResModifyNotifRQ: 'OTA_HotelResModifyNotifRS',
};
const PING_ROOT = 'OTA_PingRQ';
/** The answer root when the message could not be read (or named a root we do not take). */
export const DEFAULT_REPLY_ROOT = 'OTA_HotelResNotifRS';

const rsOf = (root: string) => RESERVATION_ROOTS[root] ?? (root === PING_ROOT ? 'OTA_PingRS' : DEFAULT_REPLY_ROOT);

/** Unreadable input: EWT 7 (protocol violation); too large is ERR 320 (invalid value), the rest 450 (unable to process). */
export function refusalIssue(refusal: XmlRefusal): OtaIssue {
  return { type: '7', code: refusal.reason === 'too_large' ? '320' : '450', text: refusal.message };
}

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
  const root = parsed.ok ? parsed.root : 'unreadable';
  const echoToken = parsed.ok ? (attr(parsed.node, 'EchoToken') ?? null) : null;
  const answer = parsed.ok
    ? await answerMessage(deps, row, { text, root, echoToken, node: parsed.node }, tools)
    : {
        ok: false as const,
        status: parsed.refusal.reason === 'too_large' ? (413 as const) : (400 as const),
        issue: refusalIssue(parsed.refusal),
      };
  const reply: PushReply = answer.ok
    ? { status: 200, body: answer.body, outcome: 'success' }
    : { status: answer.status, body: errorsXml(rsOf(root), echoToken, [answer.issue]), outcome: 'error' };
  await recordExchange(deps, {
    channelId: row.id,
    hotelId: row.hotelId,
    direction: 'inbound',
    messageType: root,
    outcome: reply.outcome,
    httpStatus: reply.status,
    durationMs: Date.now() - started,
    correlationId: echoToken,
    request: text,
    response: reply.body,
    detail: answer.ok ? answer.detail : `EWT ${answer.issue.type} ERR ${answer.issue.code} ${answer.issue.text}`,
  });
  return reply;
}

type Message = { text: string; root: string; echoToken: string | null; node: XmlNode };

async function answerMessage(deps: Deps, row: ChannelRow, message: Message, tools: PullTools): Promise<Answer> {
  const { root, echoToken } = message;
  if (!row.enabled)
    return { ok: false, status: 403, issue: { type: '6', code: '497', text: 'This channel is disabled.' } };
  if (root === PING_ROOT) {
    return { ok: true, body: pingXml(echoToken, textOf(child(message.node, 'EchoData')) ?? ''), detail: null };
  }
  if (RESERVATION_ROOTS[root] === undefined) {
    return { ok: false, status: 400, issue: { type: '2', code: '450', text: `${root} is not accepted here.` } };
  }
  const adapter = tools.adapterFor(row.provider);
  const batch = adapter.readPushed(message.text);
  if (!batch.ok) return { ok: false, status: 400, issue: refusalIssue(batch.refusal) };
  const foreign = batch.reservations.find((r) => r.hotelCode !== null && r.hotelCode !== row.hotelCode);
  if (foreign) {
    return {
      ok: false,
      status: 400,
      issue: { type: '3', code: '392', text: `Hotel code ${foreign.hotelCode} is not this channel's.` },
    };
  }
  try {
    const ctx = await channelContext(deps, row);
    const outcomes = await tools.importBatch(deps, ctx, batch.reservations);
    await markAcknowledged(deps, row.id, outcomes);
    return {
      ok: true,
      body: adapter.answerPush(root, echoToken, outcomes),
      detail: `${outcomes.length} reservation(s)`,
    };
  } catch (err) {
    // The partner is told to send it again; the import is idempotent, so what it did store is not doubled.
    deps.log.error('channel push not imported', { channel_id: row.id, ...errorFields(err) });
    return {
      ok: false,
      status: 503,
      issue: { type: '13', code: '448', text: 'The reservations could not be stored; send them again.' },
    };
  }
}
