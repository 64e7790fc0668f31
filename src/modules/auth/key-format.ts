import { timingSafeEqualStrings } from '../../lib/crypto';
import { base64Url, randomToken } from '../../lib/ids';

/**
 * API keys are `whk_` + 32 characters of randomness (24 bytes, base64url) + a 16-character checksum:
 * the first 12 bytes of HMAC-SHA256 of the random part under this deployment's key-checksum secret
 * (server_secrets, see keys.service.ts). A key that fails its checksum was never issued here and is
 * refused without a database read, so made-up keys cost nothing however many arrive. Keys issued
 * before the checksum existed are `whk_` + the 32 random characters alone ("legacy"): they are
 * still looked up, and their failures are limited per client address (auth-failures.ts).
 */
export const KEY_PREFIX = 'whk_';
const RANDOM_BYTES = 24;
const RANDOM_CHARS = 32;
const CHECKSUM_BYTES = 12;
const CHECKSUM_CHARS = 16;

const LEGACY = new RegExp(`^${KEY_PREFIX}[A-Za-z0-9_-]{${RANDOM_CHARS}}$`);
const CHECKED = new RegExp(`^${KEY_PREFIX}([A-Za-z0-9_-]{${RANDOM_CHARS}})([A-Za-z0-9_-]{${CHECKSUM_CHARS}})$`);

export type KeyShape =
  | { kind: 'checked'; random: string; checksum: string }
  | { kind: 'legacy' }
  /** Neither shape: not a key this worker ever issued. */
  | { kind: 'malformed' };

export function keyShape(key: string): KeyShape {
  const checked = CHECKED.exec(key);
  if (checked?.[1] && checked[2]) return { kind: 'checked', random: checked[1], checksum: checked[2] };
  return LEGACY.test(key) ? { kind: 'legacy' } : { kind: 'malformed' };
}

export function importChecksumSecret(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
}

async function checksumOf(hmacKey: CryptoKey, random: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode(random));
  return base64Url(new Uint8Array(mac).slice(0, CHECKSUM_BYTES));
}

/** A new key with its checksum. */
export async function newKey(hmacKey: CryptoKey): Promise<string> {
  const random = randomToken(RANDOM_BYTES);
  return `${KEY_PREFIX}${random}${await checksumOf(hmacKey, random)}`;
}

/** The key carries the checksum this deployment's secret gives its random part. */
export async function checksumValid(hmacKey: CryptoKey, shape: { random: string; checksum: string }): Promise<boolean> {
  return timingSafeEqualStrings(await checksumOf(hmacKey, shape.random), shape.checksum);
}
