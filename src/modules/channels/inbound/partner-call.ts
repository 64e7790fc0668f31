import type { Deps } from '../../../deps';
import { recordExchange } from '../channel-log';
import type { ChannelContext, OutgoingRequest, PartnerAnswer } from '../domain';
import { MAX_INBOUND_XML_BYTES } from '../xml/xml';

/** What came back from one request to a channel: a body we may read, or why there is none. */
export type CallResult =
  | { ok: true; status: number; body: string; durationMs: number }
  | { ok: false; status: number | null; body: string | null; durationMs: number; error: string };

/**
 * One request to a channel through the outbound client (service `ota:<provider>`, OTA_TIMEOUT_MS, no
 * redirects). A 2xx body is read up to MAX_INBOUND_XML_BYTES within what is left of the timeout: a
 * partner that sends more, or stalls mid-body, gave no usable answer (never a half-read batch).
 */
export async function callChannel(deps: Deps, ctx: ChannelContext, request: OutgoingRequest): Promise<CallResult> {
  const result = await deps.outbound({
    service: `ota:${ctx.channel.provider}`,
    hotelId: ctx.channel.hotelId,
    url: request.url,
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    timeoutMs: deps.config.OTA_TIMEOUT_MS,
    paceKey: ctx.channel.id,
  });
  if (!result.ok) return { ok: false, status: null, body: null, durationMs: result.durationMs, error: result.error };
  const read = await readBounded(result.response, MAX_INBOUND_XML_BYTES, result.bodyDeadline - Date.now());
  const base = { status: result.status, durationMs: result.durationMs };
  if (!read.complete) return { ok: false, ...base, body: read.text, error: read.reason };
  if (result.outcome !== 'ok') return { ok: false, ...base, body: read.text, error: `HTTP ${result.status}` };
  return { ok: true, ...base, body: read.text };
}

/** Records one outbound exchange in the channel's message log (bodies redacted there). */
export async function recordCall(
  deps: Deps,
  ctx: ChannelContext,
  request: OutgoingRequest,
  call: CallResult,
  answer: { outcome: PartnerAnswer['outcome'] | 'failed'; detail: string | null },
): Promise<void> {
  await recordExchange(deps, {
    channelId: ctx.channel.id,
    hotelId: ctx.channel.hotelId,
    direction: 'outbound',
    messageType: request.messageType,
    outcome: answer.outcome,
    httpStatus: call.status,
    durationMs: call.durationMs,
    correlationId: request.correlationId,
    request: request.body ?? `${request.method} ${request.url}`,
    response: call.body,
    detail: answer.detail,
  });
}

/** A partner answer's issues in words for the log and last_error (codes and texts, no guest data). */
export function describeAnswer(answer: PartnerAnswer): string | null {
  const issues = answer.outcome === 'error' ? answer.errors : answer.warnings;
  if (issues.length === 0) return null;
  return issues
    .map((i) => [i.type && `EWT ${i.type}`, i.code && `ERR ${i.code}`, i.text].filter(Boolean).join(' '))
    .join('; ');
}

export type Read = { complete: true; text: string } | { complete: false; text: string | null; reason: string };

/**
 * A partner's answer body, at most `limit` bytes and within `withinMs`: every read of a partner's body
 * goes through here, so a partner (or a hotel's URL) that answers gigabytes cannot exhaust the isolate.
 */
export async function readBounded(response: Response, limit: number, withinMs: number): Promise<Read> {
  if (!response.body) return { complete: true, text: '' };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), Math.max(0, withinMs));
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), late]);
      if (next === 'late') return { complete: false, text: null, reason: 'the answer did not arrive in time' };
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limit) return { complete: false, text: null, reason: `the answer is larger than ${limit} bytes` };
      chunks.push(next.value);
    }
  } catch {
    return { complete: false, text: null, reason: 'the answer was cut off' };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { complete: true, text: new TextDecoder().decode(all) };
}
