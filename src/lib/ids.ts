import { base64 } from './crypto';

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
  webhookEndpoint: 'whe',
  webhookDelivery: 'whd',
  webhookAttempt: 'wha',
  payment: 'pay',
  refund: 'rfd',
  dispute: 'dsp',
  guestCard: 'card',
  paymentOauthState: 'pos',
  email: 'eml',
  campaign: 'cmp',
  channel: 'chn',
  channelMessage: 'chm',
  channelReservation: 'chr',
  oauthClient: 'oac',
  oauthGrant: 'ogr',
  auditLog: 'aud',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

// The last id's time and random digits. Within one millisecond (and workerd's clock only advances
// across I/O, so many ids share one) the next id counts up from the last one, ULID's monotonic mode:
// ids minted by an isolate sort in creation order, and newest-first lists never tie on a timestamp.
let lastTime = -1;
let lastRandom: number[] = [];

function randomDigits(): number[] {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b % 32);
}

/** The digits plus one, or null when all 80 bits are already set. */
function increment(digits: readonly number[]): number[] | null {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    if ((next[i] as number) < 31) {
      next[i] = (next[i] as number) + 1;
      return next;
    }
    next[i] = 0;
  }
  return null;
}

export function ulid(now = Date.now()): string {
  let time = now;
  let random: number[] | null = null;
  if (time <= lastTime) {
    time = lastTime;
    random = increment(lastRandom);
    if (!random) time += 1;
  }
  random ??= randomDigits();
  lastTime = time;
  lastRandom = random;
  let prefix = '';
  let t = time;
  for (let i = 0; i < 10; i++) {
    prefix = ALPHABET[t % 32] + prefix;
    t = Math.floor(t / 32);
  }
  return prefix + random.map((d) => ALPHABET[d]).join('');
}

export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${ulid().toLowerCase()}`;
}

/** Unpadded base64url (RFC 4648 §5) of `bytes`. */
export function base64Url(bytes: Uint8Array): string {
  return base64(bytes).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

/** Random url-safe token of `bytes` bytes of entropy (API keys, secrets, confirmation numbers). */
export function randomToken(bytes: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}
