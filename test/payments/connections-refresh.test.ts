import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { oauthOf } from '../../emulators/square/oauth.ts';
import { runCron } from '../../src/jobs';
import { Logger } from '../../src/lib/log';
import { squareAccountFor } from '../../src/modules/payments/accounts';
import {
  refreshConnection,
  refreshConnectionJob,
  sweepConnectionsJob,
} from '../../src/modules/payments/connections.refresh';
import { callSquare, loadSquare } from '../../src/modules/payments/square.client';
import { decryptToken } from '../../src/modules/payments/token-crypto';
import { createHotel } from '../helpers/builders';
import { aMerchant, connectHotel, connectionRow, issuedTokens, testVars, useSquareOAuth } from '../helpers/connections';
import { recordingJobs, testDeps } from '../helpers/deps';
import { expectStatus } from '../helpers/http';

beforeAll(() => loadSquare(), 180_000);

const DAY = 86_400_000;
const KEY = testVars.PAYMENT_TOKEN_ENCRYPTION_KEY as string;

function expireIn(hotelId: string, ms: number) {
  return env.DB.prepare('UPDATE payment_connections SET access_token_expires_at = ? WHERE hotel_id = ?')
    .bind(Date.now() + ms, hotelId)
    .run();
}

async function accessTokenOf(hotelId: string) {
  const row = await connectionRow(hotelId);
  const token = await decryptToken(KEY, hotelId, row?.access_token_enc ?? '');
  return token.ok ? token.value : null;
}

describe('refreshing hotels’ Square tokens', () => {
  it('the hourly cron refreshes only the connections near expiry, and the new token pays', async () => {
    const square = useSquareOAuth();
    const [soon, later] = [await createHotel(), await createHotel()];
    const [ms, ml] = [aMerchant(), aMerchant()];
    await expectStatus(connectHotel(square, soon.id, ms), 200);
    await expectStatus(connectHotel(square, later.id, ml), 200);
    await expireIn(soon.id, 3 * DAY);
    await expireIn(later.id, 20 * DAY);
    const [oldToken] = issuedTokens(square, ms.id).access;
    const [oldRefresh] = issuedTokens(square, ms.id).refresh;
    const laterBefore = await connectionRow(later.id);

    const jobs = recordingJobs();
    const deps = testDeps({ jobs });
    const at = Date.now();
    const [sweep] = await runCron('41 * * * *', at, deps);
    expect(sweep?.type).toBe(sweepConnectionsJob.type);
    await sweepConnectionsJob.handle(sweepConnectionsJob.schema.parse(sweep?.payload), deps);
    const refreshes = jobs.sent.filter((j) => j.type === refreshConnectionJob.type);
    const hotels = refreshes.map((j) => (j.payload as { hotel_id: string }).hotel_id);
    expect(hotels).toContain(soon.id);
    expect(hotels).not.toContain(later.id);
    for (const job of refreshes)
      await refreshConnectionJob.handle(refreshConnectionJob.schema.parse(job.payload), deps);

    const refreshed = await connectionRow(soon.id);
    expect(refreshed).toMatchObject({ status: 'active', last_error: null, refresh_failures: 0 });
    expect(refreshed?.access_token_expires_at).toBeGreaterThan(Date.now() + 29 * DAY);
    const newToken = await accessTokenOf(soon.id);
    expect(newToken).not.toBe(oldToken);
    expect(newToken).toBe(issuedTokens(square, ms.id).access.at(-1));
    // Square's PKCE refresh token is single-use: the spent one is gone, the new one is stored.
    expect(issuedTokens(square, ms.id).refresh).not.toContain(oldRefresh);
    const refreshToken = await decryptToken(KEY, soon.id, refreshed?.refresh_token_enc ?? '');
    expect(refreshToken).toEqual({ ok: true, value: issuedTokens(square, ms.id).refresh[0] });
    const account = await squareAccountFor(deps, soon.id);
    expect(account.accessToken).toBe(newToken);
    expect(await callSquare(deps, account, (client) => client.locations.list())).toMatchObject({ ok: true });
    expect(await connectionRow(later.id)).toEqual(laterBefore);
    const sent = square.state.received.filter((r) => r.path === '/oauth2/token').map((r) => JSON.parse(r.body));
    expect(sent.filter((b) => b.grant_type === 'refresh_token')).toEqual([
      expect.objectContaining({ refresh_token: oldRefresh }),
    ]);
  });

  it('lets only one of two concurrent refreshes of a connection spend its refresh token', async () => {
    const square = useSquareOAuth();
    const hotel = await createHotel();
    await expectStatus(connectHotel(square, hotel.id, aMerchant()), 200);
    await expireIn(hotel.id, DAY);
    const deps = testDeps();
    const at = Date.now();
    const outcomes = await Promise.all([refreshConnection(deps, hotel.id, at), refreshConnection(deps, hotel.id, at)]);
    expect(outcomes.sort()).toEqual(['not_due', 'refreshed']);
    const refreshCalls = square.state.received.filter(
      (r) => r.path === '/oauth2/token' && JSON.parse(r.body).grant_type === 'refresh_token',
    );
    expect(refreshCalls).toHaveLength(1);
    expect((await connectionRow(hotel.id))?.status).toBe('active');
    // Refreshed: no longer near expiry, so a later run does nothing.
    expect(await refreshConnection(deps, hotel.id, Date.now())).toBe('not_due');
  });

  it('marks a refused refresh refresh_failed with Square’s code, backs off, and logs no token', async () => {
    const square = useSquareOAuth();
    const merchant = aMerchant();
    const hotel = await createHotel();
    await expectStatus(connectHotel(square, hotel.id, merchant), 200);
    await expireIn(hotel.id, 2 * DAY);
    const [refreshToken] = issuedTokens(square, merchant.id).refresh;
    const [accessToken] = issuedTokens(square, merchant.id).access;
    oauthOf(square.state).refreshTokens.clear();

    const lines: string[] = [];
    const log = new Logger('debug');
    const original = console.log;
    const capture = (...args: unknown[]) => lines.push(args.map(String).join(' '));
    console.log = capture;
    const { warn, error } = console;
    console.warn = capture;
    console.error = capture;
    const deps = testDeps({ log });
    const at = Date.now();
    let outcome: string;
    try {
      outcome = await refreshConnection(deps, hotel.id, at);
    } finally {
      Object.assign(console, { log: original, warn, error });
    }
    expect(outcome).toBe('failed');
    const row = await connectionRow(hotel.id);
    expect(row).toMatchObject({
      status: 'refresh_failed',
      last_error: 'square refused: UNAUTHORIZED',
      refresh_failures: 1,
    });
    expect(row?.next_refresh_at).toBeGreaterThan(at);
    expect(lines.join('\n')).toContain('square token refresh failed');
    for (const secret of [refreshToken, accessToken]) expect(lines.join('\n')).not.toContain(secret);

    // Backing off: not tried again before next_refresh_at, tried again after it.
    expect(await refreshConnection(deps, hotel.id, at + 1000)).toBe('not_due');
    expect(await refreshConnection(deps, hotel.id, (row?.next_refresh_at ?? 0) + 1)).toBe('failed');
    expect((await connectionRow(hotel.id))?.refresh_failures).toBe(2);
    // Its access token still lives, so the hotel keeps taking payments into its own account meanwhile.
    expect(await squareAccountFor(deps, hotel.id)).toMatchObject({ kind: 'hotel', accessToken });
  });
});
