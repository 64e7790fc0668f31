import type { CancellationPolicy, MealPlan } from '../../catalog/catalog.table';
import type { DeliveredStatus } from '../alpinebits-deliveries.table';
import { fromMinorUnits } from '../domain';
import { addDays } from '../xml/room-stay';
import type { XmlNode } from '../xml/xml';
import type { GuestRequestContent, GuestRequestRoom } from './guest-requests.content';
import type { AlpineBitsVersion } from './session';

/**
 * One of our reservations as an AlpineBits `HotelReservation` (OTA_ResRetrieveRS ReservationsList),
 * element order and value shapes as alpinebits.xsd of 2022-10 and 2024-10 require. 2024-10 adds the
 * nightly prices (RoomStay RoomRates); everything else is the same in both versions.
 */

// UniqueID Type: 14 = a reservation (ResStatus Reserved / Modify), 15 = its cancellation.
const UIT_RESERVATION = '14';
const UIT_CANCELLATION = '15';
// HotelReservationID ResID_Type 13 ("internet broker"): the booking as its source knows it.
const RES_ID_SOURCE = '13';
const OUR_NAME = 'WeHub';

// AlpineBits MealPlanCodes (OTA MPT): 1 all inclusive, 3 bed and breakfast, 10 full board, 12 half board, 14 room only.
const MEAL_PLAN_CODES: Record<MealPlan, string> = {
  all_inclusive: '1',
  breakfast: '3',
  full_board: '10',
  half_board: '12',
  room_only: '14',
};

/** def_invTypeCode_string: a room category code of 1–8 characters; a longer one cannot be sent. */
const ROOM_CODE = /^.{1,8}$/u;

/** A string of 1–`max` characters (StringLength1toN), or null when there is nothing to send. */
function clip(value: string | null | undefined, max: number): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim() ?? '';
  return trimmed === '' ? null : [...trimmed].slice(0, max).join('');
}

/** `+43 1 234-5` → `+4312345`: the only shape alpinebits.xsd takes (`\+?[0-9]+`); null when no digits. */
function phoneOf(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '');
  return digits === '' ? null : `${phone.trim().startsWith('+') ? '+' : ''}${digits}`;
}

function policyText(policy: CancellationPolicy | null): string | null {
  if (policy === null) return null;
  const penalty =
    policy.penalty.type === 'first_night'
      ? 'the first night'
      : policy.penalty.type === 'full_stay'
        ? 'the full stay'
        : `${policy.penalty.percent}% of the stay`;
  return policy.free_until_hours === null
    ? `Non-refundable: a cancellation costs ${penalty}.`
    : `Free cancellation until ${policy.free_until_hours} hours before arrival; later, ${penalty}.`;
}

function roomStay(room: GuestRequestRoom, currency: string, version: AlpineBitsVersion): XmlNode {
  const roomCode = room.roomCode !== null && ROOM_CODE.test(room.roomCode) ? room.roomCode : null;
  const rateCode = clip(room.rateCode, 64);
  const priced = room.nightly.length > 0 && room.nightly.every((night) => night.amount > 0);
  return {
    ...(roomCode !== null ? { RoomTypes: { RoomType: { '@RoomTypeCode': roomCode } } } : {}),
    ...(rateCode !== null
      ? {
          RatePlans: {
            RatePlan: {
              '@RatePlanCode': rateCode,
              ...(room.mealPlan !== null
                ? { MealsIncluded: { '@MealPlanIndicator': 'true', '@MealPlanCodes': MEAL_PLAN_CODES[room.mealPlan] } }
                : {}),
            },
          },
        }
      : {}),
    ...(version === '2024-10' && priced && roomCode !== null && rateCode !== null
      ? {
          RoomRates: {
            RoomRate: {
              '@RatePlanCode': rateCode,
              '@RoomTypeCode': roomCode,
              Rates: {
                Rate: room.nightly.map((night) => ({
                  '@EffectiveDate': night.date,
                  '@ExpireDate': addDays(night.date, 1),
                  '@RateTimeUnit': 'Day',
                  '@UnitMultiplier': '1',
                  Base: { '@AmountAfterTax': fromMinorUnits(night.amount, currency), '@CurrencyCode': currency },
                })),
              },
            },
          },
        }
      : {}),
    // A GuestCount without Age is the adults; children go with their ages, which we do not keep (see comments).
    GuestCounts: { GuestCount: { '@Count': String(Math.max(1, room.adults)) } },
    TimeSpan: { '@Start': room.checkIn, '@End': room.checkOut },
    Total: { '@AmountAfterTax': fromMinorUnits(room.totalAmount, currency), '@CurrencyCode': currency },
  };
}

function resGuests(guest: GuestRequestContent['guest']): XmlNode | null {
  const given = clip(guest.firstName, 64) ?? clip(guest.lastName, 64);
  const surname = clip(guest.lastName, 64) ?? given;
  if (given === null || surname === null) return null;
  const phone = phoneOf(guest.phone);
  const email = /^\S+@\S+$/.test(guest.email) ? guest.email : null;
  return {
    ResGuest: {
      Profiles: {
        ProfileInfo: {
          Profile: {
            Customer: {
              // Both names are required; a guest known by one name only has it in both.
              PersonName: { GivenName: given, Surname: surname },
              // PhoneTechType (required in 2022-10): 1 = voice; we do not know whether it is a mobile.
              ...(phone !== null ? { Telephone: { '@PhoneTechType': '1', '@PhoneNumber': phone } } : {}),
              ...(email !== null ? { Email: email } : {}),
            },
          },
        },
      },
    },
  };
}

function comments(content: GuestRequestContent): XmlNode | null {
  const list: XmlNode[] = [];
  const requests = clip(content.specialRequests, 10_000);
  if (requests !== null) list.push({ '@Name': 'customer comment', Text: requests });
  const children = content.rooms
    .map((room, index) => (room.children > 0 ? `room ${index + 1}: ${room.children}` : null))
    .filter((part) => part !== null);
  if (children.length > 0) {
    list.push({ '@Name': 'additional info', Text: `Children (ages not recorded): ${children.join(', ')}.` });
  }
  return list.length > 0 ? { Comment: list } : null;
}

/** The HotelReservation for one reservation, as `status`; a cancellation carries its id only (the spec's minimum). */
export function hotelReservationNode(
  content: GuestRequestContent,
  status: DeliveredStatus,
  hotel: { code: string; name: string },
  version: AlpineBitsVersion,
): XmlNode {
  const head = {
    '@CreateDateTime': content.createdAt,
    '@LastModifyDateTime': content.updatedAt,
    '@ResStatus': status,
  };
  if (status === 'Cancelled') return { ...head, UniqueID: { '@Type': UIT_CANCELLATION, '@ID': content.id } };
  const guests = resGuests(content.guest);
  const notes = comments(content);
  const policy = policyText(content.cancellationPolicy);
  const hotelName = clip(hotel.name, 128);
  return {
    ...head,
    UniqueID: { '@Type': UIT_RESERVATION, '@ID': content.id },
    RoomStays: { RoomStay: content.rooms.map((room) => roomStay(room, content.currency, version)) },
    ...(guests !== null ? { ResGuests: guests } : {}),
    ResGlobalInfo: {
      ...(notes !== null ? { Comments: notes } : {}),
      ...(policy !== null ? { CancelPenalties: { CancelPenalty: { PenaltyDescription: { Text: policy } } } } : {}),
      HotelReservationIDs: {
        HotelReservationID: {
          '@ResID_Type': RES_ID_SOURCE,
          '@ResID_Value': content.confirmationNumber,
          '@ResID_Source': content.source,
          '@ResID_SourceContext': OUR_NAME,
        },
      },
      BasicPropertyInfo: { '@HotelCode': hotel.code, ...(hotelName !== null ? { '@HotelName': hotelName } : {}) },
    },
  };
}
