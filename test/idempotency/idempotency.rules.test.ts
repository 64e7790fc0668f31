import { describe, expect, it } from 'vitest';
import {
  canonicalBody,
  decide,
  isReplayableOutcome,
  replayedHeaders,
  requestFingerprint,
  resolveIdempotencyKey,
  type StoredRecord,
} from '../../src/modules/idempotency/idempotency.rules';

describe('resolveIdempotencyKey', () => {
  const resolve = (header: string | undefined, body: unknown = {}, bodyKey?: string) =>
    resolveIdempotencyKey({ header, bodyText: typeof body === 'string' ? body : JSON.stringify(body), bodyKey });

  it('returns no key when none is sent', () => {
    expect(resolve(undefined)).toEqual({ ok: true, value: null });
    expect(resolve(undefined, { name: 'x' }, 'idempotency_key')).toEqual({ ok: true, value: null });
    expect(resolve(undefined, { idempotency_key: null }, 'idempotency_key')).toEqual({ ok: true, value: null });
  });

  it('takes the header as it is, or unquotes an RFC 8941 string', () => {
    expect(resolve('abc-123')).toEqual({ ok: true, value: 'abc-123' });
    expect(resolve('"abc-123"')).toEqual({ ok: true, value: 'abc-123' });
    expect(resolve('"a\\"b"')).toEqual({ ok: true, value: 'a"b' });
    expect(resolve('"unterminated')).toEqual({ ok: true, value: '"unterminated' });
  });

  it.each(['', 'k'.repeat(256), 'a b', 'tab\there', 'caf\u00e9'])('rejects the header %j', (header) => {
    expect(resolve(header)).toMatchObject({ ok: false, errors: [{ path: 'header.Idempotency-Key' }] });
  });

  it('ignores the body unless a body key is configured', () => {
    expect(resolve(undefined, { idempotency_key: 'k' })).toEqual({ ok: true, value: null });
  });

  it('reads the body key, and tolerates a body that is not a JSON object', () => {
    expect(resolve(undefined, { idempotency_key: 'k1' }, 'idempotency_key')).toEqual({ ok: true, value: 'k1' });
    expect(resolve('h1', '{not json', 'idempotency_key')).toEqual({ ok: true, value: 'h1' });
    expect(resolve('h1', ['k1'], 'idempotency_key')).toEqual({ ok: true, value: 'h1' });
  });

  it('requires header and body key to agree', () => {
    expect(resolve('k1', { idempotency_key: 'k1' }, 'idempotency_key')).toEqual({ ok: true, value: 'k1' });
    expect(resolve('"k1"', { idempotency_key: 'k1' }, 'idempotency_key')).toEqual({ ok: true, value: 'k1' });
    expect(resolve('k1', { idempotency_key: 'k2' }, 'idempotency_key')).toMatchObject({
      ok: false,
      errors: [{ path: 'idempotency_key' }],
    });
  });

  it('rejects a body key that is not a valid key string', () => {
    for (const value of [42, '', 'a b']) {
      expect(resolve(undefined, { idempotency_key: value }, 'idempotency_key')).toMatchObject({
        ok: false,
        errors: [{ path: 'idempotency_key' }],
      });
    }
  });

  it('reports a bad header before looking at the body', () => {
    expect(resolve('a b', { idempotency_key: 'k' }, 'idempotency_key')).toMatchObject({
      ok: false,
      errors: [{ path: 'header.Idempotency-Key' }],
    });
  });
});

describe('requestFingerprint', () => {
  it('is a SHA-256 hex digest that changes with method, path or body', async () => {
    const base = await requestFingerprint('POST', '/a', '{"x":1}');
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await requestFingerprint('post', '/a', '{"x":1}')).toBe(base);
    expect(await requestFingerprint('PUT', '/a', '{"x":1}')).not.toBe(base);
    expect(await requestFingerprint('POST', '/b', '{"x":1}')).not.toBe(base);
    expect(await requestFingerprint('POST', '/a', '{"x":2}')).not.toBe(base);
  });

  it('compares JSON bodies in canonical form: key order and spacing do not matter, values and arrays do', async () => {
    const base = await requestFingerprint('POST', '/a', '{"x":1,"g":{"a":"b","c":[1,2]}}');
    expect(await requestFingerprint('POST', '/a', '{ "g" : { "c": [1, 2], "a": "b" },\n "x": 1 }')).toBe(base);
    expect(await requestFingerprint('POST', '/a', '{"x":1,"g":{"a":"b","c":[2,1]}}')).not.toBe(base);
    expect(await requestFingerprint('POST', '/a', '{"x":"1","g":{"a":"b","c":[1,2]}}')).not.toBe(base);
  });

  it('compares a body that is not JSON byte for byte', async () => {
    expect(canonicalBody('{"x": 1')).toBe('{"x": 1');
    expect(await requestFingerprint('POST', '/a', 'a=1')).not.toBe(await requestFingerprint('POST', '/a', 'a=1 '));
  });
});

describe('decide', () => {
  const now = new Date('2027-01-01T12:00:00Z');
  const at = (deltaMs: number) => new Date(now.getTime() + deltaMs);
  const record = (over: Partial<StoredRecord>): StoredRecord => ({
    requestHash: 'h',
    state: 'completed',
    lockedUntil: at(-1000),
    expiresAt: at(3_600_000),
    resourceId: null,
    ...over,
  });

  it('forgets an expired record before anything else', () => {
    expect(decide(record({ expiresAt: now, requestHash: 'other' }), 'h', now)).toBe('expired');
  });
  it('answers a different fingerprint with mismatch, in any state', () => {
    expect(decide(record({ requestHash: 'other' }), 'h', now)).toBe('mismatch');
    expect(decide(record({ requestHash: 'other', state: 'in_flight', lockedUntil: at(1) }), 'h', now)).toBe('mismatch');
  });
  it('replays a completed record', () => {
    expect(decide(record({}), 'h', now)).toBe('replay');
  });
  it('waits on a live lock and takes over a dead one', () => {
    expect(decide(record({ state: 'in_flight', lockedUntil: at(1) }), 'h', now)).toBe('in_flight');
    expect(decide(record({ state: 'in_flight', lockedUntil: now }), 'h', now)).toBe('take_over');
  });
});

describe('isReplayableOutcome', () => {
  it.each([
    [200, true],
    [201, true],
    [402, true],
    [404, true],
    [409, true],
    [422, true],
    [400, false],
    [429, false],
    [500, false],
    [503, false],
  ])('%i → %s', (status, expected) => {
    expect(isReplayableOutcome(status)).toBe(expected);
  });
});

describe('replayedHeaders', () => {
  it('keeps the headers that describe the result, not the per-request ones', () => {
    const headers = new Headers({
      'Content-Type': 'application/json',
      Location: '/x/1',
      ETag: '"v1"',
      'X-Request-Id': 'req_1',
      'Set-Cookie': 'a=b',
    });
    expect(replayedHeaders(headers)).toEqual({ 'content-type': 'application/json', location: '/x/1', etag: '"v1"' });
  });
});
