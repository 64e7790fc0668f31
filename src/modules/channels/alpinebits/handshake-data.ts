import { z } from 'zod';
import { ALPINEBITS_VERSIONS, type AlpineBitsVersion } from './session';

/**
 * The handshake's JSON (in OTA_PingRQ's EchoData and the answer's ALPINEBITS_HANDSHAKE warning):
 * versions, each with the actions (`action_OTA_…`) and, per action, the capabilities it `supports`.
 * Bounded so a hostile EchoData cannot make the intersection expensive.
 */
const Name = z.string().min(1).max(200);
export const HandshakeJson = z.object({
  versions: z
    .array(
      z.object({
        version: Name,
        actions: z
          .array(z.object({ action: Name, supports: z.array(Name).max(200).optional() }))
          .max(200)
          .optional(),
      }),
    )
    .max(50),
});
export type HandshakeJson = z.infer<typeof HandshakeJson>;
export type HandshakeVersion = HandshakeJson['versions'][number];

/** What this server implements: per version, each handshake action name and its capabilities. */
export type ServerOffer = ReadonlyMap<AlpineBitsVersion, ReadonlyMap<string, readonly string[]>>;

/**
 * The intersection the handshake answers with (pure): the versions both sides speak, newest first;
 * in each, the actions both implement, with the capabilities both support (in the client's order;
 * `supports` left out when none is common, as the spec's samples do). Versions without a common action
 * are still listed when both speak them, so the client learns the version.
 */
export function intersectHandshake(client: HandshakeJson, server: ServerOffer): HandshakeVersion[] {
  const out: HandshakeVersion[] = [];
  for (const version of ALPINEBITS_VERSIONS) {
    const ours = server.get(version);
    const theirs = client.versions.find((v) => v.version === version);
    if (!ours || !theirs) continue;
    const actions: NonNullable<HandshakeVersion['actions']> = [];
    const seen = new Set<string>();
    for (const { action, supports } of theirs.actions ?? []) {
      const capabilities = ours.get(action);
      if (!capabilities || seen.has(action)) continue;
      seen.add(action);
      const common = [...new Set((supports ?? []).filter((s) => capabilities.includes(s)))];
      actions.push(common.length > 0 ? { action, supports: common } : { action });
    }
    out.push({ version, actions });
  }
  return out;
}

/** The EchoData of a handshake request as JSON, or the reason it is not the handshake's JSON. */
export function readHandshakeJson(echoData: string): { ok: true; value: HandshakeJson } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(echoData);
  } catch {
    return { ok: false, error: 'EchoData is not JSON' };
  }
  const parsed = HandshakeJson.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `EchoData: ${issue?.path.join('.') || 'the JSON'} ${issue?.message ?? 'is invalid'}` };
  }
  return { ok: true, value: parsed.data };
}
