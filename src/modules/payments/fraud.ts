import type { Config } from '../../config';
import { AppError } from '../../errors';

/**
 * Velocity limits: payment attempts (every payments row, failed ones too) per window, counted per
 * reservation, guest email, card fingerprint and client address. The counts are read before the attempt
 * is written, so concurrent attempts can pass a limit by the few that race; the limit is a brake on
 * card testing, not a ledger guard.
 */
export const VELOCITY_LIMITS = ['reservation', 'email', 'card', 'client'] as const;
export type VelocityLimit = (typeof VELOCITY_LIMITS)[number];

export type AttemptKeys = {
  reservationId: string;
  email: string | null;
  fingerprint: string | null;
  clientIp: string | null;
};

/** Attempts in the window and when the oldest of them was made (ms), per limit. */
export type AttemptCounts = Record<VelocityLimit, { count: number; oldest: number | null }>;

function maxima(config: Config): Record<VelocityLimit, number> {
  return {
    reservation: config.PAYMENT_VELOCITY_PER_RESERVATION,
    email: config.PAYMENT_VELOCITY_PER_EMAIL,
    card: config.PAYMENT_VELOCITY_PER_CARD,
    client: config.PAYMENT_VELOCITY_PER_CLIENT,
  };
}

/** The first limit this attempt would exceed, and when a slot frees (the oldest attempt leaves the window). */
export function velocityBreach(
  counts: AttemptCounts,
  config: Config,
  now: Date,
): { limit: VelocityLimit; retryAfterSeconds: number } | null {
  const max = maxima(config);
  const windowMs = config.PAYMENT_VELOCITY_WINDOW_SECONDS * 1000;
  for (const limit of VELOCITY_LIMITS) {
    const { count, oldest } = counts[limit];
    if (count < max[limit]) continue;
    const frees = (oldest ?? now.getTime()) + windowMs - now.getTime();
    return { limit, retryAfterSeconds: Math.max(1, Math.ceil(frees / 1000)) };
  }
  return null;
}

const COUNT = (column: string, param: string) =>
  `(SELECT COUNT(*) FROM payments WHERE ${column} = ${param} AND created_at >= ?5),
   (SELECT MIN(created_at) FROM payments WHERE ${column} = ${param} AND created_at >= ?5)`;

export async function countAttempts(d1: D1Database, keys: AttemptKeys, since: Date): Promise<AttemptCounts> {
  const row = await d1
    .prepare(
      `SELECT ${COUNT('reservation_id', '?1')}, ${COUNT('guest_email', '?2')},
              ${COUNT('card_fingerprint', '?3')}, ${COUNT('client_ip', '?4')}`,
    )
    .bind(keys.reservationId, keys.email, keys.fingerprint, keys.clientIp, since.getTime())
    .raw<(number | null)[]>();
  const v = row[0] ?? [];
  const at = (i: number) => ({ count: Number(v[i] ?? 0), oldest: v[i + 1] === null ? null : Number(v[i + 1]) });
  // A NULL key (no email, fingerprint or address known) matches nothing: `= NULL` is never true.
  return { reservation: at(0), email: at(2), card: at(4), client: at(6) };
}

export async function enforceVelocity(deps: { d1: D1Database; config: Config; now: () => Date }, keys: AttemptKeys) {
  const now = deps.now();
  const since = new Date(now.getTime() - deps.config.PAYMENT_VELOCITY_WINDOW_SECONDS * 1000);
  const breach = velocityBreach(await countAttempts(deps.d1, keys, since), deps.config, now);
  if (breach) {
    throw new AppError(
      'payment_velocity_exceeded',
      `Too many payment attempts for this ${breach.limit}; try again in ${breach.retryAfterSeconds} s.`,
      { limit: breach.limit, headers: { 'Retry-After': String(breach.retryAfterSeconds) } },
    );
  }
}

/** The card's fingerprint before Square sees it: known only for a card on file (guest_cards). */
export async function knownFingerprint(d1: D1Database, hotelId: string, sourceId: string): Promise<string | null> {
  if (!sourceId.startsWith('ccof:')) return null;
  const row = await d1
    .prepare('SELECT fingerprint FROM guest_cards WHERE square_card_id = ? AND hotel_id = ?')
    .bind(sourceId, hotelId)
    .first<{ fingerprint: string | null }>();
  return row?.fingerprint ?? null;
}
