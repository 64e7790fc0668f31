import type { Deps } from '../../deps';
import type { Principal } from '../../env';
import { AppError } from '../../errors';
import { todayIn } from '../../lib/dates';
import { type ConstraintKind, commitChange, unexpectedConstraint } from '../events/commit';
import type { DomainEvent } from '../events/events.schema';
import type { GuestProof } from './access';
import { cancellationFee } from './cancellation';
import { releaseUnits } from './inventory';
import { eventData, type LoadedReservation, loadReservation, loadReservations } from './reservations.repo';
import { getReservationFor } from './reservations.service';
import type { ReservationStatus } from './reservations.table';
import { canTransition, holdsInventory } from './transitions';

/**
 * The event a transition emits; its data is the reservation after it, whose `status` says which
 * (an expired hold ends the booking for subscribers just as a cancellation does).
 */
function eventTypeOf(to: ReservationStatus): 'reservation.cancelled' | 'reservation.modified' {
  return to === 'cancelled' || to === 'expired' ? 'reservation.cancelled' : 'reservation.modified';
}

type HotelTerms = { timezone: string; checkInTime: string };

/** The hotel's terms, read at most once per operation and only if a step needs them. */
function hotelTerms(session: D1DatabaseSession, hotelId: string): () => Promise<HotelTerms> {
  let terms: Promise<HotelTerms> | undefined;
  return () => {
    terms ??= readHotelTerms(session, hotelId);
    return terms;
  };
}

async function readHotelTerms(session: D1DatabaseSession, hotelId: string): Promise<HotelTerms> {
  const hotel = await session
    .prepare('SELECT timezone, policies FROM hotels WHERE id = ?')
    .bind(hotelId)
    .first<{ timezone: string; policies: string }>();
  const policies = hotel ? (JSON.parse(hotel.policies) as { check_in_time?: string }) : {};
  return { timezone: hotel?.timezone ?? 'UTC', checkInTime: policies.check_in_time ?? '15:00' };
}

function feeFor(loaded: LoadedReservation, terms: HotelTerms, now: Date): number {
  return cancellationFee({
    rooms: loaded.rooms,
    checkIn: loaded.row.checkIn,
    checkInTime: terms.checkInTime,
    timezone: terms.timezone,
    now,
  });
}

/**
 * The write of a transition: the status change guarded by the version and status it was read at, the
 * release of its units when it stops holding inventory, and its event. Channel imports put it in their
 * own batch beside the channel reservation's row.
 */
export function transitionWrite(
  session: D1DatabaseSession,
  loaded: LoadedReservation,
  to: ReservationStatus,
  fee: number | null,
  now: Date,
): { statements: D1PreparedStatement[]; event: DomainEvent; releases: boolean } {
  const { row, rooms } = loaded;
  const releases = holdsInventory(row.status) && !holdsInventory(to);
  const roomRefs = rooms.map((r) => ({ room_type_id: r.roomTypeId }));
  const cancelledAt = to === 'cancelled' || to === 'expired' ? now : row.cancelledAt;
  const after = {
    status: to,
    cancellationFee: fee,
    cancelledAt,
    holdExpiresAt: null,
    updatedAt: now,
    version: row.version + 1,
  };
  return {
    statements: [
      session
        .prepare(
          `UPDATE reservations SET status = ?, cancellation_fee = ?, cancelled_at = ?, hold_expires_at = NULL, updated_at = ?,
             version = CASE WHEN version = ? AND status = ? THEN version + 1 ELSE 0 END
           WHERE id = ?`,
        )
        .bind(to, fee, cancelledAt?.getTime() ?? null, now.getTime(), row.version, row.status, row.id),
      ...(releases ? releaseUnits(session, roomRefs, row.checkIn, row.checkOut) : []),
    ],
    event: { type: eventTypeOf(to), hotelId: row.hotelId, subjectId: row.id, data: eventData(loaded, after) },
    releases,
  };
}

/**
 * Moves a reservation to `to` in one version-guarded batch: the status change, the release of its
 * units when it stops holding inventory, and its event. A concurrent transition makes the batch
 * roll back; the caller then sees the state the winner left.
 */
async function applyTransition(
  deps: Deps,
  session: D1DatabaseSession,
  loaded: LoadedReservation,
  to: ReservationStatus,
  now: Date,
  terms = hotelTerms(session, loaded.row.hotelId),
  /** false: the caller bumps the hotel's cache version itself, once for many changes (expireHolds). */
  bumpCache = true,
): Promise<'applied' | 'lost_race'> {
  const { row } = loaded;
  // An unconfirmed hold was never a booking: dropping it costs nothing, as letting it expire does.
  const charges = (to === 'cancelled' || to === 'no_show') && row.status !== 'pending';
  const fee = charges ? feeFor(loaded, await terms(), now) : row.cancellationFee;
  const write = transitionWrite(session, loaded, to, fee, now);
  const result = await commitChange(deps, {
    hotelId: row.hotelId,
    session,
    statements: write.statements,
    events: [write.event],
    affectsAvailability: write.releases && bumpCache,
  });
  if (!result.ok) return lostRaceOr(result.constraint);
  return 'applied';
}

async function reload(session: D1DatabaseSession, id: string): Promise<LoadedReservation> {
  const loaded = await loadReservation(session, id);
  if (!loaded) throw new Error(`reservation ${id} vanished`);
  return loaded;
}

/** Cancels and releases the inventory; cancelling a cancelled reservation returns it unchanged. */
export async function cancelReservation(
  deps: Deps,
  principal: Principal,
  id: string,
  proof?: GuestProof,
  now = new Date(),
): Promise<LoadedReservation> {
  const session = deps.d1.withSession('first-primary');
  const loaded = await getReservationFor(session, principal, id, proof);
  if (loaded.row.status === 'cancelled') return loaded;
  if (!canTransition(loaded.row.status, 'cancelled')) {
    throw new AppError('invalid_state', `A ${loaded.row.status} reservation cannot be cancelled.`);
  }
  const outcome = await applyTransition(deps, session, loaded, 'cancelled', now);
  const after = await reload(session, id);
  if (outcome === 'lost_race' && after.row.status !== 'cancelled') {
    throw new AppError('conflict', 'The reservation changed at the same time; nothing was cancelled. Retry.');
  }
  return after;
}

export const HOTEL_ACTIONS = {
  confirm: 'confirmed',
  'check-in': 'checked_in',
  'check-out': 'checked_out',
  'no-show': 'no_show',
} as const satisfies Record<string, ReservationStatus>;
export type HotelAction = keyof typeof HOTEL_ACTIONS;

/** Confirm a hold, or record arrival, departure or no-show; illegal transitions are 409. */
export async function transitionReservation(
  deps: Deps,
  principal: Principal,
  id: string,
  action: HotelAction,
  proof?: GuestProof,
  now = new Date(),
): Promise<LoadedReservation> {
  const to = HOTEL_ACTIONS[action];
  const session = deps.d1.withSession('first-primary');
  const loaded = await getReservationFor(session, principal, id, proof);
  const { row } = loaded;
  if (row.status === to) return loaded;
  if (!canTransition(row.status, to)) {
    throw new AppError('invalid_state', `A ${row.status} reservation cannot become ${to}.`);
  }
  const terms = hotelTerms(session, row.hotelId);
  if (to === 'checked_in' || to === 'no_show') {
    const today = todayIn((await terms()).timezone, now);
    if (today < row.checkIn) {
      throw new AppError('invalid_state', `The stay starts on ${row.checkIn}; today is ${today} at the hotel.`);
    }
  }
  if (row.status === 'pending' && row.holdExpiresAt && row.holdExpiresAt.getTime() <= now.getTime()) {
    await applyTransition(deps, session, loaded, 'expired', now);
    throw new AppError('invalid_state', 'The hold expired before it was confirmed; its rooms were released.');
  }
  const outcome = await applyTransition(deps, session, loaded, to, now, terms);
  if (outcome === 'lost_race') throw new AppError('conflict', 'The reservation changed at the same time; retry.');
  return reload(session, id);
}

/** Only the version and inventory guards (CHECK) mean another change won; anything else is a bug. */
function lostRaceOr(constraint: ConstraintKind): 'lost_race' {
  if (constraint !== 'check') throw unexpectedConstraint(constraint);
  return 'lost_race';
}

/**
 * Releases pending holds whose time is up (run by the housekeeping job), oldest first across all
 * hotels, in batches of `batch` until none is left or `budget` holds were handled; `more` says the job
 * should run again at once, so a burst at one hotel delays another hotel's release by one run at most.
 * Sized for one invocation's limits (1,000 D1 queries, 1,000 KV operations): each batch is loaded in
 * two queries, each hold costs one write batch, and each hotel's cache version is bumped once at the
 * end (until then a cached search may still show the released unit as taken — never the reverse).
 * The relay is nudged once, by the first commit; the cron sweep hands on the rest.
 */
/** Expired holds one housekeeping run handles by default (see expireHolds for the arithmetic). */
export const HOLDS_PER_RUN = 300;

export async function expireHolds(
  deps: Deps,
  now: Date,
  { batch = 100, budget = HOLDS_PER_RUN }: { batch?: number; budget?: number } = {},
): Promise<{ expired: number; more: boolean }> {
  const session = deps.d1.withSession('first-primary');
  const released = new Set<string>();
  let expired = 0;
  let handled = 0;
  let more = true;
  while (handled < budget) {
    const limit = Math.min(batch, budget - handled);
    const { results } = await session
      .prepare(
        "SELECT id FROM reservations WHERE status = 'pending' AND hold_expires_at <= ? ORDER BY hold_expires_at, id LIMIT ?",
      )
      .bind(now.getTime(), limit)
      .all<{ id: string }>();
    let progress = 0;
    for (const loaded of await loadReservations(
      session,
      results.map((r) => r.id),
    )) {
      handled++;
      if (loaded.row.status !== 'pending') continue;
      const outcome = await applyTransition(deps, session, loaded, 'expired', now, undefined, false);
      if (outcome === 'applied') {
        expired++;
        progress++;
        released.add(loaded.row.hotelId);
      }
    }
    if (results.length < limit) {
      more = false;
      break;
    }
    if (progress === 0) {
      // A full batch that cannot expire (its writes keep failing a guard): stop instead of spinning.
      deps.log.warn('expired holds could not be released', { holds: results.length });
      more = false;
      break;
    }
  }
  for (const hotelId of released) {
    await commitChange(deps, { hotelId, session, statements: [], events: [], affectsAvailability: true });
  }
  return { expired, more };
}
