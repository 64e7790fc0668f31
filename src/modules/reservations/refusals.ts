import { AppError } from '../../errors';
import type { BookingRefusal } from './booking';

/** Maps why a booking cannot be made to the wire error; `roomPath` names the room's fields in the request. */
export function refusalError(refusal: BookingRefusal, roomPath: (index: number, field: string) => string): AppError {
  switch (refusal.kind) {
    case 'unknown_room_type':
      return new AppError('not_found', `Room type ${refusal.id} does not exist or is not for sale.`, {
        errors: [{ path: roomPath(refusal.index, 'room_type_id'), message: 'unknown room type' }],
      });
    case 'unknown_rate_plan':
      return new AppError('not_found', `Rate plan ${refusal.id} does not exist or is not for sale.`, {
        errors: [{ path: roomPath(refusal.index, 'rate_plan_id'), message: 'unknown rate plan' }],
      });
    case 'refused': {
      const r = refusal.refusal;
      switch (r.reason) {
        case 'party_too_large':
          return new AppError('validation_failed', 'The party does not fit the room type.', {
            errors: [{ path: roomPath(refusal.index, 'adults'), message: 'exceeds the room type’s occupancy' }],
          });
        case 'rate_plan_not_for_room_type':
          return new AppError('validation_failed', 'The rate plan does not sell this room type.', {
            errors: [{ path: roomPath(refusal.index, 'rate_plan_id'), message: 'not offered for this room type' }],
          });
        case 'sold_out':
          return new AppError('sold_out', `No unit is left on ${r.date}.`, { night: r.date });
        case 'closed':
          return new AppError('sold_out', `The rate is closed on ${r.date}.`, { night: r.date });
        case 'no_price':
          return new AppError('sold_out', `The rate has no price on ${r.date}.`, { night: r.date });
        case 'closed_to_arrival':
          return new AppError('stay_restricted', `Arrival on ${r.date} is not allowed.`, { night: r.date });
        case 'closed_to_departure':
          return new AppError('stay_restricted', `Departure on ${r.date} is not allowed.`, { night: r.date });
        case 'min_stay':
          return new AppError('stay_restricted', `Arrivals on ${r.date} need at least ${r.minStay} nights.`, {
            night: r.date,
          });
        case 'max_stay':
          return new AppError('stay_restricted', `Arrivals on ${r.date} allow at most ${r.maxStay} nights.`, {
            night: r.date,
          });
      }
    }
  }
}
