// The demo hotel `npm run dev` seeds through the public HTTP API (so the seed goes through the same
// validation a client does), resumable: each step is recorded in .wrangler/demo.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRouteMissing } from '../bench/api.mjs';
import { zonedDate } from '../bench/seed.mjs';

const DEMO_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '.wrangler', 'demo.json');

export const DEMO_HOTEL = {
  name: 'WeHub Demo Hotel',
  timezone: 'Europe/Vienna',
  currency: 'EUR',
  address: { line1: 'Opernring 2', city: 'Vienna', postal_code: '1010', country: 'AT' },
  amenities: ['wifi', 'breakfast', 'spa'],
  policies: { check_in_time: '15:00', check_out_time: '11:00', pets: 'Small dogs on request' },
};
// Nightly prices in minor units per room type code and rate plan code.
const DEMO_ROOM_TYPES = [
  {
    body: {
      code: 'DBL',
      name: 'Classic Double',
      description: 'A quiet double room facing the courtyard.',
      max_adults: 2,
      max_children: 1,
      max_occupancy: 3,
      amenities: ['minibar', 'rain shower'],
      images: [],
    },
    prices: { FLEX: 16500, NREF: 13000 },
  },
  {
    body: {
      code: 'TWN',
      name: 'Superior Twin',
      description: 'Two single beds and a view of the Ring.',
      max_adults: 2,
      max_children: 0,
      max_occupancy: 2,
      amenities: ['minibar'],
      images: [],
    },
    prices: { FLEX: 18500, NREF: 15000 },
  },
  {
    body: {
      code: 'STE',
      name: 'Junior Suite',
      description: 'A suite with a separate living area.',
      max_adults: 3,
      max_children: 2,
      max_occupancy: 4,
      amenities: ['minibar', 'bathtub', 'espresso machine'],
      images: [],
    },
    prices: { FLEX: 28500, NREF: 23000 },
  },
];
// Each plan's terms are what its name says: FLEX cancels free until 48 h before arrival (then the
// first night) and includes breakfast; NREF is room only and charges the whole stay from booking.
const DEMO_RATE_PLANS = [
  {
    code: 'FLEX',
    name: 'Flexible, breakfast included',
    meal_plan: 'breakfast',
    cancellation_policy: { free_until_hours: 48, penalty: { type: 'first_night' } },
  },
  {
    code: 'NREF',
    name: 'Non-refundable, room only',
    meal_plan: 'room_only',
    cancellation_policy: { free_until_hours: null, penalty: { type: 'full_stay' } },
  },
];
export const DEMO_KEY = {
  name: 'Demo booking widget',
  // A widget books and manages its own bookings and takes the guest's payment for them (payments:write, as
  // POST /api/v1/payments requires); reading every reservation is the hotel's (reservations:read).
  scopes: ['hotels:read', 'availability:read', 'reservations:write', 'payments:write'],
  allowed_origins: ['http://localhost:3000', 'http://localhost:5173'],
};
const ARI_DAYS = 365;
const ARI_INVENTORY = 5;

export class SeedError extends Error {}

export function expectOk(res, status, what) {
  if (res.status === status) return res.json;
  const hint = isRouteMissing(res.status, res.json) ? ' (that endpoint does not exist yet)' : '';
  throw new SeedError(
    `${what}: expected HTTP ${status}, got ${res.status}${hint}: ${res.json?.detail ?? res.text.slice(0, 300)}`,
  );
}

export function loadDemo() {
  try {
    return JSON.parse(readFileSync(DEMO_FILE, 'utf8'));
  } catch {
    return {};
  }
}

export function saveDemo(state) {
  mkdirSync(dirname(DEMO_FILE), { recursive: true });
  writeFileSync(DEMO_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

/** A demo plan seeded by an older version of this script gets the terms its name promises. */
async function alignTerms(call, path, plan) {
  const current = expectOk(await call('GET', path), 200, `Checking rate plan ${plan.code}`);
  const terms = { meal_plan: plan.meal_plan, cancellation_policy: plan.cancellation_policy };
  const same =
    current.meal_plan === terms.meal_plan &&
    JSON.stringify(current.cancellation_policy) === JSON.stringify(terms.cancellation_policy);
  if (!same) expectOk(await call('PATCH', path, { body: terms }), 200, `Updating rate plan ${plan.code}`);
}

/**
 * Seeds step by step and records each step in .wrangler/demo.json, so a restart seeds nothing twice
 * and a seed that stopped half-way (an endpoint missing, the server stopped) resumes where it stopped.
 */
export async function seed(call) {
  let state = loadDemo();
  if (state.hotel_id) {
    const res = await call('GET', `/api/v1/booking-engine/hotels/${state.hotel_id}`);
    if (res.status === 404) {
      console.log('[dev] The demo hotel is gone (local D1 wiped?): seeding again.');
      state = {};
    } else {
      expectOk(res, 200, 'Checking the demo hotel');
    }
  }
  if (!state.hotel_id) {
    const hotel = expectOk(await call('POST', '/api/v1/hotels', { body: DEMO_HOTEL }), 201, 'Creating the demo hotel');
    state = { hotel_id: hotel.id, room_types: {}, rate_plans: {} };
    saveDemo(state);
  }
  const base = `/api/v1/hotels/${state.hotel_id}`;
  for (const { body } of DEMO_ROOM_TYPES) {
    if (state.room_types[body.code]) continue;
    const room = expectOk(
      await call('POST', `${base}/room-types`, { body: body }),
      201,
      `Creating room type ${body.code}`,
    );
    state.room_types[body.code] = room.id;
    saveDemo(state);
  }
  for (const plan of DEMO_RATE_PLANS) {
    if (state.rate_plans[plan.code]) {
      await alignTerms(call, `${base}/rate-plans/${state.rate_plans[plan.code]}`, plan);
      continue;
    }
    const body = { ...plan, room_type_ids: Object.values(state.room_types) };
    const created = expectOk(
      await call('POST', `${base}/rate-plans`, { body: body }),
      201,
      `Creating rate plan ${plan.code}`,
    );
    state.rate_plans[plan.code] = created.id;
    saveDemo(state);
  }
  if (!state.ari_seeded) {
    const from = zonedDate(DEMO_HOTEL.timezone, 0);
    const to = zonedDate(DEMO_HOTEL.timezone, ARI_DAYS - 1);
    const updates = [];
    for (const { body, prices } of DEMO_ROOM_TYPES) {
      const roomTypeId = state.room_types[body.code];
      updates.push({ room_type_id: roomTypeId, from, to, inventory: ARI_INVENTORY });
      for (const [planCode, amount] of Object.entries(prices)) {
        updates.push({ room_type_id: roomTypeId, rate_plan_id: state.rate_plans[planCode], from, to, amount });
      }
    }
    expectOk(
      await call('PUT', `${base}/ari`, { body: { updates } }),
      200,
      `Loading ${ARI_DAYS} days of availability and rates`,
    );
    state.ari_seeded = { from, to };
    saveDemo(state);
  }
  if (state.api_key_id) {
    const path = `/api/v1/api-keys/${state.api_key_id}`;
    const res = await call('GET', path);
    const key = res.status === 404 ? null : expectOk(res, 200, 'Checking the demo API key');
    // Keys cannot be edited: a key from an older seed without a scope the demo now needs is replaced.
    const missing = key && !key.revoked_at ? DEMO_KEY.scopes.filter((s) => !key.scopes?.includes(s)) : [];
    if (!key || key.revoked_at || missing.length > 0) {
      const why = missing.length > 0 ? `lacks ${missing.join(', ')}` : 'is gone or revoked';
      console.log(`[dev] The demo API key ${why}: creating a new one.`);
      if (missing.length > 0) expectOk(await call('DELETE', path), 200, 'Revoking the old demo API key');
      delete state.api_key_id;
      delete state.api_key;
    }
  }
  if (!state.api_key_id) {
    const body = { ...DEMO_KEY, hotel_ids: [state.hotel_id] };
    const key = expectOk(await call('POST', '/api/v1/api-keys', { body: body }), 201, 'Creating the demo API key');
    state.api_key_id = key.id;
    state.api_key = key.key;
    saveDemo(state);
  }
  return state;
}
