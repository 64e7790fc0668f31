import { stayNights } from '../../lib/dates';

/** Units per room type: two rooms of one type take two units on every night. */
function unitsByRoomType(rooms: readonly { room_type_id: string }[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const r of rooms) units.set(r.room_type_id, (units.get(r.room_type_id) ?? 0) + 1);
  return units;
}

/** Rows with inventory 0 for the nights (a JSON list) that have none, `taken` set as given. */
function insertMissingNights(
  d1: D1DatabaseSession,
  hotelId: string,
  roomTypeId: string,
  dates: string,
  taken: number,
): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO room_nights (room_type_id, date, hotel_id, inventory, taken)
       SELECT ?, value, ?, 0, ? FROM json_each(?) AS d
       WHERE NOT EXISTS (SELECT 1 FROM room_nights n WHERE n.room_type_id = ? AND n.date = d.value)`,
    )
    .bind(roomTypeId, hotelId, taken, dates, roomTypeId);
}

/**
 * Takes units on every night. The UPDATE is refused by the table's CHECK (taken <= inventory) on a
 * full night; a night without a room_nights row is inserted with inventory 0, which fails the same
 * CHECK. Either way the whole D1 batch rolls back and nothing is sold. (SQLite checks CHECK before
 * ON CONFLICT, hence two statements rather than one upsert.)
 */
export function takeUnits(
  d1: D1DatabaseSession,
  hotelId: string,
  rooms: readonly { room_type_id: string }[],
  checkIn: string,
  checkOut: string,
): D1PreparedStatement[] {
  const dates = JSON.stringify(stayNights(checkIn, checkOut));
  return [...unitsByRoomType(rooms)].flatMap(([roomTypeId, count]) => [
    insertMissingNights(d1, hotelId, roomTypeId, dates, count),
    d1
      .prepare(
        'UPDATE room_nights SET taken = taken + ? WHERE room_type_id = ? AND date IN (SELECT value FROM json_each(?))',
      )
      .bind(count, roomTypeId, dates),
  ]);
}

/**
 * Takes units a channel already sold, even beyond inventory: what fits goes to `taken`, the rest to
 * `overbooked`, so `taken` stays within inventory and the CHECK keeps guarding every other path. A
 * night without a row gets one with inventory 0 (all of it overbooked). Never refused by the CHECK.
 */
export function forceTakeUnits(
  d1: D1DatabaseSession,
  hotelId: string,
  rooms: readonly { room_type_id: string }[],
  checkIn: string,
  checkOut: string,
): D1PreparedStatement[] {
  const dates = JSON.stringify(stayNights(checkIn, checkOut));
  return [...unitsByRoomType(rooms)].flatMap(([roomTypeId, count]) => [
    insertMissingNights(d1, hotelId, roomTypeId, dates, 0),
    // SET reads the old values on both sides: the units that do not fit become overbooked.
    d1
      .prepare(
        `UPDATE room_nights SET taken = MIN(inventory, taken + ?1), overbooked = overbooked + MAX(0, taken + ?1 - inventory)
         WHERE room_type_id = ?2 AND date IN (SELECT value FROM json_each(?3))`,
      )
      .bind(count, roomTypeId, dates),
  ]);
}

/**
 * Gives units back, overbooked ones first: units sold beyond inventory are the first to stop being
 * over, so `taken` only drops once the night is no longer overbooked. The CHECK (taken >= 0) makes a
 * double release roll its batch back.
 */
export function releaseUnits(
  d1: D1DatabaseSession,
  rooms: readonly { room_type_id: string }[],
  checkIn: string,
  checkOut: string,
): D1PreparedStatement[] {
  const dates = JSON.stringify(stayNights(checkIn, checkOut));
  return [...unitsByRoomType(rooms)].map(([roomTypeId, count]) =>
    d1
      .prepare(
        `UPDATE room_nights SET taken = taken - MAX(0, ?1 - overbooked), overbooked = MAX(0, overbooked - ?1)
         WHERE room_type_id = ?2 AND date IN (SELECT value FROM json_each(?3))`,
      )
      .bind(count, roomTypeId, dates),
  );
}
