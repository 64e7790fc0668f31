import type { FieldError } from '../../errors';

/**
 * The IANA name to store for `input`, or null when it is not an IANA zone. Intl is the authority (the
 * same data the availability code uses to find "today" at the hotel). Offsets such as "+01:00" are
 * accepted by newer Intl but are not zones: they ignore daylight saving, so they are refused.
 * A name that differs only in case is stored in its canonical spelling; links such as Asia/Kolkata
 * are kept as given rather than rewritten to ICU's older primary name.
 */
export function canonicalTimeZone(input: string): string | null {
  if (input.length === 0 || input.length > 64 || /^[+-]/.test(input) || /\s/.test(input)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: input }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return resolved.toLowerCase() === input.toLowerCase() ? resolved : input;
}

let currencies: ReadonlySet<string> | undefined;

/** ISO 4217 codes as the runtime's ICU knows them (active and historic ones); shape-only if Intl cannot list them. */
export function isIsoCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  if (currencies === undefined) {
    currencies = typeof Intl.supportedValuesOf === 'function' ? new Set(Intl.supportedValuesOf('currency')) : new Set();
  }
  return currencies.size === 0 || currencies.has(code);
}

export type OccupancyInput = {
  max_adults: number;
  max_children: number;
  max_occupancy?: number | undefined;
  base_occupancy?: number | undefined;
};

export type Occupancy = { max_adults: number; max_children: number; max_occupancy: number; base_occupancy: number };

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Fills in and checks a room type's occupancy: max_occupancy defaults to every bed filled
 * (adults + children) and may cap it lower, but never below max_adults (a room that cannot hold its
 * own adult limit is a contradiction); base_occupancy (guests in the base price) defaults to a couple
 * or fewer and must fit the room.
 */
export function resolveOccupancy(input: OccupancyInput): Checked<Occupancy> {
  const { max_adults, max_children } = input;
  const max_occupancy = input.max_occupancy ?? max_adults + max_children;
  const base_occupancy = input.base_occupancy ?? Math.min(2, max_adults);
  const errors: FieldError[] = [];
  if (max_occupancy < max_adults) {
    errors.push({ path: 'max_occupancy', message: `must be at least max_adults (${max_adults})` });
  } else if (max_occupancy > max_adults + max_children) {
    errors.push({
      path: 'max_occupancy',
      message: `must be at most max_adults + max_children (${max_adults + max_children})`,
    });
  }
  if (base_occupancy < 1 || base_occupancy > max_occupancy) {
    errors.push({ path: 'base_occupancy', message: `must be between 1 and max_occupancy (${max_occupancy})` });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { max_adults, max_children, max_occupancy, base_occupancy } };
}

/**
 * PATCH semantics for the object-valued fields (address, contact, policies): keys sent replace
 * stored keys, keys not sent are kept, a key sent as null is removed. Arrays are replaced whole.
 */
export function mergeObject<T extends object>(stored: T, patch: { [K in keyof T]?: T[K] | null } | undefined): T {
  if (patch === undefined) return stored;
  const out: Record<string, unknown> = { ...(stored as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (value !== undefined) out[key] = value;
  }
  return out as T;
}

/**
 * What a booking widget may be offered: each rate plan narrowed to the room types that are still
 * active, and dropped when none is left (a plan for deactivated rooms only cannot be booked).
 */
export function bookableRatePlans<P extends { roomTypeIds: string[] }>(
  plans: readonly P[],
  activeRoomTypeIds: ReadonlySet<string>,
): P[] {
  return plans
    .map((plan) => ({ ...plan, roomTypeIds: plan.roomTypeIds.filter((id) => activeRoomTypeIds.has(id)) }))
    .filter((plan) => plan.roomTypeIds.length > 0);
}

/** A PATCH that sends no field changes nothing, not even updated_at. */
export function isEmptyPatch(patch: object): boolean {
  return Object.values(patch).every((v) => v === undefined);
}
