import { base64, hmacSha256, timingSafeEqualBytes } from '../../lib/crypto';

/**
 * Square signs a notification as base64(HMAC-SHA256(signature key, notification URL + raw body)) in
 * `x-square-hmacsha256-signature` (Square: "Validate notifications"). The URL is the subscription's,
 * exactly as Square calls it, so a signature only fits the URL it was made for.
 */
export const SQUARE_SIGNATURE_HEADER = 'x-square-hmacsha256-signature';

/**
 * The URLs a notification may have been signed for. SQUARE_WEBHOOK_NOTIFICATION_URL, when set, is the
 * only one (the subscription's URL, e.g. behind a tunnel or a proxy that rewrites the host). Otherwise
 * the request URL as received, and — when a proxy says the client used another scheme or host
 * (`X-Forwarded-Proto`/`X-Forwarded-Host`, or wrangler dev's `MF-Original-Hostname` after it rewrote the
 * host to its upstream) — that URL too. Accepting such a variant weakens nothing: every candidate is
 * still checked against an HMAC only the holder of the key can make.
 */
export function notificationUrls(
  requestUrl: string,
  headers: { get(name: string): string | null | undefined },
  configured: string | undefined,
): string[] {
  if (configured) return [configured];
  const urls = [requestUrl];
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('mf-original-hostname')?.trim();
  if (proto === 'http' || proto === 'https' || host) {
    try {
      const url = new URL(requestUrl);
      if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
      if (host) url.host = host;
      if (!urls.includes(url.href)) urls.push(url.href);
    } catch {
      // A host header that is not a host leaves the request URL as the only candidate.
    }
  }
  return urls;
}

/** Compares in constant time, over the exact bytes received, before anything parses them. */
export async function verifySquareSignature(
  signatureKey: string,
  urls: readonly string[],
  rawBody: Uint8Array,
  sent: string | undefined,
): Promise<boolean> {
  if (!sent) return false;
  const sentBytes = new TextEncoder().encode(sent.trim());
  let ok = false;
  for (const url of urls) {
    const urlBytes = new TextEncoder().encode(url);
    const signed = new Uint8Array(urlBytes.byteLength + rawBody.byteLength);
    signed.set(urlBytes, 0);
    signed.set(rawBody, urlBytes.byteLength);
    const expected = new TextEncoder().encode(base64(await hmacSha256(signatureKey, signed)));
    // Every candidate is computed and compared: how long this takes does not say which one matched.
    ok = timingSafeEqualBytes(expected, sentBytes) || ok;
  }
  return ok;
}
