import { z } from '@hono/zod-openapi';
import { PaginationQuery, pageOf } from '../../lib/schemas';
import { CATALOG_STATUSES, MEAL_PLANS } from './catalog.table';
import { canonicalTimeZone, isIsoCurrency } from './rules';

// Unknown body fields are ignored rather than refused, so clients built against a richer PMS model
// (or a newer version of this API) keep working.

const Text = (max: number) => z.string().trim().min(1).max(max);
const Amenities = z.array(Text(100)).max(100);
const Status = z.enum(CATALOG_STATUSES);

export const Code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/, 'must be 1–50 letters, digits, ".", "_" or "-"')
  .openapi({ description: 'Unique per hotel; used in channel mappings.', example: 'DBL' });

export const TimeZone = z
  .string()
  .transform((v, ctx) => {
    const zone = canonicalTimeZone(v);
    if (zone === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Vienna' });
      return z.NEVER;
    }
    return zone;
  })
  .openapi({ type: 'string', example: 'Europe/Vienna' });

export const Currency = z
  .string()
  .refine(isIsoCurrency, 'must be an ISO 4217 currency code such as EUR')
  .openapi({ example: 'EUR' });

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24-hour)');
const Amount = z.number().int().min(0).max(100_000_000).openapi({ description: 'Integer minor units' });

const AddressFields = {
  line1: Text(200),
  line2: Text(200),
  city: Text(100),
  region: Text(100),
  postal_code: Text(20),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as AT'),
};
const ContactFields = { email: z.email(), phone: Text(40), website: z.url({ protocol: /^https?$/ }) };
const PolicyTextFields = { cancellation: Text(2000), children: Text(2000), pets: Text(2000) };

function optionalFields<S extends Record<string, z.ZodType>>(shape: S) {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof S]: z.ZodOptional<S[K]>;
  };
}
function nullableFields<S extends Record<string, z.ZodType>>(shape: S) {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.nullable().optional()])) as {
    [K in keyof S]: z.ZodOptional<z.ZodNullable<S[K]>>;
  };
}

export const AddressSchema = z.object(optionalFields(AddressFields)).openapi('Address');
export const ContactSchema = z.object(optionalFields(ContactFields)).openapi('Contact');
export const PoliciesSchema = z
  .object({
    check_in_time: ClockTime.default('15:00'),
    check_out_time: ClockTime.default('11:00'),
    ...optionalFields(PolicyTextFields),
  })
  .openapi('HotelPolicies');

export const CreateHotelBody = z
  .object({
    name: Text(200),
    timezone: TimeZone,
    currency: Currency,
    address: AddressSchema.default({}),
    contact: ContactSchema.default({}),
    amenities: Amenities.default([]),
    policies: PoliciesSchema.default({ check_in_time: '15:00', check_out_time: '11:00' }),
  })
  .openapi('CreateHotel');

export const UpdateHotelBody = z
  .object({
    name: Text(200).optional(),
    timezone: TimeZone.optional(),
    currency: Currency.optional(),
    address: z.object(nullableFields(AddressFields)).optional(),
    contact: z.object(nullableFields(ContactFields)).optional(),
    amenities: Amenities.optional(),
    policies: z
      .object({
        check_in_time: ClockTime.optional(),
        check_out_time: ClockTime.optional(),
        ...nullableFields(PolicyTextFields),
      })
      .optional(),
    status: Status.optional(),
  })
  .openapi('UpdateHotel', {
    description: 'Fields sent replace stored ones; in address, contact and policies a key sent as null is removed.',
  });

export const HotelSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    timezone: z.string(),
    currency: z.string(),
    address: AddressSchema,
    contact: ContactSchema,
    amenities: z.array(z.string()),
    policies: z.object({
      check_in_time: z.string(),
      check_out_time: z.string(),
      cancellation: z.string().optional(),
      children: z.string().optional(),
      pets: z.string().optional(),
    }),
    status: Status,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Hotel');

const Bed = z.object({ type: Text(50), count: z.number().int().min(1).max(10) });
const Image = z.object({ url: z.url({ protocol: /^https?$/ }).max(2000), caption: Text(200).optional() });
const Occupant = (max: number) => z.number().int().min(0).max(max);

const RoomTypeFields = {
  code: Code,
  name: Text(200),
  description: z.string().trim().max(5000),
  max_adults: Occupant(20).min(1),
  max_children: Occupant(20),
  max_occupancy: Occupant(40).min(1),
  base_occupancy: Occupant(40).min(1),
  beds: z.array(Bed).max(20),
  size_sqm: z.number().int().min(1).max(10_000).nullable(),
  amenities: Amenities,
  images: z.array(Image).max(50),
};

export const CreateRoomTypeBody = z
  .object({
    ...RoomTypeFields,
    description: RoomTypeFields.description.default(''),
    max_children: RoomTypeFields.max_children.default(0),
    max_occupancy: RoomTypeFields.max_occupancy
      .optional()
      .openapi({ description: 'Default max_adults + max_children' }),
    base_occupancy: RoomTypeFields.base_occupancy.optional().openapi({ description: 'Default min(2, max_adults)' }),
    beds: RoomTypeFields.beds.default([]),
    size_sqm: RoomTypeFields.size_sqm.default(null),
    amenities: RoomTypeFields.amenities.default([]),
    images: RoomTypeFields.images.default([]),
  })
  .openapi('CreateRoomType');

export const UpdateRoomTypeBody = z
  .object({ ...optionalFields(RoomTypeFields), status: Status.optional() })
  .openapi('UpdateRoomType');

export const RoomTypeSchema = z
  .object({
    id: z.string(),
    hotel_id: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    max_adults: z.number().int(),
    max_children: z.number().int(),
    max_occupancy: z.number().int(),
    base_occupancy: z.number().int(),
    beds: z.array(z.object({ type: z.string(), count: z.number().int() })),
    size_sqm: z.number().int().nullable(),
    amenities: z.array(z.string()),
    images: z.array(z.object({ url: z.string(), caption: z.string().optional() })),
    status: Status,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('RoomType');

export const CancellationPolicySchema = z
  .object({
    free_until_hours: z
      .number()
      .int()
      .min(0)
      .max(8760)
      .nullable()
      .openapi({ description: 'Free cancellation until this many hours before check-in; null = non-refundable' }),
    penalty: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('first_night') }),
        z.object({ type: z.literal('percentage'), percent: z.number().int().min(1).max(100) }),
        z.object({ type: z.literal('full_stay') }),
      ])
      .default({ type: 'first_night' }),
  })
  .openapi('CancellationPolicy');

const RatePlanFields = {
  code: Code,
  name: Text(200),
  description: z.string().trim().max(5000),
  room_type_ids: z.array(z.string().min(1).max(64)).min(1).max(100),
  meal_plan: z.enum(MEAL_PLANS),
  cancellation_policy: CancellationPolicySchema,
  currency: Currency.openapi({ description: 'Must equal the hotel’s currency' }),
  extra_adult_amount: Amount,
  extra_child_amount: Amount,
};

export const CreateRatePlanBody = z
  .object({
    ...RatePlanFields,
    description: RatePlanFields.description.default(''),
    meal_plan: RatePlanFields.meal_plan.default('room_only'),
    cancellation_policy: CancellationPolicySchema.default({ free_until_hours: 24, penalty: { type: 'first_night' } }),
    currency: RatePlanFields.currency.optional(),
    extra_adult_amount: Amount.default(0),
    extra_child_amount: Amount.default(0),
  })
  .openapi('CreateRatePlan');

export const UpdateRatePlanBody = z
  .object({ ...optionalFields(RatePlanFields), status: Status.optional() })
  .openapi('UpdateRatePlan');

export const RatePlanSchema = z
  .object({
    id: z.string(),
    hotel_id: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    room_type_ids: z.array(z.string()),
    meal_plan: z.enum(MEAL_PLANS),
    cancellation_policy: CancellationPolicySchema,
    currency: z.string(),
    extra_adult_amount: z.number().int(),
    extra_child_amount: z.number().int(),
    status: Status,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('RatePlan');

export const HotelDetailSchema = HotelSchema.extend({
  room_types: z.array(RoomTypeSchema),
  rate_plans: z.array(RatePlanSchema),
}).openapi('HotelDetail');

export const HotelPage = pageOf(HotelSchema, 'HotelPage');
export const RoomTypePage = pageOf(RoomTypeSchema, 'RoomTypePage');
export const RatePlanPage = pageOf(RatePlanSchema, 'RatePlanPage');

const Id = z.string().min(1).max(64);
export const HotelParam = z.object({ hotel_id: Id });
export const RoomTypeParam = z.object({ hotel_id: Id, room_type_id: Id });
export const RatePlanParam = z.object({ hotel_id: Id, rate_plan_id: Id });
export const IdParam = z.object({ id: Id });

export const StatusListQuery = PaginationQuery.extend({ status: Status.optional() });
export const RoomTypesQuery = PaginationQuery.extend({ hotel_id: Id });

export type CreateHotelInput = z.infer<typeof CreateHotelBody>;
export type UpdateHotelInput = z.infer<typeof UpdateHotelBody>;
export type CreateRoomTypeInput = z.infer<typeof CreateRoomTypeBody>;
export type UpdateRoomTypeInput = z.infer<typeof UpdateRoomTypeBody>;
export type CreateRatePlanInput = z.infer<typeof CreateRatePlanBody>;
export type UpdateRatePlanInput = z.infer<typeof UpdateRatePlanBody>;
export type HotelJson = z.infer<typeof HotelSchema>;
export type RoomTypeJson = z.infer<typeof RoomTypeSchema>;
export type RatePlanJson = z.infer<typeof RatePlanSchema>;
