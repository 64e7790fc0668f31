import type { HotelJson, RatePlanJson, RoomTypeJson } from './catalog.schema';
import type { HotelRow, RatePlanRow, RoomTypeRow } from './catalog.table';

export function hotelJson(row: HotelRow): HotelJson {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    currency: row.currency,
    address: row.address,
    contact: row.contact,
    amenities: row.amenities,
    policies: row.policies,
    status: row.status,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function roomTypeJson(row: RoomTypeRow): RoomTypeJson {
  return {
    id: row.id,
    hotel_id: row.hotelId,
    code: row.code,
    name: row.name,
    description: row.description,
    max_adults: row.maxAdults,
    max_children: row.maxChildren,
    max_occupancy: row.maxOccupancy,
    base_occupancy: row.baseOccupancy,
    beds: row.beds,
    size_sqm: row.sizeSqm,
    amenities: row.amenities,
    images: row.images,
    status: row.status,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function ratePlanJson(row: RatePlanRow): RatePlanJson {
  return {
    id: row.id,
    hotel_id: row.hotelId,
    code: row.code,
    name: row.name,
    description: row.description,
    room_type_ids: row.roomTypeIds,
    meal_plan: row.mealPlan,
    cancellation_policy: row.cancellationPolicy,
    currency: row.currency,
    extra_adult_amount: row.extraAdultAmount,
    extra_child_amount: row.extraChildAmount,
    status: row.status,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
