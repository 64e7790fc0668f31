/** Inbound partner calls are recorded against the verified partner, not an anonymous caller. */
import { describe, expect, it } from 'vitest';
import { auditRowsOf, newRequestId, settledCall } from '../helpers/audit';
import { createHotel } from '../helpers/builders';
import { envelope, sendNotification } from '../helpers/square-notifications';
import { CHANNEL_PASSWORD, CHANNEL_USER, insertChannel } from '../helpers/transport-channels';

describe('partner actors in the audit trail', () => {
  it('an OTA push the channel authenticated is the channel’s, in the channel’s hotel', async () => {
    const hotel = await createHotel();
    const channel = await insertChannel(hotel.id, { mode: 'push' });
    const requestId = newRequestId();
    const res = await settledCall('POST', `/api/v1/ota/${channel.id}/reservations`, {
      auth: null,
      body: 'this is not XML',
      headers: {
        'content-type': 'text/xml',
        authorization: `Basic ${btoa(`${CHANNEL_USER}:${CHANNEL_PASSWORD}`)}`,
        'x-request-id': requestId,
      },
    });
    expect(res.status).toBe(400);
    const rows = await auditRowsOf(requestId);
    // The refused call, and the exchange the channel-message log recorded in its own batch.
    expect(rows.map((r) => [r.actor_type, r.actor_id, r.hotel_id, r.outcome, r.status])).toEqual(
      expect.arrayContaining([['channel', channel.id, hotel.id, 'refused', 400]]),
    );
    expect(rows.every((r) => r.actor_type === 'channel' && r.actor_id === channel.id)).toBe(true);
  });

  it('an OTA push with wrong credentials stays anonymous', async () => {
    const hotel = await createHotel();
    const channel = await insertChannel(hotel.id, { mode: 'push' });
    const requestId = newRequestId();
    const res = await settledCall('POST', `/api/v1/ota/${channel.id}/reservations`, {
      auth: null,
      body: '<OTA_PingRQ/>',
      headers: {
        'content-type': 'text/xml',
        authorization: `Basic ${btoa(`${CHANNEL_USER}:wrong`)}`,
        'x-request-id': requestId,
      },
    });
    expect(res.status).toBe(401);
    const rows = await auditRowsOf(requestId);
    expect(rows.map((r) => [r.actor_type, r.actor_id, r.hotel_id])).toEqual([['system', 'anonymous', null]]);
  });

  it('a signed Square notification is Square’s', async () => {
    const requestId = newRequestId();
    const body = envelope({ type: 'inventory.count.updated', dataType: 'inventory', id: 'inv-1', object: {} });
    const res = await sendNotification(body, { headers: { 'x-request-id': requestId }, vars: {} });
    expect(res.status).toBe(200);
    const rows = await auditRowsOf(requestId);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.actor_type, r.actor_id])).toEqual(rows.map(() => ['square', 'square']));
  });
});
