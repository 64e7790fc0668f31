import { describe, expect, it } from 'vitest';
import { createHotel, createRatePlan, createRoomType } from '../helpers/builders';
import { createChannel } from '../helpers/channel-builders';
import { call, expectProblem, expectStatus } from '../helpers/http';

type Mapping = { room_type_id: string; rate_plan_id: string; channel_room_code: string; channel_rate_code: string };

/** A hotel with two room types, a plan selling both and a plan selling only the first, and a channel. */
async function setup() {
  const hotel = await createHotel();
  const double = await createRoomType(hotel.id);
  const single = await createRoomType(hotel.id);
  const flex = await createRatePlan(hotel.id, [double.id, single.id]);
  const doubleOnly = await createRatePlan(hotel.id, [double.id]);
  const channel = await createChannel(hotel.id);
  const path = `/api/v1/channels/${channel.id}/mappings`;
  const put = (body: unknown) => call('PUT', path, { body });
  const get = async () => (await expectStatus<{ data: Mapping[] }>(call('GET', path), 200)).data;
  return { hotel, double, single, flex, doubleOnly, channel, put, get };
}

const sorted = (list: Mapping[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('channel mappings', () => {
  it('PUT replaces the whole set and GET returns it', async () => {
    const s = await setup();
    expect(await s.get()).toEqual([]);
    const first: Mapping[] = [
      { room_type_id: s.double.id, rate_plan_id: s.flex.id, channel_room_code: 'DBL', channel_rate_code: 'BAR' },
      { room_type_id: s.single.id, rate_plan_id: s.flex.id, channel_room_code: 'SGL', channel_rate_code: 'BAR' },
      { room_type_id: s.double.id, rate_plan_id: s.doubleOnly.id, channel_room_code: 'DBL', channel_rate_code: 'NR' },
    ];
    const answer = await expectStatus<{ data: Mapping[] }>(s.put(first), 200);
    expect(sorted(answer.data)).toEqual(sorted(first));
    expect(sorted(await s.get())).toEqual(sorted(first));

    const second: Mapping[] = [
      { room_type_id: s.single.id, rate_plan_id: s.flex.id, channel_room_code: '1001', channel_rate_code: '77' },
    ];
    await expectStatus(s.put(second), 200);
    expect(await s.get()).toEqual(second);

    await expectStatus(s.put([]), 200);
    expect(await s.get()).toEqual([]);
  });

  it('codes of one channel may repeat on another channel', async () => {
    const s = await setup();
    const other = await createChannel(s.hotel.id);
    const m = {
      room_type_id: s.double.id,
      rate_plan_id: s.flex.id,
      channel_room_code: 'DBL',
      channel_rate_code: 'BAR',
    };
    await expectStatus(s.put([m]), 200);
    await expectStatus(call('PUT', `/api/v1/channels/${other.id}/mappings`, { body: [m] }), 200);
  });

  it.each([
    ['another hotel’s room type', 'foreignRoom', '0.room_type_id'],
    ['another hotel’s rate plan', 'foreignPlan', '0.rate_plan_id'],
    ['a rate plan that does not sell the room type', 'unsold', '0.rate_plan_id'],
    ['the same channel codes twice', 'duplicateCodes', '1.channel_rate_code'],
    ['the same product twice', 'duplicateProduct', '1.rate_plan_id'],
    ['one channel room code for two of our room types', 'roomCodeTwice', '1.channel_room_code'],
    ['one room type behind two channel room codes', 'roomTypeTwice', '1.channel_room_code'],
    ['a room code longer than OTA allows', 'longCode', '0.channel_room_code'],
    ['an empty rate code', 'emptyCode', '0.channel_rate_code'],
    ['a body that is not a list', 'notAList', ''],
  ])('refuses %s with a 400 naming the item, and keeps the set it had', async (_label, kind, path) => {
    const s = await setup();
    const foreign = await createHotel();
    const foreignRoom = await createRoomType(foreign.id);
    const foreignPlan = await createRatePlan(foreign.id, [foreignRoom.id]);
    const kept = {
      room_type_id: s.double.id,
      rate_plan_id: s.flex.id,
      channel_room_code: 'KEEP',
      channel_rate_code: 'ME',
    };
    await expectStatus(s.put([kept]), 200);

    const ok = {
      room_type_id: s.double.id,
      rate_plan_id: s.flex.id,
      channel_room_code: 'DBL',
      channel_rate_code: 'BAR',
    };
    const bodies: Record<string, unknown> = {
      foreignRoom: [{ ...ok, room_type_id: foreignRoom.id }],
      foreignPlan: [{ ...ok, rate_plan_id: foreignPlan.id }],
      unsold: [{ ...ok, room_type_id: s.single.id, rate_plan_id: s.doubleOnly.id }],
      duplicateCodes: [ok, { ...ok, room_type_id: s.single.id }],
      duplicateProduct: [ok, { ...ok, channel_rate_code: 'OTHER' }],
      roomCodeTwice: [ok, { ...ok, room_type_id: s.single.id, channel_rate_code: 'NR' }],
      roomTypeTwice: [ok, { ...ok, rate_plan_id: s.doubleOnly.id, channel_room_code: 'DBL2' }],
      longCode: [{ ...ok, channel_room_code: 'R'.repeat(17) }],
      emptyCode: [{ ...ok, channel_rate_code: '' }],
      notAList: { mappings: [ok] },
    };
    const problem = await expectProblem(s.put(bodies[kind]), 400, 'validation_failed');
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await s.get()).toEqual([kept]);
  });

  it('an unknown channel is a 404', async () => {
    await expectProblem(call('GET', '/api/v1/channels/chn_01jzzzzzzzzzzzzzzzzzzzzzzz/mappings'), 404, 'not_found');
    await expectProblem(call('PUT', '/api/v1/channels/chn_01jzzzzzzzzzzzzzzzzzzzzzzz/mappings', { body: [] }), 404);
  });
});
