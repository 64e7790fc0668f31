import { and, desc, eq, lt } from 'drizzle-orm';
import { createDb } from '../../../db';
import type { Deps } from '../../../deps';
import type { Principal } from '../../../env';
import { AppError, notFound } from '../../../errors';
import { commitChange, unexpectedConstraint } from '../../events/commit';
import type { DomainEvent } from '../../events/events.schema';
import { transitionWrite } from '../../reservations/lifecycle.service';
import { eventData, loadReservations } from '../../reservations/reservations.repo';
import type { ReservationStatus } from '../../reservations/reservations.table';
import { channelContext } from '../channels.repo';
import { getChannel } from '../channels.service';
import { type ChannelReservationStatus, type ChannelRow, channelReservations } from '../channels.table';
import type { ImportOutcome } from '../domain';
import { acknowledgeMessage } from './acknowledge.job';
import {
  type ChannelReservationState,
  loadChannelReservation,
  outcomeOf,
  setChannelReservationStatus,
  storedReservation,
} from './channel-reservations.repo';
import { importReservation, readBooks } from './import.service';

export async function listChannelReservations(
  deps: Pick<Deps, 'd1' | 'db'>,
  principal: Principal,
  channelId: string,
  q: { status?: ChannelReservationStatus; limit: number; cursor?: string },
): Promise<(ChannelReservationState & { id: string })[]> {
  await getChannel(deps, principal, channelId);
  const rows = await createDb(deps.d1)
    .select()
    .from(channelReservations)
    .where(
      and(
        eq(channelReservations.channelId, channelId),
        q.status ? eq(channelReservations.status, q.status) : undefined,
        q.cursor ? lt(channelReservations.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(channelReservations.id))
    .limit(q.limit + 1);
  const ids = rows.flatMap((r) => (r.reservationId ? [r.reservationId] : []));
  const loaded = new Map((await loadReservations(deps.d1, ids)).map((l) => [l.row.id, l]));
  return rows.map((row) => ({
    id: row.id,
    row,
    reservation: row.reservationId ? (loaded.get(row.reservationId) ?? null) : null,
  }));
}

async function stateFor(
  deps: Pick<Deps, 'd1' | 'db'>,
  session: D1DatabaseSession,
  principal: Principal,
  channelId: string,
  channelReservationId: string,
): Promise<{
  channel: ChannelRow;
  state: ChannelReservationState & { row: NonNullable<ChannelReservationState['row']> };
}> {
  const channel = await getChannel(deps, principal, channelId);
  const state = await loadChannelReservation(session, channel.id, channelReservationId);
  if (!state.row) throw notFound('Channel reservation', channelReservationId);
  return { channel, state: { ...state, row: state.row } };
}

type Decision = 'accept' | 'reject';

/** Statuses of ours that already say the hotel took, or turned down, a pending channel reservation. */
const ACCEPTED: readonly ReservationStatus[] = ['confirmed', 'checked_in', 'checked_out', 'no_show'];
const REJECTED: readonly ReservationStatus[] = ['cancelled'];

/**
 * The hotel's answer to a pending channel reservation: accept confirms ours; reject cancels it and
 * releases its units. Either is one version-guarded batch with its events, then the channel is told
 * through the `channels.acknowledge` job. Answering again the same way changes nothing but tells the
 * channel again if it has not heard yet. Ours already confirmed or cancelled through the reservations
 * API: only the channel reservation's status changes, and the channel hears it.
 */
export async function decideChannelReservation(
  deps: Deps,
  principal: Principal,
  channelId: string,
  channelReservationId: string,
  decision: Decision,
): Promise<ChannelReservationState> {
  const session = deps.d1.withSession('first-primary');
  const { channel, state } = await stateFor(deps, session, principal, channelId, channelReservationId);
  const to: ChannelReservationStatus = decision === 'accept' ? 'imported' : 'rejected';
  const loaded = state.reservation;
  if (state.row.status === to && (decision === 'reject' || loaded?.row.status === 'confirmed')) {
    if (!state.row.acknowledgedAt)
      await deps.jobs.send(acknowledgeMessage(channel.id, outcomeOf(state, state.row.lastKind)));
    return state;
  }
  // Ours may already be decided through the reservations API (confirmed, or cancelled): the channel still waits.
  const decided = loaded && (decision === 'accept' ? ACCEPTED : REJECTED).includes(loaded.row.status);
  if (state.row.status !== 'pending' || !loaded || (loaded.row.status !== 'pending' && !decided)) {
    throw new AppError('invalid_state', `A ${state.row.status} channel reservation cannot be ${decision}ed.`);
  }
  const now = deps.now();
  // Decided already: ours is only checked to be as read (a change meanwhile sets version 0, refused by the CHECK).
  const unchanged = session
    .prepare(
      'UPDATE reservations SET version = CASE WHEN version = ? AND status = ? THEN version ELSE 0 END WHERE id = ?',
    )
    .bind(loaded.row.version, loaded.row.status, loaded.row.id);
  const write = decided
    ? { statements: [unchanged], event: null, releases: false }
    : transitionWrite(
        session,
        loaded,
        decision === 'accept' ? 'confirmed' : 'cancelled',
        loaded.row.cancellationFee,
        now,
      );
  const imported: DomainEvent = {
    type: 'ota.reservation.imported',
    hotelId: channel.hotelId,
    subjectId: state.row.id,
    data: {
      channel_id: channel.id,
      provider: channel.provider,
      channel_reservation_id: state.row.channelReservationId,
      kind: state.row.lastKind,
      status: to,
      overbooked: state.row.overbooked,
      problem: null,
      reservation: write.event ? (write.event.data as ReturnType<typeof eventData>) : eventData(loaded),
    },
  };
  const result = await commitChange(deps, {
    hotelId: channel.hotelId,
    session,
    statements: [...write.statements, setChannelReservationStatus(session, state.row, to, now)],
    events: write.event ? [write.event, imported] : [imported],
    affectsAvailability: write.releases,
  });
  if (!result.ok) {
    if (result.constraint !== 'check') throw unexpectedConstraint(result.constraint);
    throw new AppError('conflict', 'The channel reservation changed at the same time; nothing was changed. Retry.');
  }
  const after = await loadChannelReservation(session, channel.id, channelReservationId);
  await deps.jobs.send(acknowledgeMessage(channel.id, outcomeOf(after, state.row.lastKind)));
  return after;
}

/**
 * Applies a stored `needs_mapping` or `failed` reservation again, with today's mappings; the channel
 * hears about it when it is now on our books and confirmed.
 */
export async function reimportChannelReservation(
  deps: Deps,
  principal: Principal,
  channelId: string,
  channelReservationId: string,
): Promise<{ state: ChannelReservationState; outcome: ImportOutcome }> {
  const session = deps.d1.withSession('first-primary');
  const { channel, state } = await stateFor(deps, session, principal, channelId, channelReservationId);
  if (state.row.status !== 'needs_mapping' && state.row.status !== 'failed') {
    throw new AppError('invalid_state', `A ${state.row.status} channel reservation is not waiting for a re-import.`);
  }
  const ctx = await channelContext(deps, channel);
  const outcome = await importReservation(deps, ctx, await readBooks(deps, ctx), storedReservation(state.row), {
    reapply: true,
  });
  if (outcome.status === 'imported') await deps.jobs.send(acknowledgeMessage(channel.id, outcome));
  return { state: await loadChannelReservation(session, channel.id, channelReservationId), outcome };
}
