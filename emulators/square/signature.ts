/**
 * Square's webhook signature: base64 HMAC-SHA256 over the notification URL followed by the raw body,
 * with the subscription's signature key (header `x-square-hmacsha256-signature`).
 */
export async function squareSignature(signatureKey: string, notificationUrl: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(signatureKey),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(notificationUrl + body)));
  return btoa(String.fromCharCode(...mac));
}
