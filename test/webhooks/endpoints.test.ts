import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { createApiKey, createHotel } from '../helpers/builders';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { createEndpoint, ENDPOINTS, memoryQueue } from './harness';

memoryQueue();
const URL_OK = 'https://hooks.example.com/wehub';

async function hotelKey(hotelIds: string[]) {
  const { key } = await createApiKey({ scopes: ['webhooks:manage'], hotel_ids: hotelIds });
  return { apiKey: key };
}

async function stored(id: string) {
  return env.DB.prepare('SELECT * FROM webhook_endpoints WHERE id = ?').bind(id).first();
}

describe('webhook endpoints API', () => {
  it('creates an endpoint and shows its secret only then', async () => {
    const hotel = await createHotel();
    const created = await createEndpoint({
      url: URL_OK,
      events: ['reservation.*', 'ari.updated', 'reservation.created'],
      hotel_ids: [hotel.id],
      description: 'PMS',
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^whe_/),
      url: URL_OK,
      events: ['reservation.*', 'ari.updated', 'reservation.created'],
      hotel_ids: [hotel.id],
      description: 'PMS',
      enabled: true,
      disabled_reason: null,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{44}$/);
    expect(atob(created.secret.slice(6))).toHaveLength(32);

    const read = await expectStatus(call('GET', `${ENDPOINTS}/${created.id}`), 200);
    const listed = await expectStatus(call('GET', `${ENDPOINTS}?hotel_id=${hotel.id}`), 200);
    expect(listed.data.map((e: { id: string }) => e.id)).toEqual([created.id]);
    for (const body of [read, listed]) {
      expect(JSON.stringify(body)).not.toContain(created.secret.slice(6));
      expect(JSON.stringify(body)).not.toContain('"secret"');
    }

    const patched = await expectStatus(
      call('PATCH', `${ENDPOINTS}/${created.id}`, { body: { enabled: false, description: null, events: ['*'] } }),
      200,
    );
    expect(patched).toMatchObject({ enabled: false, disabled_reason: 'manual', description: null, events: ['*'] });
    await expectProblem(call('POST', `${ENDPOINTS}/${created.id}/test`), 409, 'invalid_state');
    await expectStatus(call('DELETE', `${ENDPOINTS}/${created.id}`), 204);
    await expectProblem(call('GET', `${ENDPOINTS}/${created.id}`), 404, 'not_found');
  });

  it.each([
    ['a URL that is not one', { url: 'hooks' }, 'url'],
    ['a scheme other than http(s)', { url: 'ftp://hooks.example.com/x' }, 'url'],
    ['a URL longer than 2048', { url: `https://hooks.example.com/${'a'.repeat(2050)}` }, 'url'],
    ['credentials in the URL', { url: 'https://u:p@hooks.example.com/x' }, 'url'],
    ['an unknown event type', { events: ['reservation.exploded'] }, 'events.0'],
    ['an unknown prefix', { events: ['guest.*'] }, 'events.0'],
    ['ping (sent on request only)', { events: ['ping'] }, 'events.0'],
    ['no events', { events: [] }, 'events'],
    ['more than 50 events', { events: Array(51).fill('*') }, 'events'],
    ['a description over 500 characters', { description: 'x'.repeat(501) }, 'description'],
    ['an unknown hotel', { hotel_ids: ['htl_01jzzzzzzzzzzzzzzzzzzzzzzz'] }, 'hotel_ids'],
    ['an empty hotel list', { hotel_ids: [] }, 'hotel_ids'],
    ['an unknown field', { secret: 'whsec_mine' }, ''],
  ])('refuses %s with a 400 naming the field', async (_name, change, path) => {
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM webhook_endpoints').first();
    const body = { url: URL_OK, events: ['*'], hotel_ids: [(await createHotel()).id], ...change };
    const problem = await expectProblem(call('POST', ENDPOINTS, { body }), 400, 'validation_failed');
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM webhook_endpoints').first()).toEqual(before);
  });

  it('a key limited to some hotels manages only endpoints of those hotels', async () => {
    const [a, b] = [await createHotel(), await createHotel()];
    const keyA = await hotelKey([a.id]);
    const mine = await createEndpoint({ url: URL_OK, events: ['*'] }, keyA);
    expect(mine.hotel_ids).toEqual([a.id]);
    const theirs = await createEndpoint({ url: URL_OK, events: ['*'], hotel_ids: [b.id] });
    const everyHotel = await createEndpoint({ url: URL_OK, events: ['ari.*'], hotel_ids: null });
    expect(everyHotel.hotel_ids).toBeNull();

    await expectProblem(
      call('POST', ENDPOINTS, { auth: keyA, body: { url: URL_OK, events: ['*'], hotel_ids: [b.id] } }),
      403,
    );
    await expectProblem(
      call('POST', ENDPOINTS, { auth: keyA, body: { url: URL_OK, events: ['*'], hotel_ids: null } }),
      403,
    );
    const listed = await expectStatus(call('GET', `${ENDPOINTS}?limit=100`, { auth: keyA }), 200);
    expect(listed.data.map((e: { id: string }) => e.id)).toEqual([mine.id]);
    await expectProblem(call('GET', `${ENDPOINTS}?hotel_id=${b.id}`, { auth: keyA }), 403);

    for (const other of [theirs.id, everyHotel.id]) {
      const before = await stored(other);
      await expectProblem(call('GET', `${ENDPOINTS}/${other}`, { auth: keyA }), 404);
      await expectProblem(call('PATCH', `${ENDPOINTS}/${other}`, { auth: keyA, body: { enabled: false } }), 404);
      await expectProblem(call('POST', `${ENDPOINTS}/${other}/rotate-secret`, { auth: keyA }), 404);
      await expectProblem(call('DELETE', `${ENDPOINTS}/${other}`, { auth: keyA }), 404);
      expect(await stored(other)).toEqual(before);
    }
    // Nor may it widen its own endpoint to another hotel.
    await expectProblem(
      call('PATCH', `${ENDPOINTS}/${mine.id}`, { auth: keyA, body: { hotel_ids: [a.id, b.id] } }),
      403,
    );
    await expectStatus(call('DELETE', `${ENDPOINTS}/${everyHotel.id}`), 204);
  });

  it('outside development refuses http and private, loopback and metadata addresses at creation', async () => {
    const hotel = await createHotel();
    const production = async (url: string) => {
      const ctx = createExecutionContext();
      const request = new Request(`http://localhost${ENDPOINTS}`, {
        method: 'POST',
        headers: { 'x-api-key': env.ADMIN_API_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ url, events: ['*'], hotel_ids: [hotel.id] }),
      });
      const res = await worker.fetch(request as never, { ...env, ENVIRONMENT: 'production' }, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    for (const url of [
      'http://hooks.example.com/x',
      'https://127.0.0.1/x',
      'https://169.254.169.254/latest/meta-data',
      'https://[::ffff:10.0.0.1]/x',
      'https://metadata.google.internal/',
    ]) {
      const problem = await expectProblem(production(url), 400, 'validation_failed', url);
      expect(problem.errors).toEqual([{ path: 'url', message: expect.stringMatching(/^The URL /) }]);
    }
    await expectStatus(production('https://hooks.example.com/x'), 201);
    // Development allows a local receiver.
    await createEndpoint({ url: 'http://127.0.0.1:8787/hook', events: ['*'], hotel_ids: [hotel.id] });
  });

  it('a create retried with the same Idempotency-Key makes one endpoint and answers the same', async () => {
    const hotel = await createHotel();
    const body = { url: URL_OK, events: ['*'], hotel_ids: [hotel.id] };
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await call('POST', ENDPOINTS, { body, headers });
    const again = await call('POST', ENDPOINTS, { body, headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = [await expectStatus(first, 201), await expectStatus(again, 201)];
    expect(b).toEqual(a);
    const listed = await expectStatus(call('GET', `${ENDPOINTS}?hotel_id=${hotel.id}`), 200);
    expect(listed.data).toHaveLength(1);
  });
});
