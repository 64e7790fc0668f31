import { z } from '@hono/zod-openapi';
import { IsoDate, IsoInstant, PaginationQuery } from '../../lib/schemas';
import { stayLengthProblem } from '../availability/availability.schema';
import { RESERVATION_SOURCES, RESERVATION_STATUSES } from './reservations.table';

const Id = z.string().min(1).max(64);
export const MAX_SEARCH_LENGTH = 100;
const Adults = z.number().int().min(1).max(20);
const Children = z.number().int().min(0).max(20);

/**
 * Text kept on a reservation. A lone UTF-16 surrogate (JSON allows `"\ud800"`) is refused: D1 would
 * store U+FFFD in its place, so the booking's answer and its event (built from the request, not read
 * back) would differ from what GET and a resumed idempotent request return.
 */
const Text = z.string().refine((s) => s.isWellFormed(), 'must be well-formed Unicode (no lone surrogate)');

export const GuestInput = z
  .object({
    first_name: Text.trim().min(1).max(100),
    last_name: Text.trim().min(1).max(100),
    email: z.email().max(254),
    phone: Text.trim().min(3).max(40).optional(),
  })
  .openapi('GuestInput');

export const RoomInput = z
  .object({ room_type_id: Id, rate_plan_id: Id, adults: Adults, children: Children.default(0) })
  .openapi('ReservationRoomInput');

function checkStay(v: { check_in?: string | undefined; check_out?: string | undefined }, ctx: z.RefinementCtx) {
  if (!v.check_in || !v.check_out) return;
  const problem = stayLengthProblem(v.check_in, v.check_out);
  if (problem) ctx.addIssue({ code: 'custom', path: ['check_out'], message: problem });
}

type RoomFields = { rooms?: unknown; room_type_id?: string; rate_plan_id?: string; adults?: number; children?: number };

/** A request names its rooms either in `rooms` or in the top-level fields, never both. */
function checkRoomsExclusive(v: RoomFields, ctx: z.RefinementCtx) {
  if (!v.rooms) return;
  for (const f of ['room_type_id', 'rate_plan_id', 'adults', 'children'] as const) {
    if (v[f] !== undefined)
      ctx.addIssue({ code: 'custom', path: [f], message: 'give either rooms or the top-level room fields' });
  }
}

export const CreateReservationBody = z
  .object({
    hotel_id: Id,
    check_in: IsoDate,
    check_out: IsoDate,
    room_type_id: Id.optional(),
    rate_plan_id: Id.optional(),
    adults: Adults.optional(),
    children: Children.optional(),
    rooms: z.array(RoomInput).min(1).max(10).optional().openapi({
      description: 'Several rooms in one reservation, booked all-or-nothing (instead of the top-level room fields)',
    }),
    guest: GuestInput,
    special_requests: Text.max(2000).optional(),
    status: z
      .enum(['confirmed', 'pending'])
      .default('confirmed')
      .openapi({ description: '`pending` holds the inventory for `hold_minutes` until POST …/confirm' }),
    hold_minutes: z.number().int().min(1).max(60).default(15),
  })
  .superRefine((v, ctx) => {
    checkStay(v, ctx);
    checkRoomsExclusive(v, ctx);
    if (!v.rooms) {
      for (const f of ['room_type_id', 'rate_plan_id', 'adults'] as const) {
        if (v[f] === undefined) ctx.addIssue({ code: 'custom', path: [f], message: 'required' });
      }
    }
  })
  .openapi('CreateReservation');

export type CreateReservationBody = z.infer<typeof CreateReservationBody>;

export const ModifyReservationBody = z
  .object({
    check_in: IsoDate.optional(),
    check_out: IsoDate.optional(),
    room_type_id: Id.optional(),
    rate_plan_id: Id.optional(),
    adults: Adults.optional(),
    children: Children.optional(),
    rooms: z.array(RoomInput).min(1).max(10).optional(),
    guest: GuestInput.partial().optional(),
    special_requests: Text.max(2000).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    checkStay(v, ctx);
    checkRoomsExclusive(v, ctx);
  })
  .openapi('ModifyReservation');

export type ModifyReservationBody = z.infer<typeof ModifyReservationBody>;

export const LookupReservationBody = z
  .object({
    confirmation_number: z.string().trim().min(1).max(64),
    email: z.string().trim().min(1).max(254),
  })
  .openapi('LookupReservation');

/** A hotel-side correction of a guest profile: only the fields sent change. */
export const PatchGuestBody = GuestInput.partial()
  .extend({
    marketing_opt_in: z.boolean().optional().openapi({ description: 'Consent to marketing email (campaigns)' }),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE')
      .nullable()
      .optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag such as en, de or pt-BR')
      .nullable()
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one field' })
  .openapi('PatchGuest');

export type PatchGuestBody = z.infer<typeof PatchGuestBody>;

const Nightly = z.object({ date: z.string(), amount: z.number().int() });

export const ReservationSchema = z
  .object({
    id: z.string(),
    confirmation_number: z.string(),
    status: z.enum(RESERVATION_STATUSES),
    hotel_id: z.string(),
    room_type_id: z.string().openapi({ description: 'The first room’s (see rooms for all)' }),
    rate_plan_id: z.string(),
    check_in: z.string(),
    check_out: z.string(),
    nights: z.number().int(),
    adults: z.number().int().openapi({ description: 'Over all rooms' }),
    children: z.number().int(),
    rooms: z.array(
      z.object({
        room_type_id: z.string(),
        rate_plan_id: z.string(),
        adults: z.number().int(),
        children: z.number().int(),
        total_amount: z.number().int(),
        nightly: z.array(Nightly),
        cancellation_policy: z.unknown(),
      }),
    ),
    guest: z
      .object({
        id: z.string().optional().openapi({
          description:
            'The hotel’s guest profile this stay is filed under; shown only to hotel-side credentials (`reservations:read`)',
        }),
        first_name: z.string(),
        last_name: z.string(),
        email: z.string().openapi({ description: 'Lower-cased' }),
        phone: z.string().nullable(),
      })
      .openapi({
        description:
          'The guest as given for this reservation (at booking or by a later PUT), never copied from or into the ' +
          'hotel’s profile of that email',
      }),
    special_requests: z.string().nullable(),
    total_amount: z.number().int(),
    currency: z.string(),
    amount_paid: z.number().int(),
    balance_due: z.number().int(),
    cancellation_fee: z.number().int().nullable(),
    source: z.enum(RESERVATION_SOURCES),
    hold_expires_at: z.string().nullable(),
    cancelled_at: z.string().nullable(),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Reservation');

export type ReservationJson = z.infer<typeof ReservationSchema>;

export const ListReservationsQuery = PaginationQuery.extend({
  status: z.enum(RESERVATION_STATUSES).optional(),
  from: IsoDate.optional().openapi({ description: 'Stays overlapping [from, to]' }),
  to: IsoDate.optional(),
  created_from: IsoInstant.optional(),
  created_to: IsoInstant.optional(),
  q: z
    .string()
    .trim()
    .min(2)
    // Counted in characters (code points), so an emoji counts once; the search itself has no
    // pattern limit (see reservations.query.ts), this only keeps a search a search.
    .refine((s) => [...s].length <= MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`)
    .optional()
    .openapi({
      description: `Guest name, email or confirmation number contains this text (2–${MAX_SEARCH_LENGTH} characters, taken literally)`,
    }),
});
