import { loadReservations } from '../../reservations/reservations.repo';
import type { ChannelMessageRow, ChannelRow } from '../channels.table';
import type { XmlNode } from '../xml/xml';
import { AB_ERR as AB_CODE, AB_ERROR_TYPE, type AbIssue } from './answer';
import {
  CANCELLED_STATUSES,
  type ChannelCatalog,
  contentDigest,
  contentOf,
  DELIVERABLE_STATUSES,
  readChannelCatalog,
} from './guest-requests.content';
import { logExchange, OTA_OFF_TEXT, otaOff, xmlAnswer } from './guest-requests.exchange';
import { abErrors, abMessage, abWarning, readNotifReportRQ, readReadRQ, requestRoot } from './guest-requests.messages';
import {
  acknowledge,
  type Candidate,
  type Delivery,
  deliveryStatements,
  readCandidates,
  unchangedStatements,
} from './guest-requests.repo';
import { hotelReservationNode } from './guest-requests.xml';
import {
  type AlpineBitsAction,
  type AlpineBitsAnswer,
  type AlpineBitsVersion,
  alpineBitsError,
  channelFor,
  requireVersion,
} from './session';

/** Reservations per OTA_ResRetrieveRS; the rest come with the next Read (unacknowledged ones always do). */
export const MAX_RESERVATIONS_PER_READ = 100;
/** UniqueIDs one OTA_NotifReportRQ may acknowledge. */
export const MAX_ACKNOWLEDGEMENTS = 1000;

type Outcome = ChannelMessageRow['outcome'];

const READ = 'OTA_Read:GuestRequests';
const NOTIF_REPORT = 'OTA_NotifReport:GuestRequests';

/**
 * OTA_Read:GuestRequests → OTA_ResRetrieveRS: the hotel's bookings and cancellations the client has
 * not acknowledged (see guest-requests.repo.ts readCandidates), each recorded as delivered before the
 * answer leaves. A booking the client acknowledged and that changed since goes out as `Modify`.
 */
export const readGuestRequests: AlpineBitsAction = async (session, request) => {
  const version = requireVersion(session);
  const started = Date.now();
  const now = session.deps.now();
  const finish = async (channel: ChannelRow | null, answer: AlpineBitsAnswer, outcome: Outcome, detail: string) => {
    await logExchange(session, channel, { action: READ, started, request, answer, outcome, detail });
    return answer;
  };
  const message = requestRoot(request, 'OTA_ReadRQ');
  if (!message.ok) return finish(null, alpineBitsError(400, message.text), 'error', message.text);
  const read = readReadRQ(message.node);
  const refuse = (issue: AbIssue) =>
    finish(null, xmlAnswer(abErrors('OTA_ResRetrieveRS', [issue], now)), 'error', issue.text);
  if (!read.ok) return refuse(read.issue);
  // 2022-10 lets a client name its hotel by HotelName alone: a client with one hotel means that one.
  const [only] = session.channels;
  const channel =
    read.value.hotelCode === null && session.channels.length === 1 && only
      ? only
      : channelFor(session, read.value.hotelCode);
  if (channel === null) {
    const text = `Hotel code ${JSON.stringify(read.value.hotelCode ?? '')} is not one of this client's hotels.`;
    return refuse({ type: AB_ERROR_TYPE.applicationError, code: AB_CODE.invalidHotelCode, text });
  }
  const deps = session.actAs(channel);
  if (await otaOff(deps, channel)) return finish(channel, alpineBitsError(503, OTA_OFF_TEXT), 'error', OTA_OFF_TEXT);
  const catalog = await readChannelCatalog(deps.d1, channel);
  const candidates = await readCandidates(
    deps.d1,
    channel,
    { deliverable: DELIVERABLE_STATUSES, cancelled: CANCELLED_STATUSES },
    read.value.since,
    MAX_RESERVATIONS_PER_READ,
  );
  const planned = await plan(deps.d1, candidates, catalog, read.value.since === null);
  const hotel = { code: channel.hotelCode, name: catalog.hotelName };
  const body = abMessage(
    'OTA_ResRetrieveRS',
    {
      Success: '',
      ReservationsList:
        planned.nodes.length > 0 ? { HotelReservation: planned.nodes.map((n) => n(hotel, version)) } : '',
    },
    now,
  );
  const writes = [
    ...deliveryStatements(deps.d1, channel.id, planned.deliveries, now.getTime()),
    ...unchangedStatements(deps.d1, channel.id, planned.unchanged),
  ];
  // Recorded before the answer leaves: what the client may acknowledge is what it was sent.
  if (writes.length > 0) await deps.d1.batch(writes);
  return finish(channel, xmlAnswer(body), 'success', `${planned.deliveries.length} reservation(s)`);
};

type Planned = {
  deliveries: Delivery[];
  unchanged: Delivery[];
  nodes: ((hotel: { code: string; name: string }, version: AlpineBitsVersion) => XmlNode)[];
};

async function plan(
  d1: D1Database,
  candidates: readonly Candidate[],
  catalog: ChannelCatalog,
  onlyChanged: boolean,
): Promise<Planned> {
  const byId = new Map(candidates.map((c) => [c.reservationId, c]));
  const loaded = await loadReservations(
    d1,
    candidates.map((c) => c.reservationId),
  );
  const planned: Planned = { deliveries: [], unchanged: [], nodes: [] };
  for (const reservation of loaded) {
    const candidate = byId.get(reservation.row.id);
    if (!candidate) continue;
    const content = contentOf(reservation, catalog);
    const digest = await contentDigest(content);
    const acked = candidate.ackedStatus;
    const known = acked === 'Reserved' || acked === 'Modify';
    const delivery: Delivery = {
      reservationId: content.id,
      version: reservation.row.version,
      digest,
      status: content.cancelled
        ? 'Cancelled'
        : known && candidate.ackedDigest !== digest
          ? 'Modify'
          : (acked ?? 'Reserved'),
    };
    // A cancellation of a booking the client never got is not news; nor is a booking after its cancellation.
    if (content.cancelled ? !candidate.delivered : acked === 'Cancelled') continue;
    if (onlyChanged && !content.cancelled && known && candidate.ackedDigest === digest) {
      planned.unchanged.push(delivery);
      continue;
    }
    planned.deliveries.push(delivery);
    planned.nodes.push((hotel, version) => hotelReservationNode(content, delivery.status, hotel, version));
  }
  return planned;
}

/**
 * OTA_NotifReport:GuestRequests → OTA_NotifReportRS: the listed UniqueIDs are acknowledged (they stop
 * coming until they change); one that was never sent to this client, or was sent as the other Type, is
 * answered with a Warning naming it.
 */
export const notifReportGuestRequests: AlpineBitsAction = async (session, request) => {
  requireVersion(session);
  const started = Date.now();
  const now = session.deps.now();
  const finish = async (
    channel: ChannelRow | null,
    answer: AlpineBitsAnswer,
    outcome: Outcome,
    detail: string | null,
  ) => {
    await logExchange(session, channel, { action: NOTIF_REPORT, started, request, answer, outcome, detail });
    return answer;
  };
  const message = requestRoot(request, 'OTA_NotifReportRQ');
  if (!message.ok) return finish(null, alpineBitsError(400, message.text), 'error', message.text);
  const read = readNotifReportRQ(message.node);
  const tooMany = read.ok && read.value.length > MAX_ACKNOWLEDGEMENTS;
  if (!read.ok || tooMany) {
    const issue: AbIssue = read.ok
      ? {
          type: AB_ERROR_TYPE.applicationError,
          code: AB_CODE.unableToProcess,
          text: `At most ${MAX_ACKNOWLEDGEMENTS} reservations per acknowledgement.`,
        }
      : read.issue;
    return finish(null, xmlAnswer(abErrors('OTA_NotifReportRS', [issue], now)), 'error', issue.text);
  }
  const matched = await acknowledge(
    session.deps.d1,
    session.channels.map((c) => c.id),
    read.value,
    now.getTime(),
  );
  const unknown = read.value.filter((a) => !matched.has(a.id));
  const warnings = unknown.map((a) =>
    abWarning(
      a.id,
      `Reservation ${a.id} (UniqueID Type ${a.cancellation ? 15 : 14}) was not sent to this client as such.`,
    ),
  );
  const [first] = [...matched.values()];
  const channel = session.channels.find((c) => c.id === first) ?? null;
  const body = abMessage(
    'OTA_NotifReportRS',
    { Success: '', ...(warnings.length > 0 ? { Warnings: { Warning: warnings } } : {}) },
    now,
  );
  const detail = unknown.length > 0 ? `${unknown.length} unknown: ${unknown.map((a) => a.id).join(', ')}` : null;
  return finish(channel, xmlAnswer(body), detail === null ? 'success' : 'warning', detail);
};
