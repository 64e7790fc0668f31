import { hmacSha256, timingSafeEqualBytes } from '../../lib/crypto';
import { base64Url } from '../../lib/ids';

/** A signed /status link lives at most a week: a leaked link stops working on its own. */
export const STATUS_LINK_MAX_SECONDS = 7 * 24 * 3600;
export const STATUS_LINK_DEFAULT_SECONDS = 24 * 3600;

// A key of its own, derived from the token signing secret, so a status signature is never a valid
// signature of anything else made with that secret (and rotating the secret revokes every link).
const KEY_LABEL = 'wehub status-link v1';

async function linkSignature(secret: string, expires: number): Promise<Uint8Array> {
  const key = new Uint8Array(await hmacSha256(secret, KEY_LABEL));
  return new Uint8Array(await hmacSha256(key, `status:${expires}`));
}

/** The query string of a link valid until `expires` (Unix seconds). */
export async function statusLinkQuery(secret: string, expires: number): Promise<string> {
  return `expires=${expires}&signature=${base64Url(await linkSignature(secret, expires))}`;
}

export type StatusLinkCheck = { ok: true; expires: number } | { ok: false; reason: string };

/** Checks a link's `expires` and `signature` query values at `now` (Unix seconds). */
export async function checkStatusLink(
  secret: string,
  query: { expires?: string | undefined; signature?: string | undefined },
  now: number,
): Promise<StatusLinkCheck> {
  const { expires: rawExpires, signature } = query;
  if (!rawExpires || !signature) return { ok: false, reason: 'The link lacks its expiry or signature.' };
  if (!/^\d{1,12}$/.test(rawExpires)) return { ok: false, reason: 'The link expiry is malformed.' };
  const expires = Number(rawExpires);
  const expected = base64Url(await linkSignature(secret, expires));
  if (!timingSafeEqualBytes(new TextEncoder().encode(signature), new TextEncoder().encode(expected))) {
    return { ok: false, reason: 'The link signature does not match.' };
  }
  if (expires <= now) return { ok: false, reason: 'The link has expired.' };
  // Links are signed for at most a week; a longer one was not made by this worker's rules.
  if (expires > now + STATUS_LINK_MAX_SECONDS) return { ok: false, reason: 'The link outlives the maximum of 7 days.' };
  return { ok: true, expires };
}
