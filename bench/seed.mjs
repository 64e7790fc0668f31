// A benchmark hotel, seeded through the public API as the platform admin: room types, rate plans
// (each covering every room type) and a year of ARI with inventory, weekday/weekend prices and a
// few restrictions, so searches price real calendars rather than empty ones.

const MAX_ROOM_NIGHTS_PER_REQUEST = 50_000; // the contract's ceiling for one PUT .../ari
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKEND = ['fri', 'sat'];
const MIDWEEK = ['sun', 'mon', 'tue', 'wed', 'thu'];

const HOTEL = {
  name: 'WeHub Benchmark Hotel',
  timezone: 'Europe/Vienna',
  currency: 'EUR',
  address: { line1: 'Opernring 2', city: 'Vienna', postal_code: '1010', country: 'AT' },
  amenities: ['wifi', 'spa'],
  policies: { check_in_time: '15:00', check_out_time: '11:00' },
};

/**
 * Every room type takes up to 4 adults and 2 children, so every party in PARTIES fits every room
 * type and each search prices the whole catalog: the uncached rotation does equal work per request.
 */
const ROOM_CAPACITY = { max_adults: 4, max_children: 2, max_occupancy: 6, base_occupancy: 2 };
export const PARTIES = [1, 2, 3, 4].flatMap((adults) => [0, 1, 2].map((children) => ({ adults, children })));

// Restrictions per plan, so searches meet real refusals (min/max stay, closed to arrival).
const RATE_PLANS = [
  { code: 'FLEX', name: 'Flexible', meal_plan: 'room_only', restrictions: [] },
  {
    code: 'NREF',
    name: 'Non-refundable',
    meal_plan: 'room_only',
    cancellation_policy: { free_until_hours: null, penalty: { type: 'full_stay' } },
    restrictions: [{ min_stay: 2 }],
  },
  {
    code: 'BB',
    name: 'Bed and breakfast',
    meal_plan: 'breakfast',
    restrictions: [{ days_of_week: ['sat'], min_stay: 2 }],
  },
  {
    code: 'HB',
    name: 'Half board',
    meal_plan: 'half_board',
    restrictions: [{ days_of_week: ['sun'], closed_to_arrival: true }],
  },
  { code: 'SHORT', name: 'Short-stay special', meal_plan: 'breakfast', restrictions: [{ max_stay: 7 }] },
];
const ROOM_TYPES = 20;
const NIGHTS = 365;

export function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in the time zone plus `days`, as YYYY-MM-DD. */
export function zonedDate(timeZone, days) {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  return addDays(today, days);
}

function roomNights({ from, to, days_of_week }) {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (!days_of_week || days_of_week.includes(WEEKDAYS[new Date(`${d}T00:00:00Z`).getUTCDay()])) n += 1;
  }
  return n;
}

/** Consecutive groups of updates, each within the per-request room-night ceiling. */
function chunkUpdates(updates) {
  const chunks = [];
  let current = [];
  let size = 0;
  for (const u of updates) {
    const n = roomNights(u);
    if (current.length > 0 && size + n > MAX_ROOM_NIGHTS_PER_REQUEST) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(u);
    size += n;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function ariUpdates(roomTypeIds, ratePlanIds, from, to) {
  const updates = roomTypeIds.map((room_type_id, r) => ({ room_type_id, from, to, inventory: 4 + (r % 5) }));
  roomTypeIds.forEach((room_type_id, r) => {
    ratePlanIds.forEach((rate_plan_id, p) => {
      const midweek = 9_000 + r * 700 - p * 400;
      const range = { room_type_id, rate_plan_id, from, to };
      updates.push({ ...range, days_of_week: MIDWEEK, amount: midweek });
      updates.push({ ...range, days_of_week: WEEKEND, amount: Math.round(midweek * 1.25) });
      for (const restriction of RATE_PLANS[p].restrictions) updates.push({ ...range, ...restriction });
    });
  });
  return updates;
}

/**
 * Seeds the hotel: 20 room types, 5 rate plans each covering every room type, 365 nights of ARI.
 * Returns its ids and the ARI window [firstNight, lastNight], which starts tomorrow in the hotel's
 * time zone so that every stay in it is bookable whatever the clock says.
 */
export async function seedHotel(api) {
  const hotel = await api.expect(201, 'POST', '/api/v1/hotels', { body: HOTEL });
  const base = `/api/v1/hotels/${hotel.id}`;
  const roomTypeIds = [];
  for (let r = 0; r < ROOM_TYPES; r++) {
    const body = {
      code: `RT${String(r + 1).padStart(2, '0')}`,
      name: `Room type ${r + 1}`,
      description: 'A benchmark room.',
      ...ROOM_CAPACITY,
      beds: [{ type: 'double', count: 1 }],
    };
    roomTypeIds.push((await api.expect(201, 'POST', `${base}/room-types`, { body })).id);
  }
  const ratePlanIds = [];
  for (const { restrictions, ...plan } of RATE_PLANS) {
    const body = { ...plan, room_type_ids: roomTypeIds, extra_adult_amount: 2_500, extra_child_amount: 1_200 };
    ratePlanIds.push((await api.expect(201, 'POST', `${base}/rate-plans`, { body })).id);
  }
  const firstNight = zonedDate(HOTEL.timezone, 1);
  const lastNight = addDays(firstNight, NIGHTS - 1);
  for (const updates of chunkUpdates(ariUpdates(roomTypeIds, ratePlanIds, firstNight, lastNight))) {
    await api.expect(200, 'PUT', `${base}/ari`, { body: { updates } });
  }
  return { hotelId: hotel.id, roomTypeIds, ratePlanIds, firstNight, lastNight };
}
