import { all, attr, type Node, one } from '../ota/xml.ts';
import { EQC } from './messages.ts';
import { type ArDay, addDays, arKey, type EqcIssue, type EqcState, isDate } from './state.ts';

/**
 * AvailRateUpdateRQ as Expedia reads it: `AvailRateUpdate` elements, each a `DateRange@from/@to` (with
 * optional weekday flags `sun`…`sat`) and a `RoomType@id` (`@closed`, `Inventory@totalInventoryAvailable`,
 * `RatePlan@id` with `@closed`, `Rate@currency` → `PerDay@rate` / `PerOccupancy@rate@occupancy`, and
 * `Restrictions@minLOS/@maxLOS/@closedToArrival/@closedToDeparture`). The whole message applies, or
 * (an error) nothing of it.
 */
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

type Change = { key: string; day: ArDay };

const bool = (value: string | undefined) => (value === undefined ? undefined : value === 'true' || value === '1');
const int = (value: string | undefined) => (value === undefined ? undefined : Number.parseInt(value, 10));

function defined(day: ArDay): ArDay {
  return Object.fromEntries(Object.entries(day).filter(([, v]) => v !== undefined)) as ArDay;
}

export function readAvailRateUpdate(node: Node, hotelId: string): { changes: Change[]; error?: EqcIssue } {
  const changes: Change[] = [];
  for (const update of all(node, 'AvailRateUpdate')) {
    const range = one(update, 'DateRange');
    const from = attr(range, 'from');
    const to = attr(range, 'to');
    if (!isDate(from) || !isDate(to) || to < from) {
      return { changes: [], error: { ...EQC.structure, text: `Invalid DateRange ${from}..${to}` } };
    }
    const flags = DAYS.map((d) => bool(attr(range, d)));
    const dates: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (flags.some((f) => f !== undefined) && flags[weekday] !== true) continue;
      dates.push(d);
    }
    for (const room of all(update, 'RoomType')) {
      const roomId = attr(room, 'id');
      if (!roomId) return { changes: [], error: { ...EQC.structure, text: 'RoomType without id' } };
      const roomDay = defined({
        closed: bool(attr(room, 'closed')),
        totalInventoryAvailable: int(attr(one(room, 'Inventory'), 'totalInventoryAvailable')),
      });
      if (Object.keys(roomDay).length > 0) {
        for (const date of dates) changes.push({ key: arKey(hotelId, roomId, null, date), day: roomDay });
      }
      for (const plan of all(room, 'RatePlan')) {
        const planId = attr(plan, 'id');
        if (!planId) return { changes: [], error: { ...EQC.structure, text: 'RatePlan without id' } };
        const rate = one(plan, 'Rate');
        const restrictions = one(plan, 'Restrictions');
        const byOccupancy = Object.fromEntries(
          all(rate, 'PerOccupancy').map((o) => [attr(o, 'occupancy') ?? '', attr(o, 'rate') ?? '']),
        );
        const day = defined({
          closed: bool(attr(plan, 'closed')),
          rate: attr(one(rate, 'PerDay'), 'rate'),
          currency: attr(rate, 'currency'),
          byOccupancy: Object.keys(byOccupancy).length > 0 ? byOccupancy : undefined,
          minLOS: int(attr(restrictions, 'minLOS')),
          maxLOS: int(attr(restrictions, 'maxLOS')),
          closedToArrival: bool(attr(restrictions, 'closedToArrival')),
          closedToDeparture: bool(attr(restrictions, 'closedToDeparture')),
        });
        for (const date of dates) changes.push({ key: arKey(hotelId, roomId, planId, date), day });
      }
    }
  }
  return { changes };
}

export function applyAr(state: EqcState, changes: readonly Change[]): void {
  for (const { key, day } of changes) state.ari.set(key, { ...state.ari.get(key), ...day });
}
