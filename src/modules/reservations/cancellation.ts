import { zonedTimeToUtc } from '../../lib/dates';
import type { CancellationPolicy } from '../catalog/catalog.table';
import type { NightPrice } from './reservations.table';

export type RoomCharge = {
  totalAmount: number;
  nightly: readonly NightPrice[];
  cancellationPolicy: CancellationPolicy;
};

export type FeeInput = {
  rooms: readonly RoomCharge[];
  checkIn: string;
  /** The hotel's check-in time ('HH:MM') and zone: the free-cancellation deadline counts back from there. */
  checkInTime: string;
  timezone: string;
  now: Date;
};

/** The fee for one room under its booked policy. */
export function roomCancellationFee(room: RoomCharge, arrival: Date, now: Date): number {
  const policy = room.cancellationPolicy;
  if (policy.free_until_hours !== null) {
    const deadline = arrival.getTime() - policy.free_until_hours * 3_600_000;
    if (now.getTime() <= deadline) return 0;
  }
  switch (policy.penalty.type) {
    case 'first_night':
      return room.nightly[0]?.amount ?? 0;
    case 'percentage':
      return Math.round((room.totalAmount * policy.penalty.percent) / 100);
    case 'full_stay':
      return room.totalAmount;
  }
}

/**
 * Cancellation fee of a reservation: free until `free_until_hours` before arrival (hotel check-in
 * time, hotel zone), then the policy's penalty; each room under the policy it was booked with.
 */
export function cancellationFee(input: FeeInput): number {
  const arrival = zonedTimeToUtc(input.checkIn, input.checkInTime, input.timezone);
  return input.rooms.reduce(
    (sum, room) => sum + Math.min(room.totalAmount, roomCancellationFee(room, arrival, input.now)),
    0,
  );
}
