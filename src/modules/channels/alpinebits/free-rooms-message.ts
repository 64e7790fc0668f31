import { attr, child, list, type XmlNode } from '../xml/xml';
import { AB_ERR, AB_ERROR_TYPE, type AbIssue } from './answer';

/** One category's bookable rooms per night from `start` to `end` (inclusive). */
export type FreeRoomsEntry = { start: string; end: string; category: string; bookable: number };

/**
 * An OTA_HotelInvCountNotifRQ as read: a CompleteSet (UniqueID Instance="CompleteSet", Type 16 or 35)
 * or a delta; closing seasons (AllInvCode="true", CompleteSet only) close every category.
 */
export type FreeRoomsMessage = {
  hotelCode: string;
  completeSet: boolean;
  closingSeasons: { start: string; end: string }[];
  entries: FreeRoomsEntry[];
};

/** Count is at most the inventory the ARI API takes. */
export const MAX_COUNT = 10_000;
const COUNT_TYPES = ['2', '6', '9'];
const BOOKABLE = '2';

const err = (code: string, text: string): AbIssue => ({ type: AB_ERROR_TYPE.applicationError, code, text });

function isDate(value: string | undefined): value is string {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

const truthy = (value: string | undefined) => value === 'true' || value === '1';

/** Bookable rooms of an Inventory (CountType 2; none given = 0), or the issue with its InvCounts. */
function bookableOf(inventory: XmlNode, where: string): number | AbIssue {
  const seen = new Set<string>();
  let bookable = 0;
  for (const count of list(child(inventory, 'InvCounts')?.InvCount)) {
    const type = attr(count, 'CountType') ?? '';
    const value = attr(count, 'Count') ?? '';
    if (!COUNT_TYPES.includes(type)) return err(AB_ERR.invalidFormat, `${where}: CountType must be 2, 6 or 9`);
    if (seen.has(type)) return err(AB_ERR.invalidFormat, `${where}: CountType ${type} given twice`);
    seen.add(type);
    if (!/^\d{1,5}$/.test(value) || Number(value) > MAX_COUNT) {
      return err(AB_ERR.invalidFormat, `${where}: Count must be a whole number from 0 to ${MAX_COUNT}`);
    }
    if (type === BOOKABLE) bookable = Number(value);
  }
  return bookable;
}

/**
 * Reads and checks a whole FreeRooms message (pure); any issue refuses it whole, so nothing of a bad
 * message is applied. Rooms (InvCode) are refused: this server keeps availability per category (our
 * room type) and does not announce `OTA_HotelInvCountNotif_accept_rooms`. CountType 6 (out of order)
 * and 9 (free but not bookable) are accepted and checked, and sell nothing: only CountType 2 is
 * bookable, and an Inventory without it has 0 bookable rooms.
 */
export function readFreeRooms(root: XmlNode): { ok: true; value: FreeRoomsMessage } | { ok: false; issue: AbIssue } {
  const fail = (issue: AbIssue) => ({ ok: false as const, issue });
  const uniqueId = child(root, 'UniqueID');
  if (
    uniqueId &&
    (attr(uniqueId, 'Instance') !== 'CompleteSet' || !['16', '35'].includes(attr(uniqueId, 'Type') ?? ''))
  ) {
    return fail(err(AB_ERR.invalidFormat, 'UniqueID must have Instance="CompleteSet" and Type 16 or 35'));
  }
  const completeSet = uniqueId !== undefined;
  const inventories = child(root, 'Inventories');
  const hotelCode = attr(inventories, 'HotelCode');
  if (!inventories || !hotelCode)
    return fail(err(AB_ERR.requiredFieldMissing, 'Inventories with a HotelCode is required'));
  const items = list(inventories.Inventory);
  if (items.length === 0) return fail(err(AB_ERR.requiredFieldMissing, 'at least one Inventory is required'));

  const message: FreeRoomsMessage = { hotelCode, completeSet, closingSeasons: [], entries: [] };
  for (const [i, inventory] of items.entries()) {
    const where = `Inventory ${i + 1}`;
    const control = child(inventory, 'StatusApplicationControl');
    if (!control) {
      // `<Inventory/>` alone in a CompleteSet: nothing is bookable (the spec's "empty" message).
      if (completeSet && items.length === 1 && child(inventory, 'InvCounts') === undefined) continue;
      return fail(err(AB_ERR.requiredFieldMissing, `${where}: StatusApplicationControl is required`));
    }
    const start = attr(control, 'Start');
    const end = attr(control, 'End');
    if (!isDate(start) || !isDate(end) || end < start) {
      return fail(err(AB_ERR.invalidDateCombination, `${where}: Start and End must be dates, End not before Start`));
    }
    if (attr(control, 'InvCode') !== undefined) {
      return fail(
        err(AB_ERR.invalidRoomType, `${where}: rooms (InvCode) are not accepted, send categories (InvTypeCode)`),
      );
    }
    const category = attr(control, 'InvTypeCode');
    if (truthy(attr(control, 'AllInvCode'))) {
      if (!completeSet || category !== undefined || child(inventory, 'InvCounts') !== undefined) {
        return fail(
          err(
            AB_ERR.invalidFormat,
            `${where}: a closing season (AllInvCode) belongs in a CompleteSet, without InvTypeCode or InvCounts`,
          ),
        );
      }
      message.closingSeasons.push({ start, end });
      continue;
    }
    if (!category) return fail(err(AB_ERR.requiredFieldMissing, `${where}: InvTypeCode is required`));
    const bookable = bookableOf(inventory, where);
    if (typeof bookable !== 'number') return fail(bookable);
    message.entries.push({ start, end, category, bookable });
  }
  return { ok: true, value: message };
}
