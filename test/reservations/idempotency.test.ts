import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inDays } from '../helpers/ari';
import { createApiKey } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';
import { auditInventory, book, bookableHotel, bookingBody, takenOn } from '../helpers/reservations';

async function reservationsOf(hotelId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM reservations WHERE hotel_id = ?')
    .bind(hotelId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * The booking's own D1 session commits its write batch (its second: the first claims the key and reads
 * the stay), then loses the connection before the answer arrives (the reviewer's "Network connection
 * lost" after commit): the first answer is a 500.
 */
function failAfterCommitOnce() {
  const original = env.DB.withSession.bind(env.DB);
  vi.spyOn(env.DB, 'withSession').mockImplementationOnce((constraint?: string) => {
    const session = original(constraint as D1SessionConstraint);
    let batches = 0;
    return new Proxy(session, {
      get(target, prop) {
        if (prop === 'batch') {
          return async (statements: D1PreparedStatement[]) => {
            const results = await target.batch(statements);
            if (++batches === 1) return results;
            throw new Error('D1_ERROR: Network connection lost.');
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  });
}

describe('Idempotency-Key on POST /reservations', () => {
  it('replays the original response and books nothing twice', async () => {
    const h = await bookableHotel();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await book(bookingBody(h), { headers });
    const original = await expectStatus(first, 201);
    const again = await book(bookingBody(h), { headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await expectStatus(again, 201)).toEqual(original);
    // The seed path and its /api/v1 twin are one endpoint: same key, same request, same answer.
    const twin = await call('POST', '/api/v1/booking-engine/reservations', { body: bookingBody(h), headers });
    expect(twin.headers.get('idempotent-replayed')).toBe('true');
    expect(await expectStatus(twin, 201)).toEqual(original);
    expect(await reservationsOf(h.hotel.id)).toBe(1);
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(1);
    const events = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM outbox_events WHERE type = 'reservation.created' AND subject_id = ?",
    )
      .bind(original.id)
      .first();
    expect(events).toEqual({ n: 1 });
  });

  it('refuses the same key with a different body (422)', async () => {
    const h = await bookableHotel();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    await expectStatus(book(bookingBody(h), { headers }), 201);
    const problem = await expectStatus(book(bookingBody(h, { adults: 1 }), { headers }), 422);
    expect(problem.code).toBe('idempotency_key_reused');
    expect(await reservationsOf(h.hotel.id)).toBe(1);
  });

  it('lets concurrent duplicates create exactly one reservation', async () => {
    const h = await bookableHotel();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const responses = await Promise.all(Array.from({ length: 8 }, () => book(bookingBody(h), { headers })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    expect(await reservationsOf(h.hotel.id)).toBe(1);
    await auditInventory(h.hotel.id);
  });

  it('replays a sold-out answer instead of booking on retry', async () => {
    const h = await bookableHotel({ units: 1 });
    await expectStatus(book(bookingBody(h)), 201);
    const headers = { 'idempotency-key': crypto.randomUUID() };
    await expectStatus(book(bookingBody(h), { headers }), 409);
    const again = await book(bookingBody(h), { headers });
    expect(again.status).toBe(409);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await reservationsOf(h.hotel.id)).toBe(1);
  });

  it('answers a retry with the committed reservation when the first attempt failed after its commit', async () => {
    const h = await bookableHotel();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    failAfterCommitOnce();
    expect((await book(bookingBody(h), { headers })).status).toBe(500);
    vi.restoreAllMocks();
    expect(await reservationsOf(h.hotel.id)).toBe(1);

    const retry = await book(bookingBody(h), { headers });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const body = await expectStatus(retry, 201);
    expect(body.hotel_id).toBe(h.hotel.id);
    expect(await reservationsOf(h.hotel.id)).toBe(1);
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(1);
    // Later retries replay the stored answer.
    expect(await expectStatus(book(bookingBody(h), { headers }), 201)).toEqual(body);
  });

  it('stores the answer in the booking’s own batch: a failure right after the commit leaves it to replay', async () => {
    const h = await bookableHotel();
    const key = crypto.randomUUID();
    failAfterCommitOnce();
    expect((await book(bookingBody(h), { headers: { 'idempotency-key': key } })).status).toBe(500);
    vi.restoreAllMocks();
    // The record was completed by the batch that booked, not after it: nothing is left to resume.
    const record = await env.DB.prepare(
      'SELECT state, response_status, response_body, resource_id FROM idempotency_keys WHERE key = ?',
    )
      .bind(key)
      .first<{ state: string; response_status: number; response_body: string; resource_id: string }>();
    expect(record).toMatchObject({ state: 'completed', response_status: 201 });
    expect(JSON.parse(record?.response_body ?? '{}').id).toBe(record?.resource_id);

    const retry = await book(bookingBody(h), { headers: { 'idempotency-key': key } });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.status).toBe(201);
    expect(await retry.text()).toBe(record?.response_body);
    expect(await reservationsOf(h.hotel.id)).toBe(1);
  });

  it('answers and replays the guest profile the batch filed the stay under, to the byte (hotel-side view)', async () => {
    const h = await bookableHotel();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await book(bookingBody(h), { headers });
    expect(first.status).toBe(201);
    const text = await first.text();
    const answer = JSON.parse(text);
    const row = await env.DB.prepare('SELECT guest_id FROM reservations WHERE id = ?')
      .bind(answer.id)
      .first<{ guest_id: string }>();
    expect(answer.guest.id).toBe(row?.guest_id);
    expect(first.headers.get('etag')).toBe(`"${answer.id}.v1"`);
    expect(first.headers.get('location')).toBe(`/api/v1/booking-engine/reservations/${answer.id}`);

    const again = await book(bookingBody(h), { headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(text);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
  });

  it('fills in the guest profile id literally, as SQL replace() does, whatever characters it holds', async () => {
    const h = await bookableHotel();
    // A profile whose id holds String.replace's special patterns ($& is the matched text, $$ a dollar).
    const profile = 'gst_$&$$';
    await env.DB.prepare(
      `INSERT INTO guests (id, hotel_id, email, first_name, last_name, phone, created_at, updated_at)
       VALUES (?, ?, 'ada@example.com', 'Ada', 'L', NULL, 0, 0)`,
    )
      .bind(profile, h.hotel.id)
      .run();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await book(bookingBody(h), { headers });
    const text = await first.text();
    expect(JSON.parse(text).guest.id).toBe(profile);
    const again = await book(bookingBody(h), { headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(text);
  });

  it('stores the answer once: the middleware does not write the record the batch completed', async () => {
    const h = await bookableHotel();
    const prepare = vi.spyOn(env.DB, 'prepare');
    await expectStatus(book(bookingBody(h), { headers: { 'idempotency-key': crypto.randomUUID() } }), 201);
    // The claim is an INSERT; the answer went with the booking's batch (its own session), not an UPDATE here.
    const updates = prepare.mock.calls.map(([sql]) => sql).filter((sql) => /update\W+idempotency_keys/i.test(sql));
    expect(updates).toEqual([]);
  });

  it('a widget’s replay answers with its own request id and CORS headers; the record keeps the result’s only', async () => {
    const origin = 'https://widget.example';
    const h = await bookableHotel();
    const k = await createApiKey({
      scopes: ['reservations:write'],
      hotel_ids: [h.hotel.id],
      allowed_origins: [origin],
    });
    const key = crypto.randomUUID();
    const send = (requestId: string) =>
      book(bookingBody(h), {
        auth: { apiKey: k.key },
        headers: { origin, 'idempotency-key': key, 'x-request-id': requestId },
      });
    const first = await send('first-request-0001');
    const replayed = await send('replay-request-0002');
    expect([first.status, replayed.status]).toEqual([201, 201]);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.headers.get('x-request-id')).toBe('replay-request-0002');
    for (const name of ['content-type', 'location', 'etag', 'access-control-allow-origin', 'vary']) {
      expect(replayed.headers.get(name), name).toBe(first.headers.get(name));
    }
    expect(replayed.headers.get('access-control-allow-origin')).toBe(origin);
    expect(await replayed.text()).toBe(await first.text());
    const row = await env.DB.prepare('SELECT response_headers FROM idempotency_keys WHERE key = ?')
      .bind(key)
      .first<{ response_headers: string }>();
    expect(Object.keys(JSON.parse(row?.response_headers ?? '{}')).sort()).toEqual(['content-type', 'etag', 'location']);
  });

  it('resumes for a widget that retries with a fresh token of the same key', async () => {
    const h = await bookableHotel();
    const widget = await createApiKey({ scopes: ['reservations:write'], hotel_ids: [h.hotel.id] });
    const token = async () =>
      (
        await expectStatus(
          call('POST', '/api/v1/auth/token', {
            auth: { apiKey: widget.key },
            body: { hotel_id: h.hotel.id, scopes: ['reservations:write'] },
          }),
          200,
        )
      ).access_token as string;
    const [first, second] = [await token(), await token()];
    const headers = { 'idempotency-key': crypto.randomUUID() };
    failAfterCommitOnce();
    expect((await book(bookingBody(h), { headers, auth: { bearer: first } })).status).toBe(500);
    vi.restoreAllMocks();
    const retry = await expectStatus(book(bookingBody(h), { headers, auth: { bearer: second } }), 201);
    expect(retry.guest).toEqual(bookingBody(h).guest);
    expect(await reservationsOf(h.hotel.id)).toBe(1);
  });

  // The claim is made in the stay read's round trip (idempotent's deferClaim): what that changes.
  it('replays a booking that took the last unit: the stay read with the claim is not priced before the claim settled', async () => {
    const h = await bookableHotel({ units: 1 });
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const original = await expectStatus(book(bookingBody(h), { headers }), 201);
    const again = await book(bookingBody(h), { headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await expectStatus(again, 201)).toEqual(original);
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(1);
  });

  it('validates the body before it looks at the key: a reused key with an invalid body is a 400', async () => {
    const h = await bookableHotel();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    await expectStatus(book(bookingBody(h), { headers }), 201);
    const problem = await expectStatus(book(bookingBody(h, { adults: 0 }), { headers }), 400);
    expect(problem.code).toBe('validation_failed');
    // The record is untouched: the original still replays.
    const again = await book(bookingBody(h), { headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.status).toBe(201);
  });

  it('books on a key whose record expired (the claim the stay read could not make, taken by claimKey)', async () => {
    const h = await bookableHotel();
    const key = crypto.randomUUID();
    await expectStatus(book(bookingBody(h), { headers: { 'idempotency-key': key } }), 201);
    await env.DB.prepare('UPDATE idempotency_keys SET expires_at = ? WHERE key = ?')
      .bind(Date.now() - 1000, key)
      .run();
    const fresh = await book(bookingBody(h), { headers: { 'idempotency-key': key } });
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    const made = await expectStatus(fresh, 201);
    expect(await reservationsOf(h.hotel.id)).toBe(2);
    const record = await env.DB.prepare('SELECT state, resource_id FROM idempotency_keys WHERE key = ?')
      .bind(key)
      .first();
    expect(record).toEqual({ state: 'completed', resource_id: made.id });
    await auditInventory(h.hotel.id);
  });

  it('completes a claim the stay read made with the refusal that followed it, as any claim', async () => {
    const h = await bookableHotel();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    // A room type of no hotel: refused (404) after the claim was made with the stay read.
    const body = bookingBody(h, { room_type_id: 'rt_none' });
    const refused = await expectStatus(book(body, { headers }), 404);
    const record = await env.DB.prepare('SELECT state, response_status FROM idempotency_keys WHERE key = ?')
      .bind(headers['idempotency-key'])
      .first();
    expect(record).toEqual({ state: 'completed', response_status: 404 });
    const again = await book(body, { headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await expectStatus(again, 404)).toEqual(refused);
  });
});
