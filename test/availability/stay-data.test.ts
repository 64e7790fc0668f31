import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/dates';
import { type RateNight, type RoomNight, rateNightKey, roomNightKey } from '../../src/modules/availability/offers';
import { loadSearchContext } from '../../src/modules/availability/stay-data';
import { hotelIntegrationsRow } from '../../src/modules/integrations/integrations.service';
import { inDays } from '../helpers/ari';
import { createHotel, createRatePlan, createRoomType } from '../helpers/builders';

/** A small deterministic generator: the same data on every run, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The stay's nights as plain rows, one per night: what the grouped JSON of loadSearchContext must carry. */
async function plainNights(hotelId: string, checkIn: string, checkOut: string) {
  const [rooms, rates] = await env.DB.batch<Record<string, number | string | null>>([
    env.DB.prepare(
      'SELECT room_type_id, date, inventory, taken + overbooked AS taken FROM room_nights WHERE hotel_id = ? AND date >= ? AND date < ?',
    ).bind(hotelId, checkIn, checkOut),
    env.DB.prepare('SELECT * FROM rate_nights WHERE hotel_id = ? AND date >= ? AND date <= ?').bind(
      hotelId,
      checkIn,
      checkOut,
    ),
  ]);
  const roomNights = new Map<string, RoomNight>();
  for (const r of rooms?.results ?? []) {
    roomNights.set(roomNightKey(r.room_type_id as string, r.date as string), {
      inventory: r.inventory as number,
      taken: r.taken as number,
    });
  }
  const rateNights = new Map<string, RateNight>();
  for (const r of rates?.results ?? []) {
    rateNights.set(rateNightKey(r.rate_plan_id as string, r.room_type_id as string, r.date as string), {
      amount: r.amount as number | null,
      minStay: r.min_stay as number | null,
      maxStay: r.max_stay as number | null,
      closed: r.closed === 1,
      closedToArrival: r.closed_to_arrival === 1,
      closedToDeparture: r.closed_to_departure === 1,
    });
  }
  return { roomNights, rateNights };
}

describe('the stay data of a search or booking', () => {
  it('carries every night of the window as stored, grouped per room type and rate plan, and the hotel settings', async () => {
    const hotel = await createHotel();
    const party = { max_adults: 3, max_children: 2, max_occupancy: 4, base_occupancy: 2 };
    const roomTypes = [];
    for (let i = 0; i < 4; i++) roomTypes.push(await createRoomType(hotel.id, party));
    const ids = roomTypes.map((r) => r.id);
    // Several plans per room type, one plan on a single room type, rows for a room type no plan covers.
    const ratePlans = [
      await createRatePlan(hotel.id, ids),
      await createRatePlan(hotel.id, ids.slice(0, 2)),
      await createRatePlan(hotel.id, ids.slice(2, 3)),
    ];
    const random = seeded(20261130);
    const writes: D1PreparedStatement[] = [];
    for (let day = 0; day < 40; day++) {
      const date = inDays(day);
      for (const rt of roomTypes) {
        // Some nights have no room row at all, some no rate row: both must stay missing.
        if (random() < 0.15) continue;
        const inventory = Math.floor(random() * 4);
        writes.push(
          env.DB.prepare(
            'INSERT INTO room_nights (room_type_id, date, hotel_id, inventory, taken, overbooked) VALUES (?, ?, ?, ?, ?, ?)',
          ).bind(rt.id, date, hotel.id, inventory, Math.floor(random() * (inventory + 1)), random() < 0.1 ? 1 : 0),
        );
        for (const rp of ratePlans) {
          if (random() < 0.15) continue;
          const flag = () => (random() < 0.1 ? 1 : 0);
          writes.push(
            env.DB.prepare(
              `INSERT INTO rate_nights (rate_plan_id, room_type_id, date, hotel_id, amount, min_stay, max_stay, closed,
                 closed_to_arrival, closed_to_departure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            ).bind(
              rp.id,
              rt.id,
              date,
              hotel.id,
              random() < 0.1 ? null : 5000 + Math.floor(random() * 10000),
              random() < 0.3 ? 1 + Math.floor(random() * 4) : null,
              random() < 0.3 ? 1 + Math.floor(random() * 6) : null,
              flag(),
              flag(),
              flag(),
            ),
          );
        }
      }
    }
    await env.DB.batch(writes);
    // An inactive rate plan and room type keep their stored nights in the data: the search leaves them
    // out by the catalog lists, not by the nights it reads.
    await env.DB.batch([
      env.DB.prepare("UPDATE rate_plans SET status = 'inactive' WHERE id = ?").bind(ratePlans[1]?.id),
      env.DB.prepare("UPDATE room_types SET status = 'inactive' WHERE id = ?").bind(ids[3]),
    ]);

    const settings: (readonly unknown[] | null)[] = [
      null,
      [0, 0, 500, 0, '["expedia"]', 60, 0],
      [1, null, null, 1, null, null, null],
    ];
    for (const values of settings) {
      if (values) {
        await env.DB.prepare(
          `INSERT OR REPLACE INTO hotel_integrations (hotel_id, booking_engine_enabled, booking_engine_cache_ttl,
             booking_engine_timeout_ms, ota_enabled, ota_providers, ota_sync_interval, ota_auto_accept, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
          .bind(hotel.id, ...values, Date.UTC(2026, 10, 30))
          .run();
      }
      for (let i = 0; i < 12; i++) {
        const checkIn = inDays(Math.floor(random() * 30));
        const checkOut = addDays(checkIn, 1 + Math.floor(random() * 8));
        const ctx = await loadSearchContext(env.DB, hotel.id, checkIn, checkOut);
        expect(ctx?.data).toEqual(await plainNights(hotel.id, checkIn, checkOut));
        expect(ctx?.integrations).toEqual(await hotelIntegrationsRow(env.DB, hotel.id));
        expect(ctx?.roomTypes.map((r) => r.id).sort()).toEqual(ids.slice(0, 3).sort());
        expect(ctx?.ratePlans.map((r) => r.id).sort()).toEqual([ratePlans[0]?.id, ratePlans[2]?.id].sort());

        // A booking's read: only its room types and rate plans (an inactive one stays out), the rest as above.
        const scope = {
          roomTypeIds: ids.filter(() => random() < 0.5),
          ratePlanIds: ratePlans.map((r) => r.id).filter(() => random() < 0.6),
        };
        const scoped = await loadSearchContext(env.DB, hotel.id, checkIn, checkOut, scope);
        const plain = await plainNights(hotel.id, checkIn, checkOut);
        const roomTypeIn = (key: string) => scope.roomTypeIds.includes(key.split('|')[0] as string);
        const planAndTypeIn = (key: string) => {
          const [ratePlanId, roomTypeId] = key.split('|') as [string, string];
          return scope.ratePlanIds.includes(ratePlanId) && scope.roomTypeIds.includes(roomTypeId);
        };
        expect(scoped?.data).toEqual({
          roomNights: new Map([...plain.roomNights].filter(([key]) => roomTypeIn(key))),
          rateNights: new Map([...plain.rateNights].filter(([key]) => planAndTypeIn(key))),
        });
        expect(scoped?.integrations).toEqual(ctx?.integrations);
        expect(scoped?.hotel).toEqual(ctx?.hotel);
        expect(scoped?.roomTypes).toEqual(ctx?.roomTypes.filter((r) => scope.roomTypeIds.includes(r.id)));
        expect(scoped?.ratePlans).toEqual(ctx?.ratePlans.filter((r) => scope.ratePlanIds.includes(r.id)));
      }
    }
  });
});
