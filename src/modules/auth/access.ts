import type { Principal } from '../../env';
import { AppError } from '../../errors';

/** Which hotels a credential reaches: pure checks that services and middleware share. */
export function canAccessHotel(p: Principal, hotelId: string): boolean {
  return p.hotelIds === null || p.hotelIds.includes(hotelId);
}

export function assertHotelAccess(p: Principal, hotelId: string): void {
  if (!canAccessHotel(p, hotelId)) {
    throw new AppError('forbidden', `This credential may not access hotel ${hotelId}.`);
  }
}
