import { describe, expect, it } from 'vitest';
import {
  FREE_ROOMS_HORIZON_DAYS,
  freeRoomsTargets,
  freeRoomsWindow,
  inventoryUpdates,
} from '../../src/modules/channels/alpinebits/free-rooms-plan';
import { intersectHandshake } from '../../src/modules/channels/alpinebits/handshake-data';

const window = freeRoomsWindow('2027-03-01');
const message = (entries: [string, string, string, number][], completeSet = false) => ({
  hotelCode: 'H',
  completeSet,
  closingSeasons: [],
  entries: entries.map(([start, end, category, bookable]) => ({ start, end, category, bookable })),
});

describe('FreeRooms plan (pure)', () => {
  it('spans the horizon from the hotel’s today', () => {
    expect(window).toEqual({ from: '2027-03-01', to: '2029-02-27' });
    expect(FREE_ROOMS_HORIZON_DAYS).toBe(730);
  });

  it('ignores past nights and flags nights beyond the horizon', () => {
    const plan = freeRoomsTargets(
      message([['2027-02-27', '2027-03-02', 'DBL', 2]]),
      window,
      new Map([['DBL', 'rt_d']]),
      ['rt_d'],
    );
    expect(plan).toMatchObject({ ok: true, beyondHorizon: false });
    if (!plan.ok) return;
    expect([...plan.targets.keys()]).toEqual(['rt_d|2027-03-01', 'rt_d|2027-03-02']);
    const far = freeRoomsTargets(
      message([['2029-02-20', '2031-01-01', 'DBL', 2]]),
      window,
      new Map([['DBL', 'rt_d']]),
      [],
    );
    expect(far).toMatchObject({ ok: true, beyondHorizon: true });
    if (far.ok) expect(far.targets.size).toBe(8);
  });

  it('refuses a message over the ARI room-night limit before listing nights', () => {
    const codes = new Map(Array.from({ length: 70 }, (_, i) => [`C${i}`, `rt_${i}`]));
    const plan = freeRoomsTargets(message([], true), window, codes, [...codes.values()]);
    expect(plan).toMatchObject({ ok: false, issue: { code: '450' } });
  });

  it('writes inventory = bookable + taken + overbooked, only where it changes, in ranges', () => {
    const targets = new Map([
      ['rt_a|2027-03-01', 2],
      ['rt_a|2027-03-02', 2],
      ['rt_a|2027-03-03', 2],
      ['rt_a|2027-03-04', 0],
      ['rt_b|2027-03-01', 0],
    ]);
    const current = new Map([
      ['rt_a|2027-03-02', { inventory: 5, taken: 1, overbooked: 0 }],
      ['rt_a|2027-03-03', { inventory: 3, taken: 1, overbooked: 0 }],
      ['rt_a|2027-03-04', { inventory: 4, taken: 2, overbooked: 1 }],
    ]);
    expect(inventoryUpdates(targets, current)).toEqual([
      { room_type_id: 'rt_a', from: '2027-03-01', to: '2027-03-01', inventory: 2 },
      { room_type_id: 'rt_a', from: '2027-03-02', to: '2027-03-02', inventory: 3 },
      { room_type_id: 'rt_a', from: '2027-03-04', to: '2027-03-04', inventory: 3 },
    ]);
  });
});

describe('handshake intersection (pure)', () => {
  it('keeps the client’s order of capabilities, drops duplicates and unknown actions, omits empty supports', () => {
    const server = new Map([
      [
        '2024-10',
        new Map([
          ['action_OTA_Ping', []],
          ['action_X', ['b', 'a']],
        ]),
      ],
    ] as const);
    const client = {
      versions: [
        {
          version: '2024-10',
          actions: [
            { action: 'action_X', supports: ['a', 'c', 'b', 'a'] },
            { action: 'action_X', supports: ['z'] },
            { action: 'action_Y' },
            { action: 'action_OTA_Ping', supports: ['q'] },
          ],
        },
      ],
    };
    expect(intersectHandshake(client, server)).toEqual([
      { version: '2024-10', actions: [{ action: 'action_X', supports: ['a', 'b'] }, { action: 'action_OTA_Ping' }] },
    ]);
  });
});
