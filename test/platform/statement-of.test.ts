import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb, statementOf } from '../../src/db';
import { type HotelRow, hotels, type RatePlanRow, ratePlans } from '../../src/modules/catalog/catalog.table';

const hotel: HotelRow = {
  id: 'htl_statement_of',
  name: 'Statement Inn',
  timezone: 'Europe/Vienna',
  currency: 'EUR',
  address: { line1: 'Ring 1', city: 'Wien' },
  contact: { email: 'desk@statement.example' },
  amenities: ['wifi', 'spa'],
  policies: { check_in_time: '15:00', check_out_time: '11:00' },
  status: 'active',
  createdAt: new Date(1_700_000_000_123),
  updatedAt: new Date(1_700_000_000_456),
};

const plan: RatePlanRow = {
  id: 'rp_statement_of',
  hotelId: hotel.id,
  code: 'FLEX',
  name: 'Flexible',
  description: '',
  roomTypeIds: ['rt_a', 'rt_b'],
  mealPlan: 'breakfast',
  cancellationPolicy: { free_until_hours: 48, penalty: { type: 'percentage', percent: 50 } },
  currency: 'EUR',
  extraAdultAmount: 2500,
  extraChildAmount: 0,
  status: 'active',
  createdAt: new Date(1_700_000_000_789),
  updatedAt: new Date(1_700_000_000_789),
};

/** Catalog writes go into commitChange's batch as D1 statements built from drizzle queries. */
describe('statementOf', () => {
  it('binds driver values: timestamp_ms Dates as numbers, JSON columns as text', () => {
    const { params } = createDb(env.DB).insert(hotels).values(hotel).toSQL();
    expect(params).toContain(1_700_000_000_123);
    expect(params).toContain(JSON.stringify(hotel.address));
    expect(params.some((p) => p instanceof Date || (typeof p === 'object' && p !== null))).toBe(false);
  });

  it('writes rows that drizzle reads back unchanged (insert and update)', async () => {
    const db = createDb(env.DB);
    await env.DB.batch([
      statementOf(env.DB, db.insert(hotels).values(hotel)),
      statementOf(env.DB, db.insert(ratePlans).values(plan)),
    ]);
    expect(await db.select().from(hotels).where(eq(hotels.id, hotel.id)).get()).toEqual(hotel);
    expect(await db.select().from(ratePlans).where(eq(ratePlans.id, plan.id)).get()).toEqual(plan);

    const changes = { roomTypeIds: ['rt_c'], status: 'inactive' as const, updatedAt: new Date(1_800_000_000_000) };
    await statementOf(env.DB, db.update(ratePlans).set(changes).where(eq(ratePlans.id, plan.id))).run();
    expect(await db.select().from(ratePlans).where(eq(ratePlans.id, plan.id)).get()).toEqual({ ...plan, ...changes });
  });
});
