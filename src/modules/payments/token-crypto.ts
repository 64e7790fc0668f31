import { base64Url } from '../../lib/ids';

/**
 * Hotels' Square tokens at rest: AES-256-GCM (WebCrypto) under the worker secret
 * PAYMENT_TOKEN_ENCRYPTION_KEY (base64 of 32 bytes), a fresh random 96-bit IV per value, and the hotel's
 * id as additional authenticated data — a ciphertext copied into another hotel's row does not decrypt.
 *
 * Stored form: `v1.<iv>.<ciphertext+tag>` (base64url). The version names the key generation, so a
 * later key can be introduced as `v2` while `v1` values are still read and re-encrypted on refresh.
 */
const VERSION = 'v1';
const encoder = new TextEncoder();

export type TokenDecryption =
  | { ok: true; value: string }
  | { ok: false; error: 'malformed' | 'unknown_version' | 'forged' };

// One imported key per isolate and key text: importKey on every payment would be wasted work.
const imported = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = imported.get(secret);
  if (!key) {
    const raw = Uint8Array.from(atob(secret), (ch) => ch.charCodeAt(0));
    if (raw.byteLength !== 32) throw new Error('PAYMENT_TOKEN_ENCRYPTION_KEY must be base64 of 32 bytes');
    key = crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
    imported.set(secret, key);
  }
  return key;
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const padded = text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4);
    return Uint8Array.from(atob(padded), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

export async function encryptToken(secret: string, hotelId: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(hotelId) },
    await keyFor(secret),
    encoder.encode(plaintext),
  );
  return `${VERSION}.${base64Url(iv)}.${base64Url(new Uint8Array(sealed))}`;
}

export async function decryptToken(secret: string, hotelId: string, stored: string): Promise<TokenDecryption> {
  const [version, ivText, sealedText, ...rest] = stored.split('.');
  if (rest.length > 0 || ivText === undefined || sealedText === undefined) return { ok: false, error: 'malformed' };
  if (version !== VERSION) return { ok: false, error: 'unknown_version' };
  const iv = fromBase64Url(ivText);
  const sealed = fromBase64Url(sealedText);
  if (iv?.byteLength !== 12 || !sealed || sealed.byteLength < 16) return { ok: false, error: 'malformed' };
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(hotelId) },
      await keyFor(secret),
      sealed,
    );
    return { ok: true, value: new TextDecoder().decode(plain) };
  } catch {
    // The tag did not verify: another key, another hotel's row, or altered bytes.
    return { ok: false, error: 'forged' };
  }
}
