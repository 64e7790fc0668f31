import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshConnection } from '../../src/modules/payments/connections.refresh';
import { loadSquare } from '../../src/modules/payments/square.client';
import { auditRowsOfEntity } from '../helpers/audit';
import { createApiKey, createHotel } from '../helpers/builders';
import { aMerchant, connectHotel, useSquareOAuth } from '../helpers/connections';
import { testDeps } from '../helpers/deps';
import { call, expectStatus } from '../helpers/http';

beforeAll(() => loadSquare(), 180_000);

describe('Square connection and payment settings audit trail', () => {
  it('records who connected, each refresh as an exchange with Square, and the disconnection; never a token', async () => {
    const square = useSquareOAuth();
    const hotel = await createHotel();
    const merchant = aMerchant();
    const { id: keyId, key } = await createApiKey({ scopes: ['admin'], hotel_ids: [hotel.id] });
    await expectStatus(connectHotel(square, hotel.id, merchant, { auth: { apiKey: key } }), 200);
    // Due now: the refresh runs, and a second one at the same instant is not due (nothing recorded).
    await env.DB.prepare('UPDATE payment_connections SET access_token_expires_at = ? WHERE hotel_id = ?')
      .bind(Date.now() + 86_400_000, hotel.id)
      .run();
    const at = Date.now();
    expect(await refreshConnection(testDeps(), hotel.id, at)).toBe('refreshed');
    expect(await refreshConnection(testDeps(), hotel.id, at)).toBe('not_due');
    await expectStatus(call('DELETE', `/api/v1/hotels/${hotel.id}/payment-connection`), 204);

    const rows = await auditRowsOfEntity(hotel.id);
    const trail = rows.filter((r) => r.entity_type === 'payment_connection');
    expect(trail.map((r) => [r.action, r.actor_type, r.actor_id, r.outcome])).toEqual([
      ['payment_connection.authorization_started', 'api_key', keyId, 'success'],
      ['payment_connection.connected', 'api_key', keyId, 'success'],
      ['payment_connection.refreshed', 'square', 'square', 'success'],
      ['payment_connection.disconnected', 'admin', 'admin', 'success'],
    ]);
    expect(trail[1]?.changes).toEqual({
      location_id: { from: null, to: merchant.locationId },
      merchant_id: { from: null, to: merchant.id },
      status: { from: null, to: 'active' },
    });
    expect(trail[3]?.changes).toEqual({ status: { from: 'active', to: 'revoked' } });
    expect(JSON.stringify(trail)).not.toMatch(/token_enc|EAAA/);
  });

  it('records a payment settings change with its diff, by the caller', async () => {
    const hotel = await createHotel();
    const path = `/api/v1/hotels/${hotel.id}/payment-settings`;
    await expectStatus(call('PUT', path, { body: { auto_refund_on_cancel: true, hold_high_risk: false } }), 200);
    const [row, ...more] = await auditRowsOfEntity(hotel.id, 'payment_settings.updated');
    expect(more).toEqual([]);
    expect(row).toMatchObject({ actor_type: 'admin', hotel_id: hotel.id, entity_type: 'payment_settings' });
    expect(row?.changes).toEqual({ auto_refund_on_cancel: { from: false, to: true } });
  });
});
