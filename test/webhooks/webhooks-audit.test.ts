import { describe, expect, it } from 'vitest';
import { auditRowsOfEntity } from '../helpers/audit';
import { createApiKey, createHotel } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';
import { createEndpoint, drain, ENDPOINTS, memoryQueue, webhookDeps } from './harness';

const queue = memoryQueue();
const RECEIVER = 'https://hooks.example.com/audited';

describe('webhook endpoint audit trail', () => {
  it('records creation, update (field diff, secret never), rotation (secret only as changed) and deletion per hotel', async () => {
    const [a, b] = [await createHotel(), await createHotel()];
    const { id: keyId, key } = await createApiKey({ scopes: ['webhooks:manage'], hotel_ids: [a.id, b.id] });
    const auth = { apiKey: key };
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['reservation.*'], hotel_ids: [a.id] }, auth);
    await expectStatus(
      call('PATCH', `${ENDPOINTS}/${endpoint.id}`, { body: { events: ['*'], hotel_ids: [a.id, b.id] }, auth }),
      200,
    );
    const rotated = await expectStatus<{ secret: string }>(
      call('POST', `${ENDPOINTS}/${endpoint.id}/rotate-secret`, { auth }),
      200,
    );
    await expectStatus(call('DELETE', `${ENDPOINTS}/${endpoint.id}`, { auth }), 204);

    const rows = await auditRowsOfEntity(endpoint.id);
    expect(rows.map((r) => [r.action, r.hotel_id])).toEqual([
      ['webhook_endpoint.created', a.id],
      ['webhook_endpoint.updated', a.id],
      ['webhook_endpoint.updated', b.id],
      ['webhook_endpoint.secret_rotated', a.id],
      ['webhook_endpoint.secret_rotated', b.id],
      ['webhook_endpoint.deleted', a.id],
      ['webhook_endpoint.deleted', b.id],
    ]);
    expect(rows.every((r) => r.actor_type === 'api_key' && r.actor_id === keyId)).toBe(true);
    expect(rows[1]?.changes).toEqual({
      events: { from: ['reservation.*'], to: ['*'] },
      hotel_ids: { from: [a.id], to: [a.id, b.id] },
    });
    expect(rows[3]?.changes).toMatchObject({ secret: { from: '[redacted]', to: '[redacted]' } });
    const trail = JSON.stringify(rows);
    for (const secret of [endpoint.secret, rotated.secret]) expect(trail).not.toContain(secret.slice(6));
  });

  it('records each delivery attempt against the endpoint, failed then delivered, with the receiver’s status', async () => {
    const hotel = await createHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['*'], hotel_ids: [hotel.id] });
    let calls = 0;
    const deps = webhookDeps(queue, [
      { method: 'POST', url: RECEIVER, reply: () => new Response(null, { status: ++calls === 1 ? 503 : 204 }) },
    ]);
    const ping = await expectStatus<{ id: string }>(call('POST', `${ENDPOINTS}/${endpoint.id}/test`), 202);
    await drain(queue, deps);

    expect((await auditRowsOfEntity(endpoint.id, 'webhook_endpoint.pinged'))[0]).toMatchObject({ actor_type: 'admin' });
    const attempts = await auditRowsOfEntity(ping.id, 'webhook_delivery.attempted');
    expect(attempts.map((r) => [r.actor_type, r.actor_id, r.outcome, r.status])).toEqual([
      ['webhook', endpoint.id, 'failed', 503],
      ['webhook', endpoint.id, 'success', 204],
    ]);
    expect(attempts[1]?.changes).toMatchObject({
      attempt: { from: null, to: 2 },
      delivery_status: { to: 'delivered' },
    });
  });
});
