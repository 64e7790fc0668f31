import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/app';
import { ADMIN_KEY, call, expectProblem } from '../helpers/http';

const validKey = { name: 'k', scopes: ['hotels:read'], hotel_ids: null };

function post(body: BodyInit, headers: Record<string, string>) {
  return exports.default.fetch(
    new Request('http://localhost/api/v1/api-keys', {
      method: 'POST',
      headers: { 'x-api-key': ADMIN_KEY, ...headers },
      body,
    }),
  );
}

describe('problem+json errors', () => {
  it('malformed JSON → 400 malformed_json', async () => {
    const body = await expectProblem(
      await post('{"name": "k",', { 'content-type': 'application/json' }),
      400,
      'malformed_json',
    );
    expect(body.detail).toMatch(/JSON/);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
    'a body sent as %s → 415',
    async (type) => {
      await expectProblem(
        await post(JSON.stringify(validKey), { 'content-type': type }),
        415,
        'unsupported_media_type',
      );
    },
  );

  it('a body with no content type → 415', async () => {
    const res = await post(new Blob([JSON.stringify(validKey)]), {});
    await expectProblem(res, 415, 'unsupported_media_type');
  });

  it('JSON media types with parameters or a +json suffix are accepted', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      expect((await post(JSON.stringify(validKey), { 'content-type': type })).status).toBe(201);
    }
  });

  it('a body over 1 MB → 413, whether announced by Content-Length or streamed', async () => {
    const big = JSON.stringify({ ...validKey, name: 'x'.repeat(MAX_BODY_BYTES) });
    await expectProblem(await post(big, { 'content-type': 'application/json' }), 413, 'payload_too_large');

    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    await expectProblem(await post(stream, { 'content-type': 'application/json' }), 413, 'payload_too_large');
  });

  it('an unknown route → 404, inside and outside the API', async () => {
    const api = await expectProblem(await call('GET', '/api/v1/nothing-here'), 404, 'not_found');
    expect(api.detail).toBe('No route for GET /api/v1/nothing-here.');
    await expectProblem(await call('GET', '/nothing-here', { auth: null }), 404, 'not_found');
  });

  it('validation → 400 validation_failed with a path per field', async () => {
    const res = await call('POST', '/api/v1/api-keys', { body: { name: 7, scopes: ['hotels:read', 'bogus'] } });
    const body = await expectProblem(res, 400, 'validation_failed');
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'scopes.1', 'hotel_ids']));
    for (const e of body.errors) expect(e.message).toEqual(expect.any(String));
  });

  it('invalid query parameters name the query field', async () => {
    const body = await expectProblem(await call('GET', '/api/v1/api-keys?limit=0'), 400, 'validation_failed');
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(['query.limit']);
  });

  it('authentication failures are problems too', async () => {
    await expectProblem(await call('GET', '/api/v1/api-keys', { auth: null }), 401, 'unauthorized');
  });
});

describe('X-Request-Id', () => {
  it('is on every response, success or error, API or not', async () => {
    const responses = [
      await call('GET', '/health', { auth: null }),
      await call('GET', '/openapi.json', { auth: null }),
      await call('GET', '/api/v1/api-keys'),
      await call('GET', '/api/v1/api-keys', { auth: null }),
      await call('GET', '/nothing-here', { auth: null }),
    ];
    const ids = responses.map((r) => r.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('echoes a well-formed incoming id, in the header and in problems', async () => {
    const id = 'req_widget-2026.11:abc123';
    const res = await call('GET', '/api/v1/api-keys', { auth: null, headers: { 'x-request-id': id } });
    expect(res.headers.get('x-request-id')).toBe(id);
    expect((await res.json<{ request_id: string }>()).request_id).toBe(id);
  });

  it.each(['short', 'has spaces in it', 'x'.repeat(129), 'quote"injection<>'])(
    'replaces a malformed incoming id %s',
    async (id) => {
      const res = await call('GET', '/health', { auth: null, headers: { 'x-request-id': id } });
      expect(res.headers.get('x-request-id')).not.toBe(id);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    },
  );
});
