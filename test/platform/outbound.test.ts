import { describe, expect, it, vi } from 'vitest';
import { Logger } from '../../src/lib/log';
import { createOutbound } from '../../src/lib/outbound';
import { fakeFetch } from '../helpers/outbound';

function capture() {
  const log = new Logger('debug');
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
  vi.spyOn(console, 'warn').mockImplementation((line: string) => lines.push(line));
  return { log, lines };
}

describe('outbound HTTP client', () => {
  it('answers with the response and logs service, host, status and latency only', async () => {
    const { log, lines } = capture();
    const fetch = fakeFetch([
      {
        method: 'POST',
        url: 'https://partner.example/v2/payments',
        reply: () => new Response('{"ok":true}', { status: 201 }),
      },
    ]);
    const outbound = createOutbound({ fetch, log });
    const result = await outbound({
      service: 'square',
      method: 'POST',
      url: 'https://partner.example/v2/payments?token=secret-in-query',
      headers: { authorization: 'Bearer sq0-secret' },
      body: '{"buyer_email_address":"guest@example.com"}',
    });
    vi.restoreAllMocks();
    expect(result).toMatchObject({ ok: true, outcome: 'ok', status: 201 });
    if (result.ok) expect(await result.response.json()).toEqual({ ok: true });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      msg: 'outbound',
      service: 'square',
      method: 'POST',
      host: 'partner.example',
      status: 201,
      outcome: 'ok',
    });
    expect(lines[0]).not.toMatch(/secret|guest@example.com|sq0/);
    fetch.assertAllUsed();
  });

  it('reports a non-2xx as an http_error with its response', async () => {
    const { log } = capture();
    const fetch = fakeFetch([
      { url: 'https://partner.example/hook', reply: () => new Response('nope', { status: 503 }) },
    ]);
    const result = await createOutbound({ fetch, log })({ service: 'webhook', url: 'https://partner.example/hook' });
    vi.restoreAllMocks();
    expect(result).toMatchObject({ ok: true, outcome: 'http_error', status: 503 });
  });

  it('gives up after its timeout', async () => {
    const { log, lines } = capture();
    const hanging = (async (_input: Request | string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof fetch;
    const result = await createOutbound({ fetch: hanging, log })({
      service: 'ota',
      url: 'https://ota.example/',
      timeoutMs: 20,
    });
    vi.restoreAllMocks();
    expect(result).toMatchObject({ ok: false, outcome: 'timeout', error: 'no answer within 20 ms' });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'warn', outcome: 'timeout', service: 'ota' });
  });

  it('does not follow redirects unless asked', async () => {
    const { log } = capture();
    const seen: (RequestInit['redirect'] | undefined)[] = [];
    const spy = (async (_input: Request | string, init?: RequestInit) => {
      seen.push(init?.redirect);
      return new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/' } });
    }) as typeof fetch;
    const outbound = createOutbound({ fetch: spy, log });
    const manual = await outbound({ service: 'webhook', url: 'https://partner.example/' });
    await outbound({ service: 'webhook', url: 'https://partner.example/', followRedirects: true });
    vi.restoreAllMocks();
    expect(seen).toEqual(['manual', 'follow']);
    expect(manual).toMatchObject({ ok: true, outcome: 'http_error', status: 302 });
  });

  it('a network failure is an outcome, not an exception', async () => {
    const { log } = capture();
    const fetch = fakeFetch([]);
    const result = await createOutbound({ fetch, log })({ service: 'webhook', url: 'https://unexpected.example/' });
    vi.restoreAllMocks();
    expect(result).toMatchObject({ ok: false, outcome: 'network_error' });
    expect(fetch.unexpected).toEqual(['GET https://unexpected.example/']);
  });
});
