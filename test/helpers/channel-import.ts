import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config';
import { stayNights } from '../../src/lib/dates';
import { newId } from '../../src/lib/ids';
import { channelContext, loadChannelRow } from '../../src/modules/channels/channels.repo';
import type { ChannelProvider } from '../../src/modules/channels/channels.table';
import { sealCredentials } from '../../src/modules/channels/credentials';
import type { ChannelContext, ImportOutcome, InboundReservation, InboundRoom } from '../../src/modules/channels/domain';
import { importReservations } from '../../src/modules/channels/inbound/import.service';
import { inDays } from './ari';
import { testDeps } from './deps';

/** Codes the helpers map by default: room `DBL`, rate `BAR`. */
export const ROOM_CODE = 'DBL';
export const RATE_CODE = 'BAR';

/**
 * A channel of `hotelId` written straight to D1 (the channels API is another part's), credentials sealed
 * as the API seals them; mapped `DBL`/`BAR` → (roomTypeId, ratePlanId) when given.
 */
export async function aChannel(
  hotelId: string,
  options: {
    autoAccept?: boolean;
    provider?: ChannelProvider;
    hotelCode?: string;
    map?: { roomTypeId: string; ratePlanId: string };
  } = {},
): Promise<ChannelContext> {
  const id = newId('channel');
  const now = Date.now();
  const sealed = await sealCredentials(loadConfig(env).OTA_CREDENTIALS_ENCRYPTION_KEY, id, {
    username: 'hotel',
    password: 'secret',
  });
  await env.DB.prepare(
    `INSERT INTO channels (id, hotel_id, provider, name, endpoint_url, endpoints, credentials_sealed, hotel_code,
       auto_accept, enabled, mode, sync_interval_seconds, created_at, updated_at)
     VALUES (?, ?, ?, 'Test channel', 'http://ota.test/ota', '{}', ?, ?, ?, 1, 'pull', 300, ?, ?)`,
  )
    .bind(
      id,
      hotelId,
      options.provider ?? 'ota_xml',
      sealed,
      options.hotelCode ?? 'HOTEL1',
      options.autoAccept === false ? 0 : 1,
      now,
      now,
    )
    .run();
  if (options.map) await mapCodes(id, options.map.roomTypeId, options.map.ratePlanId);
  return contextOf(id);
}

export async function mapCodes(
  channelId: string,
  roomTypeId: string,
  ratePlanId: string,
  room = ROOM_CODE,
  rate = RATE_CODE,
) {
  await env.DB.prepare(
    `INSERT INTO channel_mappings (channel_id, room_type_id, rate_plan_id, channel_room_code, channel_rate_code)
     VALUES (?, ?, ?, ?, ?)`,
  )
    .bind(channelId, roomTypeId, ratePlanId, room, rate)
    .run();
}

export async function contextOf(channelId: string): Promise<ChannelContext> {
  const row = await loadChannelRow(env.DB, channelId);
  if (!row) throw new Error(`no channel ${channelId}`);
  return channelContext({ config: loadConfig(env) }, row);
}

export function inboundRoom(overrides: Partial<InboundRoom> = {}): InboundRoom {
  const checkIn = overrides.checkIn ?? inDays(10);
  const checkOut = overrides.checkOut ?? inDays(12);
  return {
    roomCode: ROOM_CODE,
    rateCode: RATE_CODE,
    checkIn,
    checkOut,
    adults: 2,
    children: 0,
    nightly: stayNights(checkIn, checkOut).map((date) => ({ date, amount: 12_345 })),
    totalAmount: null,
    ...overrides,
  };
}

let seq = 0;

/** A parsed channel reservation: one room DBL/BAR, 10 → 12 days from now at 123.45 EUR a night. */
export function inbound(overrides: Partial<InboundReservation> = {}): InboundReservation {
  return {
    channelReservationId: `R${Date.now()}${++seq}`,
    kind: 'new',
    hotelCode: 'HOTEL1',
    createdAt: '2026-11-01T10:00:00Z',
    currency: 'EUR',
    totalAmount: null,
    rooms: [inboundRoom()],
    guest: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', phone: null, country: 'US' },
    specialRequests: null,
    card: { brand: 'VI', last4: '1111', expiry: '12/30' },
    channelCollect: false,
    ...overrides,
  };
}

export async function importNow(ctx: ChannelContext, ...batch: InboundReservation[]): Promise<ImportOutcome[]> {
  const deps = testDeps();
  const outcomes = await importReservations(deps, ctx, batch);
  await deps.settle();
  return outcomes;
}

export async function importOne(ctx: ChannelContext, r: InboundReservation): Promise<ImportOutcome> {
  const [outcome] = await importNow(ctx, r);
  if (!outcome) throw new Error('no outcome');
  return outcome;
}

export type NightRow = { inventory: number; taken: number; overbooked: number };

export async function nightOf(roomTypeId: string, date: string): Promise<NightRow> {
  const row = await env.DB.prepare(
    'SELECT inventory, taken, overbooked FROM room_nights WHERE room_type_id = ? AND date = ?',
  )
    .bind(roomTypeId, date)
    .first<NightRow>();
  return row ?? { inventory: 0, taken: 0, overbooked: 0 };
}

export async function channelRow(channelId: string, channelReservationId: string) {
  return env.DB.prepare('SELECT * FROM channel_reservations WHERE channel_id = ? AND channel_reservation_id = ?')
    .bind(channelId, channelReservationId)
    .first<Record<string, any>>();
}

/**
 * The inventory invariant with overbooking, straight from D1: on every night 0 ≤ taken ≤ inventory,
 * overbooked only on a full night, and taken + overbooked = the rooms of reservations holding inventory.
 */
export async function auditChannelInventory(hotelId: string): Promise<void> {
  const { results } = await env.DB.prepare(
    `SELECT n.room_type_id, n.date, n.inventory, n.taken, n.overbooked,
       (SELECT COUNT(*) FROM reservation_rooms rr JOIN reservations r ON r.id = rr.reservation_id
        WHERE rr.room_type_id = n.room_type_id AND r.check_in <= n.date AND r.check_out > n.date
          AND r.status IN ('pending', 'confirmed', 'checked_in', 'checked_out')) AS booked
     FROM room_nights n WHERE n.hotel_id = ?`,
  )
    .bind(hotelId)
    .all<{ date: string; inventory: number; taken: number; overbooked: number; booked: number }>();
  for (const n of results) {
    expect(n.taken, `taken on ${n.date}`).toBeGreaterThanOrEqual(0);
    expect(n.taken, `taken ≤ inventory on ${n.date}`).toBeLessThanOrEqual(n.inventory);
    expect(n.overbooked, `overbooked on ${n.date}`).toBeGreaterThanOrEqual(0);
    if (n.overbooked > 0) expect(n.taken, `overbooked only when full on ${n.date}`).toBe(n.inventory);
    expect(n.taken + n.overbooked, `taken + overbooked = booked rooms on ${n.date}`).toBe(n.booked);
  }
}
