import { z } from '@hono/zod-openapi';
import { countDatesInRange, daysBetween, WEEKDAYS } from '../../lib/dates';
import { IsoDate } from '../../lib/schemas';
import { RATE_FIELDS } from './ari.plan';

export const MAX_RANGE_DAYS = 731;
export const MAX_ROOM_NIGHTS_PER_REQUEST = 50_000;

/** An inclusive date range of at most MAX_RANGE_DAYS days; the problem with it, or null. */
function rangeProblem(from: string, to: string): string | null {
  if (to < from) return 'must not be before from';
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) return `a range spans at most ${MAX_RANGE_DAYS} days`;
  return null;
}

export const AriUpdate = z
  .object({
    room_type_id: z.string().min(1).max(64),
    rate_plan_id: z.string().min(1).max(64).optional(),
    from: IsoDate,
    to: IsoDate.openapi({ description: 'Inclusive' }),
    days_of_week: z
      .array(z.enum(WEEKDAYS))
      .min(1)
      .max(7)
      .optional()
      .openapi({ description: 'Only these weekdays within the range, e.g. ["fri","sat"]', example: ['fri', 'sat'] }),
    inventory: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .optional()
      .openapi({ description: 'Units to sell per night for the room type (no rate_plan_id needed)' }),
    amount: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .nullable()
      .optional()
      .openapi({ description: 'Nightly price in minor units for the base occupancy; null removes the price' }),
    min_stay: z.number().int().min(1).max(365).nullable().optional().openapi({ description: 'Arrival-based' }),
    max_stay: z.number().int().min(1).max(365).nullable().optional().openapi({ description: 'Arrival-based' }),
    closed: z.boolean().optional().openapi({ description: 'Stop-sell for the night' }),
    closed_to_arrival: z.boolean().optional(),
    closed_to_departure: z.boolean().optional(),
  })
  .superRefine((u, ctx) => {
    const range = rangeProblem(u.from, u.to);
    if (range) ctx.addIssue({ code: 'custom', path: ['to'], message: range });
    const rateFields = RATE_FIELDS.filter((f) => u[f] !== undefined);
    if (rateFields.length === 0 && u.inventory === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'set inventory, amount or a restriction' });
    }
    if (rateFields.length > 0 && !u.rate_plan_id) {
      ctx.addIssue({ code: 'custom', path: ['rate_plan_id'], message: `required with ${rateFields.join(', ')}` });
    }
    if (typeof u.min_stay === 'number' && typeof u.max_stay === 'number' && u.min_stay > u.max_stay) {
      ctx.addIssue({ code: 'custom', path: ['max_stay'], message: 'must not be below min_stay' });
    }
  })
  .openapi('AriUpdate');

export type AriUpdate = z.infer<typeof AriUpdate>;

/** Room-nights a request names, counted from its ranges without listing a single date. */
export function roomNightsOf(updates: readonly AriUpdate[]): number {
  return updates.reduce((n, u) => n + countDatesInRange(u.from, u.to, u.days_of_week), 0);
}

// The room-night limit governs, so a PMS that prices every night separately can send all of them;
// the array cap only bounds parsing (every update spans at least one day) and sits far above what
// the 1 MB body can carry.
export const AriUpdateBody = z
  .object({
    updates: z
      .array(AriUpdate)
      .min(1)
      .max(MAX_ROOM_NIGHTS_PER_REQUEST)
      .openapi({ description: `Applied in order; together at most ${MAX_ROOM_NIGHTS_PER_REQUEST} room-nights` }),
  })
  .superRefine((body, ctx) => {
    const roomNights = roomNightsOf(body.updates);
    if (roomNights > MAX_ROOM_NIGHTS_PER_REQUEST) {
      ctx.addIssue({
        code: 'custom',
        path: ['updates'],
        message: `${roomNights} room-nights; one request may carry at most ${MAX_ROOM_NIGHTS_PER_REQUEST}`,
      });
    }
  })
  .openapi('AriUpdateRequest');

export const AriUpdateResult = z
  .object({ updated: z.number().int().openapi({ description: 'Room-nights written' }) })
  .openapi('AriUpdateResult');

export const AriCalendarQuery = z
  .object({
    from: IsoDate,
    to: IsoDate.openapi({ description: 'Inclusive; at most 731 days after from' }),
    room_type_id: z.string().min(1).max(64).optional(),
  })
  .superRefine((q, ctx) => {
    const range = rangeProblem(q.from, q.to);
    if (range) ctx.addIssue({ code: 'custom', path: ['to'], message: range });
  });

const RoomNightJson = z.object({
  date: z.string(),
  inventory: z.number().int(),
  taken: z.number().int(),
  overbooked: z.number().int().openapi({ description: 'Units channels sold beyond inventory (see docs/channels.md)' }),
  available: z.number().int().openapi({ description: 'inventory − taken − overbooked, at least 0' }),
});
const RateNightJson = z.object({
  date: z.string(),
  amount: z.number().int().nullable(),
  min_stay: z.number().int().nullable(),
  max_stay: z.number().int().nullable(),
  closed: z.boolean(),
  closed_to_arrival: z.boolean(),
  closed_to_departure: z.boolean(),
});

export const AriCalendar = z
  .object({
    hotel_id: z.string(),
    from: z.string(),
    to: z.string(),
    room_types: z.array(
      z.object({
        room_type_id: z.string(),
        code: z.string(),
        nights: z.array(RoomNightJson),
        rate_plans: z.array(z.object({ rate_plan_id: z.string(), code: z.string(), nights: z.array(RateNightJson) })),
      }),
    ),
  })
  .openapi('AriCalendar');

export type AriChange = {
  room_type_id: string;
  rate_plan_id: string | null;
  from: string;
  to: string;
  fields: string[];
};

/**
 * The `ari.updated` event's summary of a request: one entry per room type and rate plan (null for
 * inventory), spanning the earliest to the latest date touched, with the fields that were set.
 */
export function summariseAri(updates: readonly AriUpdate[]): AriChange[] {
  const byKey = new Map<string, AriChange>();
  for (const u of updates) {
    const fields = (['inventory', ...RATE_FIELDS] as const).filter((f) => u[f] !== undefined);
    const targets: (string | null)[] = [];
    if (u.inventory !== undefined) targets.push(null);
    if (fields.some((f) => f !== 'inventory') && u.rate_plan_id) targets.push(u.rate_plan_id);
    for (const ratePlanId of targets) {
      const own = fields.filter((f) => (ratePlanId === null ? f === 'inventory' : f !== 'inventory'));
      const key = `${u.room_type_id}|${ratePlanId ?? ''}`;
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, { room_type_id: u.room_type_id, rate_plan_id: ratePlanId, from: u.from, to: u.to, fields: own });
        continue;
      }
      if (u.from < seen.from) seen.from = u.from;
      if (u.to > seen.to) seen.to = u.to;
      seen.fields = [...new Set([...seen.fields, ...own])];
    }
  }
  return [...byKey.values()];
}
