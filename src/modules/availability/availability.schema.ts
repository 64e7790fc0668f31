import { z } from '@hono/zod-openapi';
import { daysBetween } from '../../lib/dates';
import { IsoDate } from '../../lib/schemas';

export const MAX_NIGHTS = 30;
export const MAX_DAYS_AHEAD = 730;

/** A stay has 1 to MAX_NIGHTS nights (check_out exclusive); the problem with it, or null. */
export function stayLengthProblem(checkIn: string, checkOut: string): string | null {
  const nights = daysBetween(checkIn, checkOut);
  if (nights < 1) return 'must be after check_in';
  if (nights > MAX_NIGHTS) return `a stay has at most ${MAX_NIGHTS} nights`;
  return null;
}

export const AvailabilityRequest = z
  .object({
    hotel_id: z.string().min(1).max(64),
    check_in: IsoDate,
    check_out: IsoDate.openapi({ description: 'Exclusive: nights = check_out − check_in' }),
    adults: z.number().int().min(1).max(20),
    children: z.number().int().min(0).max(20).default(0),
    room_type_id: z.string().min(1).max(64).optional().openapi({ description: 'Only this room type' }),
    rate_plan_id: z.string().min(1).max(64).optional().openapi({ description: 'Only this rate plan' }),
  })
  .superRefine((q, ctx) => {
    const problem = stayLengthProblem(q.check_in, q.check_out);
    if (problem) ctx.addIssue({ code: 'custom', path: ['check_out'], message: problem });
  })
  .openapi('AvailabilityRequest');

export type AvailabilityRequest = z.infer<typeof AvailabilityRequest>;

const Nightly = z.object({ date: z.string(), amount: z.number().int() }).openapi('NightlyAmount');

export const AvailabilityResponse = z
  .object({
    hotel_id: z.string(),
    check_in: z.string(),
    check_out: z.string(),
    nights: z.number().int(),
    adults: z.number().int(),
    children: z.number().int(),
    currency: z.string(),
    room_types: z.array(
      z.object({
        room_type_id: z.string(),
        code: z.string(),
        name: z.string(),
        max_occupancy: z.number().int(),
        available_units: z.number().int().openapi({ description: 'Minimum units left over the nights' }),
        rate_plans: z.array(
          z.object({
            rate_plan_id: z.string(),
            code: z.string(),
            name: z.string(),
            meal_plan: z.string(),
            cancellation_policy: z.unknown(),
            total_amount: z.number().int(),
            nightly: z.array(Nightly),
          }),
        ),
      }),
    ),
  })
  .openapi('Availability');

export type AvailabilityResponse = z.infer<typeof AvailabilityResponse>;
