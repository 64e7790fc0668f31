import { describe, expect, it } from 'vitest';
import { createWeHubClient, WeHubError } from '../../client/src/index.ts';
import { DEFAULT_RETRY, nextDelayMs, retryAfterMs } from '../../client/src/retry.ts';

type Answer = Response | Error | ((request: Request) => Promise<Response>);

const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(
    JSON.stringify({
      type: `https://docs.wehub.work/errors/${code}`,
      title: code,
      status,
      detail: code,
      code,
      request_id: 'req_1',
    }),
    {
      status,
      headers: { 'content-type': 'application/problem+json', ...headers },
    },
  );
const page = () => Response.json({ data: [], next_cursor: null });

/** A client whose network answers from `answers` in order, recording the requests and the waits. */
function scripted(answers: Answer[], options: { random?: () => number } = {}) {
  const requests: Request[] = [];
  const waits: number[] = [];
  const client = createWeHubClient({
    baseUrl: 'https://api.example.test',
    apiKey: 'wh_test_key',
    fetch: async (request) => {
      requests.push(request);
      const next = answers.shift();
      if (next === undefined) throw new Error('no more scripted answers');
      if (next instanceof Error) throw next;
      return typeof next === 'function' ? next(request) : next;
    },
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: options.random ?? (() => 0.5),
  });
  return { client, requests, waits };
}

describe('what the client retries', () => {
  it('waits as long as a 429’s Retry-After says, then succeeds', async () => {
    const { client, requests, waits } = scripted([problem(429, 'rate_limited', { 'retry-after': '7' }), page()]);
    await expect(client.GET('/api/v1/hotels')).resolves.toEqual({ data: [], next_cursor: null });
    expect(waits).toEqual([7000]);
    expect(requests).toHaveLength(2);
  });

  it('reads a Retry-After given as an HTTP date', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    expect(retryAfterMs('Mon, 30 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('gives up on a Retry-After longer than it may wait, with the 429 as the error', async () => {
    const { client, waits } = scripted([problem(429, 'rate_limited', { 'retry-after': '3600' })]);
    await expect(client.GET('/api/v1/hotels')).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
    expect(waits).toEqual([]);
  });

  it('retries a creating POST while its key is in flight, sending the same key each time', async () => {
    const created = Response.json({ id: 'htl_1' }, { status: 201 });
    const { client, requests, waits } = scripted([
      problem(409, 'idempotency_in_flight', { 'retry-after': '1' }),
      created,
    ]);
    await client.POST('/api/v1/hotels', { body: { name: 'H', timezone: 'Europe/Vienna', currency: 'EUR' } as never });
    expect(waits).toEqual([1000]);
    const keys = requests.map((r) => r.headers.get('idempotency-key'));
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
  });

  it('does not retry a 409 that is a real conflict', async () => {
    const { client, requests } = scripted([problem(409, 'sold_out')]);
    await expect(
      client.POST('/api/v1/hotels', { body: { name: 'H', timezone: 'Europe/Vienna', currency: 'EUR' } as never }),
    ).rejects.toMatchObject({ status: 409, code: 'sold_out' });
    expect(requests).toHaveLength(1);
  });

  it('backs off exponentially with jitter on 5xx and network errors, then throws the last answer', async () => {
    const { client, requests, waits } = scripted(
      [
        problem(503, 'service_unavailable'),
        new TypeError('fetch failed'),
        problem(500, 'internal_error'),
        problem(502, 'gateway_error'),
      ],
      { random: () => 0.5 },
    );
    const err = await client.GET('/api/v1/hotels').catch((e) => e);
    expect(err).toBeInstanceOf(WeHubError);
    expect(err).toMatchObject({ status: 502, code: 'gateway_error', requestId: 'req_1' });
    expect(requests).toHaveLength(1 + DEFAULT_RETRY.maxRetries);
    // Half of 500, 1000, 2000 ms: the ceiling doubles, the draw is uniform below it.
    expect(waits).toEqual([250, 500, 1000]);
  });

  it('caps the backoff at maxDelayMs', () => {
    const failure = { kind: 'network' } as const;
    const options = { ...DEFAULT_RETRY, maxRetries: 20 };
    expect(nextDelayMs(15, failure, options, 0.999)).toBeLessThan(DEFAULT_RETRY.maxDelayMs);
    expect(nextDelayMs(20, failure, options, 0.5)).toBeNull();
  });

  it('never sends a POST without an Idempotency-Key twice', async () => {
    const cancel = () =>
      client.POST('/api/v1/booking-engine/reservations/{id}/cancel', { params: { path: { id: 'res_1' } } });
    const { client, requests } = scripted([problem(503, 'service_unavailable'), new TypeError('fetch failed')]);
    await expect(cancel()).rejects.toMatchObject({ status: 503 });
    await expect(cancel()).rejects.toThrow('fetch failed');
    expect(requests).toHaveLength(2);
    expect(requests[0]?.headers.get('idempotency-key')).toBeNull();
  });

  it('takes a payment’s body idempotency_key as its header, so the two agree', async () => {
    const { client, requests } = scripted([Response.json({ id: 'pay_1' }, { status: 201 })]);
    await client.POST('/api/v1/payments/process', {
      body: {
        amount: 100,
        currency: 'EUR',
        source_id: 'cnon:ok',
        reservation_id: 'res_1',
        idempotency_key: 'order-42',
      } as never,
    });
    expect(requests[0]?.headers.get('idempotency-key')).toBe('order-42');
  });

  it('keeps a key the caller chose', async () => {
    const { client, requests } = scripted([Response.json({ id: 'htl_1' }, { status: 201 })]);
    await client.POST('/api/v1/hotels', {
      params: { header: { 'idempotency-key': 'my-key-1' } },
      body: { name: 'H', timezone: 'Europe/Vienna', currency: 'EUR' } as never,
    });
    expect(requests[0]?.headers.get('idempotency-key')).toBe('my-key-1');
  });
});

describe('timeouts and cancellation', () => {
  /** An answer that never comes: it only ends when the request is aborted. */
  const hang = (request: Request) =>
    new Promise<Response>((_, reject) => {
      if (request.signal.aborted) reject(request.signal.reason);
      request.signal.addEventListener('abort', () => reject(request.signal.reason));
    });

  it('aborts an attempt after the call’s timeoutMs and retries it when that is safe', async () => {
    const { client, requests, waits } = scripted([hang, page()]);
    await expect(client.GET('/api/v1/hotels', { timeoutMs: 5 })).resolves.toEqual({ data: [], next_cursor: null });
    expect(requests).toHaveLength(2);
    expect(requests[0]?.signal.aborted).toBe(true);
    expect(waits).toHaveLength(1);
  });

  it('times attempts out in runtimes without AbortSignal.any too', async () => {
    const any = AbortSignal.any;
    Object.defineProperty(AbortSignal, 'any', { value: undefined, configurable: true, writable: true });
    try {
      const { client, requests } = scripted([hang, page()]);
      await expect(client.GET('/api/v1/hotels', { timeoutMs: 5 })).resolves.toEqual({ data: [], next_cursor: null });
      expect(requests[0]?.signal.aborted).toBe(true);
    } finally {
      Object.defineProperty(AbortSignal, 'any', { value: any, configurable: true, writable: true });
    }
  });

  it('does not retry what the caller aborted', async () => {
    const controller = new AbortController();
    const { client, requests } = scripted([
      (request) => {
        controller.abort(new Error('user navigated away'));
        return hang(request);
      },
    ]);
    await expect(client.GET('/api/v1/hotels', { signal: controller.signal })).rejects.toThrow('user navigated away');
    expect(requests).toHaveLength(1);
  });
});

describe('credentials', () => {
  it('sends a Bearer token, asking a token function before each request', async () => {
    let minted = 0;
    const requests: Request[] = [];
    const client = createWeHubClient({
      baseUrl: 'https://api.example.test',
      token: async () => `jwt-${++minted}`,
      fetch: async (request) => {
        requests.push(request);
        return page();
      },
    });
    await client.GET('/api/v1/hotels');
    await client.GET('/api/v1/hotels');
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
    expect(requests[0]?.headers.get('x-api-key')).toBeNull();
  });

  it('a non-problem error answer is a WeHubError with code http_error', async () => {
    const { client } = scripted([new Response('<html>Bad gateway</html>', { status: 400 })]);
    await expect(client.GET('/api/v1/hotels')).rejects.toMatchObject({ status: 400, code: 'http_error', errors: [] });
  });
});
