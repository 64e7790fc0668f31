import { errorFields } from '../../../lib/log';
import { channelContext } from '../channels.repo';
import type { ChannelMessageRow, ChannelRow } from '../channels.table';
import type { ImportOutcome, InboundReservation } from '../domain';
import { importReservations } from '../inbound/import.service';
import { markAcknowledged } from '../inbound/pull.service';
import { issueForOutcome, readReservations } from '../xml/res-notif';
import { attr, child, list, type XmlNode } from '../xml/xml';
import { AB_ERR as AB_CODE, AB_ERROR_TYPE, type AbIssue } from './answer';
import { logExchange, OTA_OFF_TEXT, otaOff, xmlAnswer } from './guest-requests.exchange';
import { abErrors, abMessage, abWarning, requestRoot } from './guest-requests.messages';
import { type AlpineBitsAction, type AlpineBitsAnswer, alpineBitsError, channelFor, requireVersion } from './session';

/**
 * OTA_HotelResNotif:GuestRequests (push): a booking engine or portal, as the AlpineBits client, sends
 * its reservations (ResStatus Reserved / Modify, Type 14) and cancellations (Cancelled, Type 15). Each
 * goes through the channel import (inbound/import.service.ts): idempotent by the UniqueID and the
 * message's digest, inventory taken, moved and released in the same batch as the reservation, an
 * overbooking flagged, auto_accept honoured. The answer acknowledges what was taken by its UniqueID and
 * names each one that was not in a Warning. Quote requests (ResStatus Requested) are inquiries, not
 * bookings, and are answered with a Warning without touching the books.
 */

const ACTION = 'OTA_HotelResNotif:GuestRequests';
const UIT = { reservation: '14', cancellation: '15' } as const;

type Outcome = ChannelMessageRow['outcome'];
type Refusal = { id: string; code: string; text: string };

export const resNotifGuestRequests: AlpineBitsAction = async (session, request) => {
  requireVersion(session);
  const started = Date.now();
  const now = session.deps.now();
  const finish = async (channel: ChannelRow | null, answer: AlpineBitsAnswer, outcome: Outcome, detail: string) => {
    await logExchange(session, channel, { action: ACTION, started, request, answer, outcome, detail });
    return answer;
  };
  const refuse = (channel: ChannelRow | null, issues: AbIssue[]) =>
    finish(
      channel,
      xmlAnswer(abErrors('OTA_HotelResNotifRS', issues, now)),
      'error',
      issues.map((i) => i.text).join(' '),
    );
  const message = requestRoot(request, 'OTA_HotelResNotifRQ');
  if (!message.ok) return finish(null, alpineBitsError(400, message.text), 'error', message.text);
  const nodes = list(child(message.node, 'HotelReservations')?.HotelReservation);
  if (nodes.length === 0) {
    return refuse(null, [
      {
        type: AB_ERROR_TYPE.applicationError,
        code: AB_CODE.requiredFieldMissing,
        text: 'The message has no HotelReservation.',
      },
    ]);
  }
  const quotes = nodes.filter(isQuoteRequest);
  // Read whole before anything is imported: a message with one unreadable reservation imports none.
  const batch = readReservations(
    nodes.filter((node) => !isQuoteRequest(node)),
    { status: undefined, modifyMessage: false },
  );
  if (!batch.ok) {
    return refuse(null, [
      { type: AB_ERROR_TYPE.applicationError, code: AB_CODE.requiredFieldMissing, text: batch.refusal.message },
    ]);
  }
  const groups = await groupByChannel(session, batch.reservations);
  if (!groups.ok) {
    return refuse(null, [{ type: AB_ERROR_TYPE.applicationError, code: AB_CODE.invalidHotelCode, text: groups.text }]);
  }
  const [first] = groups.value.keys();
  for (const channel of groups.value.keys()) {
    // Nothing imported: the client keeps the whole message and sends it again.
    if (await otaOff(session.deps, channel)) {
      return finish(channel, alpineBitsError(503, OTA_OFF_TEXT), 'failed', OTA_OFF_TEXT);
    }
  }
  const outcomes: ImportOutcome[] = [];
  try {
    for (const [channel, reservations] of groups.value) {
      const deps = session.actAs(channel);
      const taken = await importReservations(deps, await channelContext(deps, channel), reservations);
      await markAcknowledged(deps, channel.id, taken);
      outcomes.push(...taken);
    }
  } catch (err) {
    // Not stored (or not all of it): the client sends the message again, and what was imported is not doubled.
    session.deps.log.error('alpinebits reservations not imported', errorFields(err));
    const answer = alpineBitsError(503, 'The reservations could not be stored now; send them again.');
    return finish(first ?? null, answer, 'failed', answer.body);
  }
  const refused: Refusal[] = [
    ...quotes.map((node) => ({
      id: attr(child(node, 'UniqueID'), 'ID') ?? '',
      code: AB_CODE.unableToProcess,
      text: 'A quote request (ResStatus Requested) is not taken as a booking.',
    })),
    ...outcomes.flatMap((o) => {
      const issue = issueForOutcome(o);
      return issue === null ? [] : [{ id: o.channelReservationId, code: issue.code, text: issue.text }];
    }),
  ];
  const taken = outcomes.filter((o) => o.error === null);
  const detail = `${taken.length} taken, ${refused.length} not: ${refused.map((r) => `${r.id} ${r.text}`).join('; ')}`;
  if (taken.length === 0) {
    // The Success form must acknowledge at least one reservation: with none, the refusals are the Errors.
    const issues = refused.map((r) => ({
      type: AB_ERROR_TYPE.applicationError,
      code: r.code,
      text: `${r.id}: ${r.text}`,
    }));
    return finish(first ?? null, xmlAnswer(abErrors('OTA_HotelResNotifRS', issues, now)), 'error', detail);
  }
  const body = abMessage(
    'OTA_HotelResNotifRS',
    {
      Success: '',
      ...(refused.length > 0
        ? { Warnings: { Warning: refused.map((r) => abWarning(r.id || 'unknown', r.text, r.code)) } }
        : {}),
      HotelReservations: {
        HotelReservation: taken.map((o) => ({
          UniqueID: {
            '@Type': o.kind === 'cancel' ? UIT.cancellation : UIT.reservation,
            '@ID': [...o.channelReservationId].slice(0, 32).join(''),
          },
        })),
      },
    },
    now,
  );
  return finish(first ?? null, xmlAnswer(body), refused.length > 0 ? 'warning' : 'success', detail);
};

function isQuoteRequest(node: XmlNode): boolean {
  return attr(node, 'ResStatus')?.trim() === 'Requested';
}

/**
 * Each reservation's channel: the one of its BasicPropertyInfo HotelCode among the client's channels.
 * A cancellation may come without one: then the client's only channel, or the one that holds the
 * reservation. Any reservation for a hotel the client does not serve refuses the whole message.
 */
async function groupByChannel(
  session: Parameters<AlpineBitsAction>[0],
  reservations: readonly InboundReservation[],
): Promise<{ ok: true; value: Map<ChannelRow, InboundReservation[]> } | { ok: false; text: string }> {
  const groups = new Map<ChannelRow, InboundReservation[]>();
  for (const r of reservations) {
    const channel =
      r.hotelCode !== null
        ? channelFor(session, r.hotelCode)
        : session.channels.length === 1
          ? (session.channels[0] ?? null)
          : await holderOf(session, r.channelReservationId);
    if (channel === null) {
      const code = r.hotelCode === null ? 'no hotel code' : `hotel code ${JSON.stringify(r.hotelCode)}`;
      return { ok: false, text: `Reservation ${r.channelReservationId}: ${code} of one of this client's hotels.` };
    }
    groups.set(channel, [...(groups.get(channel) ?? []), r]);
  }
  return { ok: true, value: groups };
}

async function holderOf(session: Parameters<AlpineBitsAction>[0], channelReservationId: string) {
  const ids = session.channels.map((c) => c.id);
  const row = await session.deps.d1
    .prepare(
      `SELECT channel_id FROM channel_reservations
        WHERE channel_reservation_id = ? AND channel_id IN (SELECT value FROM json_each(?)) LIMIT 1`,
    )
    .bind(channelReservationId, JSON.stringify(ids))
    .first<{ channel_id: string }>();
  return session.channels.find((c) => c.id === row?.channel_id) ?? null;
}
