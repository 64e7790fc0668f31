import { describe, expect, it } from 'vitest';
import { createSquareEmulator } from '../../emulators/square/emulator.ts';
import { Logger } from '../../src/lib/log';
import { createOutbound } from '../../src/lib/outbound';
import { callSquare, toSquareMoney } from '../../src/modules/payments/square.client';
import { testDeps } from '../helpers/deps';

describe('callSquare', () => {
  it('sends the SDK request through our outbound client and returns plain data', async () => {
    const square = createSquareEmulator({ tokens: { tok: { id: 'M1', locationId: 'L1' } } });
    const seen: Request[] = [];
    const outbound = createOutbound({
      fetch: async (input, init) => {
        const r = new Request(input, init);
        seen.push(r.clone());
        return square.fetch(r);
      },
      log: new Logger('error'),
    });
    const deps = testDeps({ outbound });
    const config = { ...deps.config, PAYMENT_GATEWAY_API_URL: 'http://square.test' };
    const result = await callSquare({ ...deps, config }, { accessToken: 'tok' }, async (client) => {
      const res = await client.payments.create({
        idempotencyKey: 'k1',
        sourceId: 'cnon:card-nonce-ok',
        amountMoney: toSquareMoney(1500, 'USD'),
        locationId: 'L1',
      });
      return { id: res.payment?.id, amount: Number(res.payment?.amountMoney?.amount) };
    });
    expect(result).toMatchObject({ ok: true, value: { amount: 1500 } });
    const body = await seen[0]?.text();
    expect(body).toContain('"amount":1500');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer tok');
    const declined = await callSquare({ ...deps, config }, { accessToken: 'tok' }, (client) =>
      client.payments.create({
        idempotencyKey: 'k2',
        sourceId: 'cnon:card-nonce-declined',
        amountMoney: toSquareMoney(1, 'USD'),
      }),
    );
    expect(declined).toMatchObject({ ok: false, kind: 'refused', status: 400, errors: [{ code: 'GENERIC_DECLINE' }] });
  });

  it('reads a decline from its error category whether Square answers it 400 or 402', async () => {
    const square = createSquareEmulator({ tokens: { tok: { id: 'M1', locationId: 'L1' } }, declineStatus: 402 });
    const outbound = createOutbound({
      fetch: (input, init) => square.fetch(new Request(input, init)),
      log: new Logger('error'),
    });
    const deps = testDeps({ outbound });
    const config = { ...deps.config, PAYMENT_GATEWAY_API_URL: 'http://square.test' };
    const declined = await callSquare({ ...deps, config }, { accessToken: 'tok' }, (client) =>
      client.payments.create({
        idempotencyKey: 'k1',
        sourceId: 'cnon:card-nonce-insufficient-funds',
        amountMoney: toSquareMoney(700, 'USD'),
      }),
    );
    expect(declined).toMatchObject({
      ok: false,
      kind: 'refused',
      status: 402,
      errors: [{ category: 'PAYMENT_METHOD_ERROR', code: 'INSUFFICIENT_FUNDS' }],
      body: { payment: { status: 'FAILED' } },
    });
  });
});
