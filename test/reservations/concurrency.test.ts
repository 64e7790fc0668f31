import { describe, expect, it } from 'vitest';
import { inDays } from '../helpers/ari';
import { call } from '../helpers/http';
import { auditInventory, book, bookableHotel, bookingBody, takenOn } from '../helpers/reservations';

/** A small deterministic PRNG so a failing sequence can be replayed from its seed. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('inventory under concurrency', () => {
  it('sells the last 3 units exactly once among 50 concurrent bookings', async () => {
    const h = await bookableHotel({ units: 3 });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        book(bookingBody(h, { guest: { first_name: 'G', last_name: `${i}`, email: `g${i}@example.com` } })),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(47);
    for (const r of responses.filter((x) => x.status === 409)) expect((await r.json<any>()).code).toBe('sold_out');
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(3);
    await auditInventory(h.hotel.id);
  });

  it('keeps taken ≤ inventory and taken = active rooms through random interleaved book/modify/cancel', async () => {
    const seed = 20261127;
    const rand = mulberry32(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const h = await bookableHotel({ units: 2 });
    const live: string[] = [];
    for (let step = 0; step < 12; step++) {
      // A few operations at once, so they really interleave in the worker.
      const ops = Array.from({ length: 4 }, () => {
        const kind = live.length === 0 ? 'book' : pick(['book', 'book', 'modify', 'cancel', 'check-in'] as const);
        const start = 5 + Math.floor(rand() * 6);
        const nights = 1 + Math.floor(rand() * 3);
        if (kind === 'book') {
          const n = Math.floor(rand() * 1e6);
          return book(
            bookingBody(h, {
              check_in: inDays(start),
              check_out: inDays(start + nights),
              status: rand() < 0.3 ? 'pending' : 'confirmed',
              guest: { first_name: 'R', last_name: `${n}`, email: `r${n}@example.com` },
            }),
          ).then(async (r) => {
            if (r.status === 201) live.push((await r.json<any>()).id);
            return r.status;
          });
        }
        const id = pick(live);
        if (kind === 'modify') {
          return call('PUT', `/api/booking-engine/reservations/${id}`, {
            body: { check_in: inDays(start), check_out: inDays(start + nights) },
          }).then((r) => r.status);
        }
        return call('POST', `/api/v1/booking-engine/reservations/${id}/${kind}`).then((r) => r.status);
      });
      const statuses = await Promise.all(ops);
      for (const s of statuses) expect([200, 201, 409], `seed ${seed} step ${step}`).toContain(s);
      await auditInventory(h.hotel.id);
    }
  });
});
