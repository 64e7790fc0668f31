import { describe, expect, it } from 'vitest';
import { auditRowsOfEntity } from '../helpers/audit';
import { createApiKey, createHotel } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';
import { authorizeCode, exchange, grantsOf, registerClient, type Tokens, tokenRequest } from '../helpers/oauth';

async function consented(hotelCount = 1) {
  const hotels = await Promise.all(Array.from({ length: hotelCount }, () => createHotel()));
  const ids = hotels.map((h) => h.id);
  const key = await createApiKey({ scopes: ['admin'], hotel_ids: ids });
  const client = await registerClient();
  const { code, verifier } = await authorizeCode(client, key.key, ids);
  const [grant] = await grantsOf(client.id);
  return { ids, key, client, code, verifier, grantId: grant?.id as string };
}

describe('OAuth audit trail', () => {
  it('records the client registration (no secret) and the consent against the key that consented, per hotel', async () => {
    const { ids, key, client, grantId } = await consented(2);
    const [registered] = await auditRowsOfEntity(client.id, 'oauth_client.created');
    expect(registered).toMatchObject({ actor_type: 'admin', entity_type: 'oauth_client', hotel_id: null });
    expect(JSON.stringify(registered)).not.toContain(client.secret as string);

    const consents = await auditRowsOfEntity(grantId, 'oauth_grant.created');
    expect(consents.map((r) => r.hotel_id).sort()).toEqual([...ids].sort());
    expect(consents[0]).toMatchObject({ actor_type: 'api_key', actor_id: key.id, entity_type: 'oauth_grant' });
    expect(consents[0]?.changes).toMatchObject({ client_id: { from: null, to: client.id } });
  });

  it('records a redemption and a refresh against the app, and a replayed refresh token’s revocation once', async () => {
    const { client, code, verifier, grantId } = await consented();
    const tokens = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
    const refresh = { grant_type: 'refresh_token', refresh_token: tokens.refresh_token };
    await expectStatus(tokenRequest(client, refresh), 200);
    // The used refresh token again: the grant is revoked (and recorded), then a third time: nothing more.
    expect((await tokenRequest(client, refresh)).status).toBe(400);
    expect((await tokenRequest(client, refresh)).status).toBe(400);

    const actions = (await auditRowsOfEntity(grantId)).map((r) => [r.action, r.actor_type, r.actor_id]);
    const app = `oauth:${grantId}`;
    expect(actions).toEqual([
      ['oauth_grant.created', 'api_key', expect.any(String)],
      ['oauth_grant.code_redeemed', 'oauth', app],
      ['oauth_grant.refreshed', 'oauth', app],
      ['oauth_grant.revoked_refresh_replayed', 'oauth', app],
    ]);
  });

  it('records a hotel’s withdrawal with the hotels diff, only for that hotel, and a client deletion’s revocations', async () => {
    const { ids, client, grantId } = await consented(2);
    const [a, b] = ids as [string, string];
    const onlyA = await createApiKey({ scopes: ['admin'], hotel_ids: [a] });
    await expectStatus(call('DELETE', `/api/v1/oauth/grants/${grantId}`, { auth: { apiKey: onlyA.key } }), 204);
    const [withdrawn, ...more] = await auditRowsOfEntity(grantId, 'oauth_grant.hotels_withdrawn');
    expect(more).toEqual([]);
    expect(withdrawn).toMatchObject({ hotel_id: a, actor_type: 'api_key', actor_id: onlyA.id });
    expect(withdrawn?.changes).toEqual({ hotel_ids: { from: [a, b], to: [b] } });

    await expectStatus(call('DELETE', `/api/v1/oauth/clients/${client.id}`), 204);
    expect(await auditRowsOfEntity(client.id, 'oauth_client.deleted')).toHaveLength(1);
    const revoked = await auditRowsOfEntity(grantId, 'oauth_grant.revoked');
    expect(revoked.map((r) => r.hotel_id)).toEqual([b]);
    expect(revoked[0]?.changes).toMatchObject({ revoked_at: { from: null } });
  });
});
