import type { Deps } from '../../../deps';
import { loadSearchContext } from '../../availability/stay-data';
import { commitChange, unexpectedConstraint } from '../../events/commit';
import { transitionWrite } from '../../reservations/lifecycle.service';
import { eventData } from '../../reservations/reservations.repo';
import { canTransition, holdsInventory } from '../../reservations/transitions';
import type { ChannelReservationStatus } from '../channels.table';
import type { ChannelContext, ImportOutcome, InboundReservation } from '../domain';
import { calendarMapping } from '../ical/mapping';
import {
  type ChannelReservationState,
  loadChannelReservation,
  outcomeOf,
  writeChannelReservation,
} from './channel-reservations.repo';
import { checkReservation, isStale, mapRooms, messageDigest } from './import.rules';
import {
  createWrite,
  type HotelBooks,
  importedEvent,
  messageFields,
  modifyWrite,
  rowKey,
  type Write,
  type WriteBase,
} from './import.writes';

export type ImportDeps = Pick<
  Deps,
  'd1' | 'cache' | 'log' | 'now' | 'sleep' | 'defer' | 'jobs' | 'subscribers' | 'actor'
>;

/** A lost race (another delivery, an accept, a booking taking the last unit) is read and decided again. */
const MAX_ATTEMPTS = 5;

/**
 * Applies a channel's reservations to our books, in order (a new one and its modification may arrive in
 * one batch). Each is one D1 batch with its events; see importReservation.
 */
export async function importReservations(
  deps: ImportDeps,
  ctx: ChannelContext,
  batch: readonly InboundReservation[],
): Promise<ImportOutcome[]> {
  const books = await readBooks(deps, ctx);
  const outcomes: ImportOutcome[] = [];
  for (const r of batch) outcomes.push(await importReservation(deps, ctx, books, r));
  return outcomes;
}

/** The hotel's currency and the channel's mappings, read once per batch. */
export async function readBooks(deps: Pick<Deps, 'd1'>, ctx: ChannelContext): Promise<HotelBooks> {
  const [hotel, mappings] = await deps.d1.batch([
    deps.d1.prepare('SELECT currency FROM hotels WHERE id = ?').bind(ctx.channel.hotelId),
    deps.d1
      .prepare(
        `SELECT room_type_id AS roomTypeId, rate_plan_id AS ratePlanId, channel_room_code AS channelRoomCode,
           channel_rate_code AS channelRateCode FROM channel_mappings WHERE channel_id = ?`,
      )
      .bind(ctx.channel.id),
  ]);
  const currency = (hotel?.results[0] as { currency: string } | undefined)?.currency;
  if (!currency) throw new Error(`hotel ${ctx.channel.hotelId} of channel ${ctx.channel.id} is gone`);
  // A calendar channel sells its one product and keeps no mapping rows (ical/mapping.ts).
  const calendar = calendarMapping(ctx.channel);
  return {
    currency,
    hotelCode: ctx.channel.hotelCode,
    mappings: calendar ? [calendar] : ((mappings?.results ?? []) as HotelBooks['mappings']),
  };
}

/**
 * One channel reservation: idempotent per (channel, channel reservation id) and message digest — the
 * same message again changes nothing, and two deliveries at once cannot both apply (the unique index
 * and the version guards roll the loser back; it then reads the winner's row and finds its digest).
 * `reapply`: a re-import of a stored `needs_mapping` / `failed` reservation (same digest, new mappings).
 */
export async function importReservation(
  deps: ImportDeps,
  ctx: ChannelContext,
  books: HotelBooks,
  r: InboundReservation,
  { reapply = false }: { reapply?: boolean } = {},
): Promise<ImportOutcome> {
  const digest = await messageDigest(r);
  const session = deps.d1.withSession('first-primary');
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const state = await loadChannelReservation(session, ctx.channel.id, r.channelReservationId);
    const settled = settledOutcome(state, r, digest, { reapply, reopens: calendarMapping(ctx.channel) !== null });
    if (settled) return settled;
    const write = await planWrite(deps, session, ctx, books, r, digest, state);
    const result = await commitChange(deps, {
      hotelId: ctx.channel.hotelId,
      session,
      statements: write.statements,
      events: write.events,
      affectsAvailability: write.affectsAvailability,
    });
    if (result.ok) {
      deps.log.info('channel reservation imported', {
        channel_id: ctx.channel.id,
        kind: r.kind,
        status: write.outcome.status,
        overbooked: write.overbooked,
      });
      return write.outcome;
    }
    if (result.constraint !== 'check' && result.constraint !== 'unique') throw unexpectedConstraint(result.constraint);
  }
  throw new Error(`channel reservation of ${ctx.channel.id} kept changing during its import`);
}

/**
 * The answer when nothing is to be written: a re-delivery, a rejected or a cancelled reservation.
 * `reopens`: a calendar channel, whose feed is the truth of its nights: a UID it brings back after it
 * was cancelled (dropped by a flaky feed, a booking reinstated) holds those nights again, as a new
 * reservation. An OTA that cancelled sends a new reservation id instead.
 */
function settledOutcome(
  state: ChannelReservationState,
  r: InboundReservation,
  digest: string,
  { reapply, reopens }: { reapply: boolean; reopens: boolean },
): ImportOutcome | null {
  const { row } = state;
  if (!row) return null;
  if (reapply) return row.status === 'needs_mapping' || row.status === 'failed' ? null : outcomeOf(state, r.kind);
  if (row.lastDigest === digest || row.status === 'rejected') return outcomeOf(state, r.kind);
  if (row.lastKind === 'cancel') {
    if (r.kind === 'cancel') return outcomeOf(state, r.kind);
    if (reopens && r.kind === 'new') return null;
    return {
      ...outcomeOf(state, r.kind),
      status: 'failed',
      error: { code: 'cancelled', text: 'The channel cancelled this reservation before; it cannot change now.' },
    };
  }
  // An older version than the one applied changes nothing: ours already holds the newer one.
  const last = row.data as { createdAt?: string | null };
  if (isStale(r, { kind: row.lastKind, createdAt: last.createdAt ?? null })) return outcomeOf(state, r.kind);
  return null;
}

async function planWrite(
  deps: ImportDeps,
  session: D1DatabaseSession,
  ctx: ChannelContext,
  books: HotelBooks,
  r: InboundReservation,
  digest: string,
  state: ChannelReservationState,
): Promise<Write> {
  const now = deps.now();
  const base = { ctx, r, digest, state, now };
  if (r.kind === 'cancel') {
    // A stay under way or over keeps its rooms: releasing them would sell a room the guest is in.
    const held = state.reservation?.row.status;
    if (held && holdsInventory(held) && !canTransition(held, 'cancelled')) {
      return keptWrite(
        session,
        base,
        'failed',
        `Our reservation is ${held}; the stay began, so it cannot be cancelled.`,
      );
    }
    return cancelWrite(session, base);
  }
  const checked = checkReservation(r, books);
  if (!checked.ok) return keptWrite(session, base, 'failed', checked.problem);
  const mapped = mapRooms(r.rooms, books.mappings);
  if (!mapped.ok) return keptWrite(session, base, 'needs_mapping', mapped.problem);
  // Reopened (settledOutcome): the cancelled reservation stays as it is; a new one holds the nights.
  const loaded = state.row?.lastKind === 'cancel' ? null : state.reservation;
  // Only the mapped room types and rate plans, as a booking reads (StayScope): nothing else is priced.
  const ari = await loadSearchContext(session, ctx.channel.hotelId, checked.stay.checkIn, checked.stay.checkOut, {
    roomTypeIds: mapped.rooms.map((m) => m.room_type_id),
    ratePlanIds: mapped.rooms.map((m) => m.rate_plan_id),
  });
  if (!ari) throw new Error(`hotel ${ctx.channel.hotelId} is gone`);
  const missing = mapped.rooms.find(
    (m) =>
      !ari.roomTypes.some((rt) => rt.id === m.room_type_id) || !ari.ratePlans.some((rp) => rp.id === m.rate_plan_id),
  );
  if (missing) {
    const problem = `Room type ${missing.room_type_id} or rate plan ${missing.rate_plan_id} is not active; its mapping needs a look.`;
    return keptWrite(session, base, 'needs_mapping', problem);
  }
  if (!loaded) return createWrite(session, base, books, checked.stay, mapped.rooms, ari);
  if (loaded.row.status !== 'pending' && loaded.row.status !== 'confirmed') {
    return keptWrite(session, base, 'failed', `Our reservation is ${loaded.row.status}; it cannot change any more.`);
  }
  return modifyWrite(session, { ...base, loaded }, books, checked.stay, mapped.rooms, ari);
}

/**
 * Kept without touching our books: `needs_mapping` (an unmapped code) or `failed` (a currency or
 * stay we cannot take). A reservation it already maps onto stays as it was.
 */
function keptWrite(
  session: D1DatabaseSession,
  base: WriteBase,
  status: 'needs_mapping' | 'failed',
  problem: string,
): Write {
  const key = rowKey(base);
  const loaded = base.state.reservation;
  const overbooked = base.state.row?.overbooked ?? false;
  const fields = { ...messageFields(base), reservationId: loaded?.row.id ?? null, status, overbooked, problem };
  const outcome: ImportOutcome = {
    channelReservationId: base.r.channelReservationId,
    kind: base.r.kind,
    status,
    confirmationNumber: loaded?.row.confirmationNumber ?? null,
    error: { code: status === 'failed' ? 'invalid' : 'unmapped', text: problem },
  };
  return {
    statements: [writeChannelReservation(session, key, base.state.row, fields, base.now)],
    events: [importedEvent(base, key, status, overbooked, problem, loaded ? eventData(loaded) : null)],
    affectsAvailability: false,
    outcome,
    overbooked,
  };
}

/**
 * The channel cancelled: our reservation is cancelled and every unit it held released (overbooked ones
 * first); the channel's terms apply, so no cancellation fee of ours is set. Without a reservation of
 * ours (never mapped, or already over) only the row records it.
 */
function cancelWrite(session: D1DatabaseSession, base: WriteBase): Write {
  const key = rowKey(base);
  const loaded = base.state.reservation;
  const status: ChannelReservationStatus = 'imported';
  const fields = {
    ...messageFields(base),
    reservationId: loaded?.row.id ?? null,
    status,
    overbooked: false,
    problem: null,
  };
  const outcome: ImportOutcome = {
    channelReservationId: base.r.channelReservationId,
    kind: 'cancel',
    status,
    confirmationNumber: loaded?.row.confirmationNumber ?? null,
    error: null,
  };
  const row = writeChannelReservation(session, key, base.state.row, fields, base.now);
  if (!loaded || !holdsInventory(loaded.row.status)) {
    return {
      statements: [row],
      events: [importedEvent(base, key, status, false, null, loaded ? eventData(loaded) : null)],
      affectsAvailability: false,
      outcome,
      overbooked: false,
    };
  }
  const transition = transitionWrite(session, loaded, 'cancelled', loaded.row.cancellationFee, base.now);
  const after = transition.event.data as ReturnType<typeof eventData>;
  return {
    statements: [...transition.statements, row],
    events: [transition.event, importedEvent(base, key, status, false, null, after)],
    affectsAvailability: true,
    outcome,
    overbooked: false,
  };
}
