// Prefixed, time-ordered ids (ULID layout: 48-bit ms timestamp + 80 random bits, Crockford base32),
// so that sorting by id is sorting by creation time and cursors can be plain ids.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const ID_PREFIXES = {
  hotel: 'htl',
  roomType: 'rt',
  ratePlan: 'rp',
  apiKey: 'key',
  reservation: 'res',
  guest: 'gst',
  event: 'evt',
  deadLetter: 'dlq',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export function ulid(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b % 32];
  return time + rand;
}

export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${ulid().toLowerCase()}`;
}

/** Random url-safe token of `bytes` bytes of entropy (API keys, secrets, confirmation numbers). */
export function randomToken(bytes: number): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
}
