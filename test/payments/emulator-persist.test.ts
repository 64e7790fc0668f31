import { describe, expect, it } from 'vitest';
import { createSquareEmulator } from '../../emulators/square/emulator.ts';
import { restoreSnapshot, snapshotOf } from '../../emulators/square/persist.ts';

const tokens = { platform_token: { id: 'MPLATFORM', locationId: 'LPLATFORM' } };
const application = { applicationId: 'app-id', applicationSecret: 'app-secret' };

function post(square: ReturnType<typeof createSquareEmulator>, path: string, body: unknown, token = 'platform_token') {
  return square.fetch(
    new Request(`http://square.test${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

describe('Square emulator snapshot (npm run dev keeps its local Square across restarts)', () => {
  it('a restored account knows its payments, idempotency answers and the tokens hotels got through OAuth', async () => {
    const before = createSquareEmulator({
      tokens,
      oauth: { application, merchant: { id: 'MHOTEL', locationId: 'LHOTEL' } },
    });
    const pay = {
      idempotency_key: 'k1',
      source_id: 'cnon:card-nonce-ok',
      amount_money: { amount: 100, currency: 'EUR' },
    };
    const paid = (await (await post(before, '/v2/payments', pay)).json()) as { payment: { id: string } };
    const authorize = await before.fetch(
      new Request(
        'http://square.test/oauth2/authorize?client_id=app-id&scope=PAYMENTS_WRITE&session=false&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb',
      ),
    );
    const code = new URL(authorize.headers.get('location') ?? 'http://x').searchParams.get('code');
    const grant = (await (
      await post(before, '/oauth2/token', {
        client_id: 'app-id',
        client_secret: 'app-secret',
        grant_type: 'authorization_code',
        code,
      })
    ).json()) as { access_token: string };
    expect(grant.access_token).toBeTruthy();

    const after = createSquareEmulator({ tokens, oauth: { application } });
    expect(restoreSnapshot(after.state, JSON.parse(JSON.stringify(snapshotOf(before.state))))).toBe(true);
    const again = (await (await post(after, '/v2/payments', pay)).json()) as { payment: { id: string } };
    expect(again.payment.id).toBe(paid.payment.id);
    expect(after.state.payments.size).toBe(1);
    const asHotel = await post(
      after,
      '/v2/payments',
      { ...pay, idempotency_key: 'k2', location_id: 'LHOTEL' },
      grant.access_token,
    );
    expect(asHotel.status).toBe(200);
    expect(restoreSnapshot(after.state, { version: 2 })).toBe(false);
  });
});
