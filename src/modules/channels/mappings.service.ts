import { and, asc, eq } from 'drizzle-orm';
import { inList } from '../../db';
import type { Deps } from '../../deps';
import { AppError, type FieldError } from '../../errors';
import { batchAudited } from '../audit/audit';
import { ratePlans, roomTypes } from '../catalog/catalog.table';
import { syncStartedProducts } from './ari-push/resync.service';
import type { MappingSchema } from './channels.schema';
import { type ChannelRow, channelMappings } from './channels.table';

export type Mapping = (typeof MappingSchema)['_output'];
type Catalog = { roomTypeIds: ReadonlySet<string>; planRooms: ReadonlyMap<string, readonly string[]> };

export function mappingJson(row: typeof channelMappings.$inferSelect): Mapping {
  return {
    room_type_id: row.roomTypeId,
    rate_plan_id: row.ratePlanId,
    channel_room_code: row.channelRoomCode,
    channel_rate_code: row.channelRateCode,
  };
}

/**
 * What is wrong with a mapping set against the hotel's catalog (pure): each room type and rate plan
 * must be the hotel's, the plan must sell the room type, and within the set each product and each
 * (room code, rate code) pair may appear once — a pair the channel sends must name one product of ours.
 * Paths are the body's (`2.channel_rate_code`), like the validator's.
 */
export function mappingProblems(mappings: readonly Mapping[], catalog: Catalog): FieldError[] {
  const errors: FieldError[] = [];
  const products = new Map<string, number>();
  const codes = new Map<string, number>();
  // A channel room is one inventory: its BookingLimit is one room type's, and pushes of two would overwrite each other.
  const roomCodes = new Map<string, { roomTypeId: string; item: number }>();
  // And the other way: one room type behind two channel rooms would give each our whole BookingLimit,
  // so the channel could sell our inventory twice.
  const roomTypes = new Map<string, { roomCode: string; item: number }>();
  mappings.forEach((m, i) => {
    const roomType = roomTypes.get(m.room_type_id);
    if (roomType && roomType.roomCode !== m.channel_room_code) {
      errors.push({
        path: `${i}.channel_room_code`,
        message: `this room type is already mapped to channel room ${roomType.roomCode} (item ${roomType.item})`,
      });
    }
    if (!roomType) roomTypes.set(m.room_type_id, { roomCode: m.channel_room_code, item: i });
    const room = roomCodes.get(m.channel_room_code);
    if (room && room.roomTypeId !== m.room_type_id) {
      errors.push({
        path: `${i}.channel_room_code`,
        message: `this channel room code already names another room type (item ${room.item})`,
      });
    }
    if (!room) roomCodes.set(m.channel_room_code, { roomTypeId: m.room_type_id, item: i });
    const roomKnown = catalog.roomTypeIds.has(m.room_type_id);
    const planRooms = catalog.planRooms.get(m.rate_plan_id);
    if (!roomKnown) errors.push({ path: `${i}.room_type_id`, message: 'not a room type of this hotel' });
    if (!planRooms) errors.push({ path: `${i}.rate_plan_id`, message: 'not a rate plan of this hotel' });
    if (roomKnown && planRooms && !planRooms.includes(m.room_type_id)) {
      errors.push({ path: `${i}.rate_plan_id`, message: 'this rate plan does not sell that room type' });
    }
    const product = `${m.room_type_id}\n${m.rate_plan_id}`;
    const code = `${m.channel_room_code}\n${m.channel_rate_code}`;
    const sameProduct = products.get(product);
    const sameCode = codes.get(code);
    if (sameProduct !== undefined) {
      errors.push({
        path: `${i}.rate_plan_id`,
        message: `this room type and rate plan are already mapped by item ${sameProduct}`,
      });
    }
    if (sameCode !== undefined) {
      errors.push({
        path: `${i}.channel_rate_code`,
        message: `these channel codes are already used by item ${sameCode}`,
      });
    }
    products.set(product, sameProduct ?? i);
    codes.set(code, sameCode ?? i);
  });
  return errors;
}

async function catalogOf(deps: Pick<Deps, 'db'>, hotelId: string, mappings: readonly Mapping[]): Promise<Catalog> {
  const roomIds = [...new Set(mappings.map((m) => m.room_type_id))];
  const planIds = [...new Set(mappings.map((m) => m.rate_plan_id))];
  const [rooms, plans] = await Promise.all([
    deps.db
      .select({ id: roomTypes.id })
      .from(roomTypes)
      .where(and(eq(roomTypes.hotelId, hotelId), inList(roomTypes.id, roomIds))),
    deps.db
      .select({ id: ratePlans.id, roomTypeIds: ratePlans.roomTypeIds })
      .from(ratePlans)
      .where(and(eq(ratePlans.hotelId, hotelId), inList(ratePlans.id, planIds))),
  ]);
  return {
    roomTypeIds: new Set(rooms.map((r) => r.id)),
    planRooms: new Map(plans.map((p) => [p.id, p.roomTypeIds])),
  };
}

export async function listMappings(deps: Pick<Deps, 'db'>, channelId: string): Promise<Mapping[]> {
  const rows = await deps.db
    .select()
    .from(channelMappings)
    .where(eq(channelMappings.channelId, channelId))
    .orderBy(asc(channelMappings.roomTypeId), asc(channelMappings.ratePlanId));
  return rows.map(mappingJson);
}

/**
 * Replaces the channel's whole mapping set in one batch (delete + one insert from a JSON parameter, so
 * 1,000 mappings stay within D1's 100 bound parameters): a reader sees the old set or the new one,
 * never a mix, and two PUTs at once leave one of the two sets whole.
 */
export async function replaceMappings(
  deps: Pick<Deps, 'db' | 'd1' | 'log' | 'jobs' | 'now' | 'config' | 'actor'>,
  channel: ChannelRow,
  mappings: readonly Mapping[],
): Promise<Mapping[]> {
  const errors = mappingProblems(mappings, await catalogOf(deps, channel.hotelId, mappings));
  const [first] = errors;
  if (first) throw new AppError('validation_failed', `Mapping ${first.path}: ${first.message}.`, { errors });
  const before = await listMappings(deps, channel.id);
  const after = [...mappings].sort(
    (a, b) => a.room_type_id.localeCompare(b.room_type_id) || a.rate_plan_id.localeCompare(b.rate_plan_id),
  );
  const entry = {
    hotelId: channel.hotelId,
    action: 'channel.mappings_replaced',
    entityType: 'channel',
    entityId: channel.id,
  };
  await batchAudited(
    deps,
    deps.d1,
    [
      deps.d1.prepare('DELETE FROM channel_mappings WHERE channel_id = ?').bind(channel.id),
      deps.d1
        .prepare(
          `INSERT INTO channel_mappings (channel_id, room_type_id, rate_plan_id, channel_room_code, channel_rate_code)
         SELECT ?, json_extract(value, '$.room_type_id'), json_extract(value, '$.rate_plan_id'),
                json_extract(value, '$.channel_room_code'), json_extract(value, '$.channel_rate_code')
         FROM json_each(?)`,
        )
        .bind(channel.id, JSON.stringify(mappings)),
    ],
    [{ ...entry, before: { mappings: before }, after: { mappings: after } }],
  );
  await syncStartedProducts(
    deps,
    channel,
    mappings.map((m) => m.room_type_id),
  );
  deps.log.info('channel mappings replaced', {
    channel_id: channel.id,
    hotel_id: channel.hotelId,
    count: mappings.length,
  });
  return listMappings(deps, channel.id);
}
