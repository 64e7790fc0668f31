import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/env';
import { addDays } from '../../src/lib/dates';
import { markDirty } from '../../src/modules/channels/ari-push/ari-push.subscriber';
import { loadChannelRow } from '../../src/modules/channels/channels.repo';
import { updateChannel } from '../../src/modules/channels/channels.service';
import { replaceMappings } from '../../src/modules/channels/mappings.service';
import { attr, child, list, parseXml } from '../../src/modules/channels/xml/xml';
import { bookableHotel } from '../helpers/builders';
import { ariPartner, insertChannel, insertMapping, OTA_TEST_URL } from '../helpers/channel-rows';
import { drain, handOff, memoryQueue, webhookDeps } from '../webhooks/harness';

const queue = memoryQueue();
const ADMIN: Principal = {
  kind: 'admin',
  id: 'admin',
  keyId: null,
  scopes: ['admin'],
  hotelIds: null,
  allowedOrigins: [],
};

/** The first and last night of BookingLimit statuses the partner received, per room code. */
function spans(xmls: string[]): Map<string, { start: string; end: string }> {
  const out = new Map<string, { start: string; end: string }>();
  for (const xml of xmls) {
    const parsed = parseXml(xml);
    if (!parsed.ok) throw new Error(parsed.refusal.message);
    for (const m of list(child(parsed.node, 'AvailStatusMessages')?.AvailStatusMessage)) {
      if (attr(m, 'BookingLimit') === undefined) continue;
      const control = child(m, 'StatusApplicationControl');
      const room = attr(control, 'InvTypeCode') ?? '';
      const start = attr(control, 'Start') ?? '';
      const end = attr(control, 'End') ?? '';
      const seen = out.get(room);
      out.set(room, {
        start: seen && seen.start < start ? seen.start : start,
        end: seen && seen.end > end ? seen.end : end,
      });
    }
  }
  return out;
}

async function setup() {
  const h = await bookableHotel({ units: 3 });
  const partner = ariPartner();
  const deps = webhookDeps(queue, [{ method: 'POST', url: `${OTA_TEST_URL}/ari`, reply: partner.handler }]);
  await handOff(deps, h.hotel.id);
  await drain(queue, deps);
  partner.received.length = 0;
  return { ...h, partner, deps };
}

describe('a channel that starts selling a product gets its calendar at once', () => {
  it('saving mappings pushes a year of the mapped room types, from yesterday (UTC)', async () => {
    const h = await setup();
    const channel = await insertChannel(h.hotel.id);
    const row = await loadChannelRow(h.deps.d1, channel.id);
    await replaceMappings(h.deps, row!, [
      {
        room_type_id: h.roomType.id,
        rate_plan_id: h.ratePlan.id,
        channel_room_code: 'DBL',
        channel_rate_code: 'BAR',
      },
    ]);
    await drain(queue, h.deps);
    const yesterday = addDays(new Date().toISOString().slice(0, 10), -1);
    const avail = h.partner.of('OTA_HotelAvailNotifRQ').map((m) => m.xml);
    expect(spans(avail).get('DBL')).toEqual({ start: yesterday, end: addDays(yesterday, 365) });
    expect(h.partner.of('OTA_HotelRateAmountNotifRQ').length).toBeGreaterThan(0);
  });

  it('a disabled channel gets nothing until it is switched on; then every mapped room type goes out', async () => {
    const h = await setup();
    const channel = await insertChannel(h.hotel.id, { enabled: false });
    await insertMapping(channel.id, h.roomType.id, h.ratePlan.id, { room: 'DBL', rate: 'BAR' });
    const row = await loadChannelRow(h.deps.d1, channel.id);
    await replaceMappings(h.deps, row!, [
      { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, channel_room_code: 'DBL', channel_rate_code: 'BAR' },
    ]);
    await drain(queue, h.deps);
    expect(h.partner.received).toEqual([]);

    await updateChannel(h.deps, ADMIN, channel.id, { enabled: true });
    await drain(queue, h.deps);
    expect([...spans(h.partner.of('OTA_HotelAvailNotifRQ').map((m) => m.xml)).keys()]).toEqual(['DBL']);
    // Saving other fields of an enabled channel sends nothing again.
    h.partner.received.length = 0;
    await updateChannel(h.deps, ADMIN, channel.id, { name: 'Renamed' });
    await drain(queue, h.deps);
    expect(h.partner.received).toEqual([]);
  });

  it('never pushes nights before yesterday (UTC): a past range is cut, a wholly past one is dropped', async () => {
    const h = await setup();
    const channel = await insertChannel(h.hotel.id);
    await insertMapping(channel.id, h.roomType.id, h.ratePlan.id, { room: 'DBL', rate: 'BAR' });
    const today = new Date().toISOString().slice(0, 10);
    const range = (from: string, to: string) => ({
      roomTypeId: h.roomType.id,
      from,
      to,
      availability: true,
      rates: false,
    });
    await markDirty(h.deps, h.hotel.id, channel.id, [range(addDays(today, -40), addDays(today, -20))], true);
    await drain(queue, h.deps);
    expect(h.partner.received).toEqual([]);

    await markDirty(h.deps, h.hotel.id, channel.id, [range(addDays(today, -5), addDays(today, 3))], true);
    await drain(queue, h.deps);
    expect(spans(h.partner.of('OTA_HotelAvailNotifRQ').map((m) => m.xml)).get('DBL')).toEqual({
      start: addDays(today, -1),
      end: addDays(today, 2),
    });
  });
});
