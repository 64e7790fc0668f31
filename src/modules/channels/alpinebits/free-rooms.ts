import { and, eq, gte, lte } from 'drizzle-orm';
import { type Db, inList } from '../../../db';
import { todayIn } from '../../../lib/dates';
import { errorFields } from '../../../lib/log';
import { applyAriUpdates } from '../../availability/ari.service';
import { roomNights } from '../../availability/ari.table';
import { hotels, roomTypes } from '../../catalog/catalog.table';
import { integrationsOf } from '../../integrations/integrations.service';
import { type ChannelRow, channelMappings } from '../channels.table';
import { attr, child, parseXml } from '../xml/xml';
import { AB_ERR, AB_ERROR_TYPE, AB_WARNING_TYPE, type AbIssue, abGenericAnswer } from './answer';
import { logAlpineBits } from './exchange';
import { readFreeRooms } from './free-rooms-message';
import { freeRoomsTargets, freeRoomsWindow, inventoryUpdates, type NightState, type Window } from './free-rooms-plan';
import { type AlpineBitsAnswer, type AlpineBitsSession, alpineBitsError, channelFor, requireVersion } from './session';

/**
 * What `OTA_HotelInvCountNotif:FreeRooms` announces in the handshake: availability per category
 * (our room type), as deltas or CompleteSets, with closing seasons. Not rooms (InvCode): we keep no
 * single rooms. CountType 6 and 9 are accepted when sent but, not being bookable, sell nothing.
 */
export const FREE_ROOMS_CAPABILITIES: readonly string[] = [
  'OTA_HotelInvCountNotif_accept_categories',
  'OTA_HotelInvCountNotif_accept_deltas',
  'OTA_HotelInvCountNotif_accept_complete_set',
  'OTA_HotelInvCountNotif_accept_closing_seasons',
];

const RQ = 'OTA_HotelInvCountNotifRQ';
const RS = 'OTA_HotelInvCountNotifRS';

type Outcome = { answer: AlpineBitsAnswer; outcome: 'success' | 'warning' | 'error'; detail: string | null };

/**
 * `OTA_HotelInvCountNotif:FreeRooms`: a channel manager's free rooms per category and night, for the
 * hotel its HotelCode names among the client's channels. The bookable count becomes our availability
 * through the ARI API's own write (applyAriUpdates: one atomic batch, the `ari.updated` event, cache
 * versions, ARI pushes to the hotel's other channels). The message is read and checked whole before
 * anything is written; nights that already hold the count are not written again.
 */
export async function receiveFreeRooms(session: AlpineBitsSession, request: string | null): Promise<AlpineBitsAnswer> {
  requireVersion(session);
  const startedAt = Date.now();
  const { result, channel, messageType } = await freeRooms(session, request);
  await logAlpineBits(session, channel, { messageType, request, startedAt, ...result });
  return result.answer;
}

async function freeRooms(
  session: AlpineBitsSession,
  request: string | null,
): Promise<{ result: Outcome; channel: ChannelRow | null; messageType: string }> {
  const now = session.deps.now();
  const refuse = (status: 400 | 503, text: string): Outcome => ({
    answer: alpineBitsError(status, text),
    outcome: 'error',
    detail: text,
  });
  const errors = (issue: AbIssue): Outcome => ({
    answer: { status: 200, body: abGenericAnswer(RS, now, { errors: [issue] }), xml: true },
    outcome: 'error',
    detail: `${issue.code}: ${issue.text}`,
  });
  const only = session.channels.length === 1 ? (session.channels[0] ?? null) : null;
  if (request === null || request.trim() === '') {
    return { result: refuse(400, `the request field with ${RQ} is missing`), channel: only, messageType: RQ };
  }
  const parsed = parseXml(request);
  if (!parsed.ok) return { result: refuse(400, parsed.refusal.message), channel: only, messageType: 'unreadable' };
  if (parsed.root !== RQ) {
    return { result: refuse(400, `expected ${RQ}, got ${parsed.root}`), channel: only, messageType: parsed.root };
  }
  const named = channelFor(session, attr(child(parsed.node, 'Inventories'), 'HotelCode') ?? null);
  const at = (result: Outcome) => ({ result, channel: named ?? only, messageType: RQ });
  const message = readFreeRooms(parsed.node);
  if (!message.ok) return at(errors(message.issue));
  if (!named) {
    // Another hotel's code and a code nobody has read alike: the client learns nothing about other hotels.
    const text = `HotelCode ${message.value.hotelCode} is not a hotel this account may update`;
    return at(errors({ type: AB_ERROR_TYPE.applicationError, code: AB_ERR.invalidHotelCode, text }));
  }
  const deps = session.actAs(named);
  if (!(await integrationsOf(deps, deps.d1, named.hotelId)).ota_integration.enabled) {
    return at(refuse(503, 'OTA connectivity is turned off for this hotel; send again later.'));
  }
  const catalog = await channelCatalog(deps.db, named);
  const window = freeRoomsWindow(todayIn(catalog.timezone, now));
  const plan = freeRoomsTargets(message.value, window, catalog.roomTypeOf, catalog.mapped);
  if (!plan.ok) return at(errors(plan.issue));
  const touched = [...new Set([...plan.targets.keys()].map((k) => k.split('|')[0] ?? ''))];
  const updates = inventoryUpdates(plan.targets, await currentNights(deps.db, named.hotelId, touched, window));
  if (updates.length > 0) {
    try {
      await applyAriUpdates(deps, named.hotelId, updates);
    } catch (err) {
      // A booking between our read and the write (the CHECK rolled the batch back), or a failure of
      // ours: nothing was written, and the same message sent again applies cleanly.
      deps.log.warn('alpinebits free rooms not applied', { channel_id: named.id, ...errorFields(err) });
      return at(refuse(503, 'The availability was not stored; send the message again.'));
    }
  }
  const warnings: AbIssue[] = plan.beyondHorizon
    ? [
        {
          type: AB_WARNING_TYPE.bizRule,
          text: `nights after ${window.to} are beyond what this server sells and were ignored`,
        },
      ]
    : [];
  return at({
    answer: { status: 200, body: abGenericAnswer(RS, now, { warnings }), xml: true },
    outcome: warnings.length > 0 ? 'warning' : 'success',
    detail: `${message.value.completeSet ? 'CompleteSet' : 'delta'}: ${updates.length} range(s) written`,
  });
}

/** The channel's category codes (channel_room_code → our room type) and its hotel's time zone. */
async function channelCatalog(db: Db, channel: ChannelRow) {
  const [rows, hotel] = await db.batch([
    db
      .selectDistinct({ code: channelMappings.channelRoomCode, roomTypeId: channelMappings.roomTypeId })
      .from(channelMappings)
      .innerJoin(roomTypes, and(eq(roomTypes.id, channelMappings.roomTypeId), eq(roomTypes.hotelId, channel.hotelId)))
      .where(eq(channelMappings.channelId, channel.id)),
    db.select({ timezone: hotels.timezone }).from(hotels).where(eq(hotels.id, channel.hotelId)),
  ]);
  return {
    roomTypeOf: new Map(rows.map((r) => [r.code, r.roomTypeId])),
    mapped: [...new Set(rows.map((r) => r.roomTypeId))],
    timezone: hotel[0]?.timezone ?? 'UTC',
  };
}

async function currentNights(db: Db, hotelId: string, roomTypeIds: readonly string[], window: Window) {
  if (roomTypeIds.length === 0) return new Map<string, NightState>();
  const rows = await db
    .select({
      roomTypeId: roomNights.roomTypeId,
      date: roomNights.date,
      inventory: roomNights.inventory,
      taken: roomNights.taken,
      overbooked: roomNights.overbooked,
    })
    .from(roomNights)
    .where(
      and(
        eq(roomNights.hotelId, hotelId),
        inList(roomNights.roomTypeId, roomTypeIds),
        gte(roomNights.date, window.from),
        lte(roomNights.date, window.to),
      ),
    );
  return new Map<string, NightState>(rows.map((r) => [`${r.roomTypeId}|${r.date}`, r]));
}
