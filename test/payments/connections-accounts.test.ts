import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SquareEmulator } from '../../emulators/square/emulator.ts';
import { squareAccountFor } from '../../src/modules/payments/accounts';
import { callSquare, loadSquare, toSquareMoney } from '../../src/modules/payments/square.client';
import { createHotel } from '../helpers/builders';
import {
  aMerchant,
  connectHotel,
  connectionRow,
  issuedTokens,
  SQUARE_APP,
  useSquareOAuth,
} from '../helpers/connections';
import { testDeps } from '../helpers/deps';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { SQUARE } from '../helpers/square';

beforeAll(() => loadSquare(), 180_000);

/** A card payment through the account squareAccountFor picks: which merchant Square booked it to. */
async function payThrough(square: SquareEmulator, hotelId: string) {
  const deps = testDeps();
  const account = await squareAccountFor(deps, hotelId);
  const result = await callSquare(deps, account, async (client) => {
    const res = await client.payments.create({
      idempotencyKey: crypto.randomUUID(),
      sourceId: 'cnon:card-nonce-ok',
      amountMoney: toSquareMoney(2500, 'USD'),
      locationId: account.locationId,
    });
    return res.payment?.id;
  });
  if (!result.ok) return { account, result };
  return { account, result, merchant: square.state.payments.get(result.value ?? '')?.merchant_id };
}

describe('which Square account takes a hotel’s payments', () => {
  it('pays hotel B into hotel B’s own Square account, A into A’s, and others into the platform’s', async () => {
    const square = useSquareOAuth();
    const [ma, mb] = [aMerchant(), aMerchant()];
    const [a, b, c] = [await createHotel(), await createHotel(), await createHotel()];
    await expectStatus(connectHotel(square, a.id, ma), 200);
    await expectStatus(connectHotel(square, b.id, mb), 200);

    const paidB = await payThrough(square, b.id);
    expect(paidB.account).toMatchObject({ kind: 'hotel', locationId: mb.locationId });
    expect(paidB.merchant).toBe(mb.id);
    expect(paidB.account.accessToken).toBe(issuedTokens(square, mb.id).access[0]);
    expect((await payThrough(square, a.id)).merchant).toBe(ma.id);
    const platform = await payThrough(square, c.id);
    expect(platform.account).toMatchObject({ kind: 'platform', locationId: SQUARE.locationId });
    expect(platform.merchant).toBe(SQUARE.merchantId);
  });

  it('refuses (503) a connected hotel whose token expired instead of paying into the platform account', async () => {
    const square = useSquareOAuth(aMerchant());
    const hotel = await createHotel();
    await expectStatus(connectHotel(square, hotel.id), 200);
    await env.DB.prepare('UPDATE payment_connections SET access_token_expires_at = ? WHERE hotel_id = ?')
      .bind(Date.now() - 1000, hotel.id)
      .run();
    await expect(squareAccountFor(testDeps(), hotel.id)).rejects.toMatchObject({ code: 'service_unavailable' });
    // A ciphertext moved in from another hotel's row does not decrypt here either.
    const other = await createHotel();
    await expectStatus(connectHotel(square, other.id), 200);
    const foreign = await connectionRow(other.id);
    await env.DB.prepare(
      'UPDATE payment_connections SET access_token_enc = ?, access_token_expires_at = ? WHERE hotel_id = ?',
    )
      .bind(foreign?.access_token_enc, Date.now() + 86_400_000, hotel.id)
      .run();
    await expect(squareAccountFor(testDeps(), hotel.id)).rejects.toMatchObject({ code: 'service_unavailable' });
  });
});

describe('disconnecting (DELETE …/payment-connection)', () => {
  it('revokes at Square, kills the token, falls back to the platform account, and is idempotent', async () => {
    const merchant = aMerchant();
    const square = useSquareOAuth(merchant);
    const hotel = await createHotel();
    await expectStatus(connectHotel(square, hotel.id), 200);
    const [token] = issuedTokens(square, merchant.id).access;

    await expectStatus(call('DELETE', `/api/v1/hotels/${hotel.id}/payment-connection`), 204);
    const revoke = square.state.received.filter((r) => r.path === '/oauth2/revoke');
    expect(revoke).toHaveLength(1);
    expect(revoke[0]?.headers.authorization).toBe(`Client ${SQUARE_APP.applicationSecret}`);
    expect(JSON.parse(revoke[0]?.body ?? '{}')).toMatchObject({ client_id: SQUARE_APP.applicationId });
    expect(square.state.tokens.has(token ?? '')).toBe(false);
    const dead = await callSquare(testDeps(), { accessToken: token ?? '' }, (client) => client.locations.list());
    expect(dead).toMatchObject({ ok: false, kind: 'refused', status: 401 });

    const row = await connectionRow(hotel.id);
    expect(row).toMatchObject({ status: 'revoked', access_token_enc: '', refresh_token_enc: null });
    const view = await expectStatus(call('GET', `/api/v1/hotels/${hotel.id}/payment-connection`), 200);
    expect(view).toMatchObject({ status: 'revoked', access_token_expires_at: null });
    expect((await payThrough(square, hotel.id)).merchant).toBe(SQUARE.merchantId);

    await expectStatus(call('DELETE', `/api/v1/hotels/${hotel.id}/payment-connection`), 204);
    await expectStatus(call('DELETE', `/api/v1/hotels/${(await createHotel()).id}/payment-connection`), 204);
    expect(square.state.received.filter((r) => r.path === '/oauth2/revoke')).toHaveLength(1);
  });

  it('keeps the connection when Square cannot be reached (504), so a retry can finish it', async () => {
    const square = useSquareOAuth(aMerchant());
    const hotel = await createHotel();
    await expectStatus(connectHotel(square, hotel.id), 200);
    const before = await connectionRow(hotel.id);
    square.fault({ kind: 'drop-before', path: /^\/oauth2\/revoke$/ });
    await expectProblem(call('DELETE', `/api/v1/hotels/${hotel.id}/payment-connection`), 504, 'gateway_timeout');
    expect(await connectionRow(hotel.id)).toEqual(before);
    await expectStatus(call('DELETE', `/api/v1/hotels/${hotel.id}/payment-connection`), 204);
    expect((await connectionRow(hotel.id))?.status).toBe('revoked');
  });

  it('does not revoke at Square a merchant another hotel is still connected to', async () => {
    const merchant = aMerchant();
    const square = useSquareOAuth(merchant);
    const [a, b] = [await createHotel(), await createHotel()];
    await expectStatus(connectHotel(square, a.id), 200);
    await expectStatus(connectHotel(square, b.id), 200);
    await expectStatus(call('DELETE', `/api/v1/hotels/${a.id}/payment-connection`), 204);
    expect(square.state.received.filter((r) => r.path === '/oauth2/revoke')).toHaveLength(0);
    expect((await connectionRow(a.id))?.status).toBe('revoked');
    expect((await payThrough(square, b.id)).merchant).toBe(merchant.id);
  });
});
