import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { hmacSha256, timingSafeEqualBytes } from '../../lib/crypto';
import { base64Url } from '../../lib/ids';
import { guests } from '../reservations/reservations.table';
import { emailSuppressions } from './campaigns.table';

/**
 * Unsubscribe tokens: `v1.<base64url(hotel id \n email)>.<base64url(HMAC-SHA256)>` under
 * JWT_SIGNING_SECRET. The MAC covers a purpose prefix, so no other use of that secret (JWTs sign
 * `header.payload` strings) yields a valid token. No expiry: the link in a mail must work for years;
 * the version lets the format change without honouring old links wrongly.
 */
const VERSION = 'v1';
const PURPOSE = 'wehub-email-unsubscribe';
const encoder = new TextEncoder();

export type Unsubscriber = { hotelId: string; email: string };

function mac(secret: string, who: Unsubscriber) {
  return hmacSha256(secret, `${PURPOSE}\n${VERSION}\n${who.hotelId}\n${who.email}`);
}

export async function unsubscribeToken(secret: string, who: Unsubscriber): Promise<string> {
  const payload = base64Url(encoder.encode(`${who.hotelId}\n${who.email}`));
  return `${VERSION}.${payload}.${base64Url(new Uint8Array(await mac(secret, who)))}`;
}

/**
 * Only the canonical spelling: a last character that differs only in the unused low bits decodes to the
 * same bytes, and a token must have exactly one accepted form.
 */
function fromBase64Url(value: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) return null;
  const padded = value.replaceAll('-', '+').replaceAll('_', '/');
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(padded + '='.repeat((4 - (padded.length % 4)) % 4)), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
  return base64Url(bytes) === value ? bytes : null;
}

/** Who a token unsubscribes, or null when it is malformed, of another version, or its MAC does not match. */
export async function readUnsubscribeToken(secret: string, token: string): Promise<Unsubscriber | null> {
  const [version, payload, signature, ...rest] = token.split('.');
  if (version !== VERSION || payload === undefined || signature === undefined || rest.length > 0) return null;
  const bytes = fromBase64Url(payload);
  const given = fromBase64Url(signature);
  if (!bytes || !given) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
  const [hotelId, email, ...more] = text.split('\n');
  if (!hotelId || !email || more.length > 0) return null;
  const who = { hotelId, email };
  return timingSafeEqualBytes(given, await mac(secret, who)) ? who : null;
}

/** The token's guest, or 400 (a link that was altered or cut short in transit). */
export async function requireUnsubscriber(secret: string | undefined, token: string | undefined) {
  if (!secret) throw new AppError('service_unavailable', 'Unsubscribe links are not configured (JWT_SIGNING_SECRET).');
  const who = token ? await readUnsubscribeToken(secret, token) : null;
  if (!who) throw new AppError('validation_failed', 'The unsubscribe link is not valid (altered or incomplete).');
  return who;
}

/**
 * Records the opt-out: the address is suppressed for the hotel and the guest's consent is withdrawn.
 * Doing it again changes nothing (the first suppression and its reason stay).
 */
export async function unsubscribe(db: Db, who: Unsubscriber, now: Date): Promise<void> {
  await db.batch([
    db
      .insert(emailSuppressions)
      .values({ hotelId: who.hotelId, email: who.email, reason: 'unsubscribe', createdAt: now })
      .onConflictDoNothing(),
    db
      .update(guests)
      .set({ marketingOptIn: false, updatedAt: now })
      .where(and(eq(guests.hotelId, who.hotelId), eq(guests.email, who.email), eq(guests.marketingOptIn, true))),
  ]);
}

/** The addresses of `emails` (lower-cased) that the hotel must not send marketing to. */
export async function suppressedAmong(db: Db, hotelId: string, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .select({ email: emailSuppressions.email })
    .from(emailSuppressions)
    .where(and(eq(emailSuppressions.hotelId, hotelId), inArray(emailSuppressions.email, emails)))
    .all();
  return new Set(rows.map((r) => r.email));
}
