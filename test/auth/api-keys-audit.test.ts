import { describe, expect, it } from 'vitest';
import { auditRowsOfEntity } from '../helpers/audit';
import { call, expectStatus } from '../helpers/http';

const body = { name: 'PMS sync', scopes: ['hotels:write'], hotel_ids: null };

describe('API key audit trail', () => {
  it('records the creation by the admin, with the request id and address, and never the key or its hash', async () => {
    const res = await call('POST', '/api/v1/api-keys', {
      body,
      headers: { 'cf-connecting-ip': '203.0.113.7', 'x-request-id': 'req-audit-key-create' },
    });
    const created = await expectStatus<{ id: string; key: string }>(res, 201);

    const [row, ...rest] = await auditRowsOfEntity(created.id);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      action: 'api_key.created',
      entity_type: 'api_key',
      actor_type: 'admin',
      request_id: 'req-audit-key-create',
      ip: '203.0.113.7',
      outcome: 'success',
      hotel_id: null,
    });
    expect(row?.changes).toMatchObject({ scopes: { from: null, to: ['hotels:write'] } });
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(created.key);
    expect(stored).not.toMatch(/key_?hash/i);
  });

  it('records a revocation once, with revoked_at as the diff, and a repeated revocation not again', async () => {
    const created = await expectStatus<{ id: string }>(call('POST', '/api/v1/api-keys', { body }), 201);
    const revoked = await expectStatus<{ revoked_at: string }>(call('DELETE', `/api/v1/api-keys/${created.id}`), 200);
    await expectStatus(call('DELETE', `/api/v1/api-keys/${created.id}`), 200);

    const rows = await auditRowsOfEntity(created.id, 'api_key.revoked');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.changes).toEqual({ revoked_at: { from: null, to: revoked.revoked_at } });
  });
});
