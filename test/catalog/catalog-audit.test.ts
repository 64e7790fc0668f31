import { describe, expect, it } from 'vitest';
import { auditRowsOfEntity } from '../helpers/audit';
import { createApiKey, createHotel, createRatePlan, createRoomType } from '../helpers/builders';
import { call, expectProblem, expectStatus } from '../helpers/http';

describe('catalog audit trail', () => {
  it('records hotel, room type and rate plan changes with field diffs, by the calling key', async () => {
    const hotel = await createHotel();
    const { id: keyId, key } = await createApiKey({ scopes: ['hotels:read', 'hotels:write'], hotel_ids: [hotel.id] });
    const auth = { apiKey: key };
    await expectStatus(
      call('PATCH', `/api/v1/hotels/${hotel.id}`, { auth, body: { timezone: 'America/New_York' } }),
      200,
    );
    const room = await createRoomType(hotel.id);
    await expectStatus(
      call('PATCH', `/api/v1/hotels/${hotel.id}/room-types/${room.id}`, {
        auth,
        body: { beds: [{ type: 'single', count: 2 }] },
      }),
      200,
    );
    await expectStatus(call('DELETE', `/api/v1/hotels/${hotel.id}/room-types/${room.id}`, { auth }), 200);
    const plan = await createRatePlan(hotel.id, [room.id]);

    expect((await auditRowsOfEntity(hotel.id)).map((r) => [r.action, r.actor_type])).toEqual([
      ['hotel.created', 'admin'],
      ['hotel.updated', 'api_key'],
    ]);
    const [updated] = await auditRowsOfEntity(hotel.id, 'hotel.updated');
    expect(updated).toMatchObject({ actor_id: keyId, hotel_id: hotel.id, entity_type: 'hotel' });
    expect(updated?.changes).toEqual({ timezone: { from: hotel.timezone, to: 'America/New_York' } });

    const roomRows = await auditRowsOfEntity(room.id);
    expect(roomRows.map((r) => r.action)).toEqual(['room_type.created', 'room_type.updated', 'room_type.deactivated']);
    expect(roomRows[1]?.changes).toEqual({ beds: { from: room.beds, to: [{ type: 'single', count: 2 }] } });
    expect(roomRows[2]?.changes).toEqual({ status: { from: 'active', to: 'inactive' } });
    expect((await auditRowsOfEntity(plan.id)).map((r) => [r.action, r.hotel_id])).toEqual([
      ['rate_plan.created', hotel.id],
    ]);
  });

  it('records no change for a write the database refuses (a duplicate room type code)', async () => {
    const hotel = await createHotel();
    const room = await createRoomType(hotel.id);
    const other = await createRoomType(hotel.id);
    await expectProblem(
      call('PATCH', `/api/v1/hotels/${hotel.id}/room-types/${other.id}`, { body: { code: room.code } }),
      409,
      'conflict',
    );
    // Only the refused call (written by the request middleware after the answer), never a change.
    const changes = (await auditRowsOfEntity(other.id)).filter((r) => r.outcome === 'success');
    expect(changes.map((r) => r.action)).toEqual(['room_type.created']);
  });
});
