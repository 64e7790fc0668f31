import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import type { Principal } from '../../src/env';
import { LOCK_MS } from '../../src/modules/idempotency/idempotency.rules';
import { claimKey } from '../../src/modules/idempotency/idempotency.service';
import { CreateReservationBody } from '../../src/modules/reservations/reservations.schema';
import { type BookingIdempotency, createReservation } from '../../src/modules/reservations/reservations.service';
import { testDeps } from '../helpers/deps';
import { auditInventory, bookableHotel, bookingBody, takenOn } from '../helpers/reservations';

const ADMIN: Principal = { kind: 'admin', id: 'admin', keyId: null, scopes: [], hotelIds: null, allowedOrigins: [] };
const db = createDb(env.DB);

const reservationsOf = async (hotelId: string) =>
  (await env.DB.prepare('SELECT id FROM reservations WHERE hotel_id = ?').bind(hotelId).all()).results.length;

describe('a booking whose idempotency claim a retry took over', () => {
  it('books nothing (409): the retry that took the key over books once', async () => {
    const h = await bookableHotel();
    const body = CreateReservationBody.parse(bookingBody(h));
    const scope = { principalId: 'admin', key: `takeover-${crypto.randomUUID()}` };
    const start = Date.now();
    // The first request claims, then outlives its lock (a batch stuck in D1); a retry takes the key over.
    const first = await claimKey(db, scope, 'same body', new Date(start));
    const retry = await claimKey(db, scope, 'same body', new Date(start + LOCK_MS + 1));
    if (first.kind !== 'claimed' || retry.kind !== 'claimed') throw new Error('both should have claimed');
    const answer: BookingIdempotency['answer'] = (created) => ({
      status: 201,
      body: JSON.stringify({ id: created.row.id }),
      headers: { 'content-type': 'application/json' },
    });
    const deps = testDeps();
    // Each request's claim as its stay read settled it (the claim itself was made above).
    const settledAs = (lockedUntil: Date): BookingIdempotency => ({
      deferred: {
        scope,
        statement: (d1) => d1.prepare('SELECT 1'),
        settle: async () => ({ kind: 'claimed', lockedUntil }),
      },
      answer,
    });

    // The first request's batch now reaches D1: its claim is no longer its own.
    const late = createReservation(deps, ADMIN, body, settledAs(first.lockedUntil));
    await expect(late).rejects.toMatchObject({ code: 'idempotency_in_flight', status: 409 });
    expect(await reservationsOf(h.hotel.id)).toBe(0);
    expect(await takenOn(h.roomType.id, body.check_in)).toBe(0);

    const booked = await createReservation(deps, ADMIN, body, settledAs(retry.lockedUntil));
    expect(booked.recorded?.body).toBe(JSON.stringify({ id: booked.row.id }));
    expect(await reservationsOf(h.hotel.id)).toBe(1);
    expect(await takenOn(h.roomType.id, body.check_in)).toBe(1);
    await auditInventory(h.hotel.id);
    await deps.settle();
  });
});
