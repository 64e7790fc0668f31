import { addDays, todayIn, weekdayOf } from '../../src/lib/dates';
import { type Auth, call, expectStatus } from './http';

/** A date `days` from today in Vienna (the builders' default hotel time zone). */
export function inDays(days: number): string {
  return addDays(todayIn('Europe/Vienna'), days);
}

/** The first date on or after `from` that falls on the given weekday. */
export function nextWeekday(from: string, weekday: ReturnType<typeof weekdayOf>): string {
  let d = from;
  while (weekdayOf(d) !== weekday) d = addDays(d, 1);
  return d;
}

export function putAri(hotelId: string, updates: unknown[], auth?: Auth) {
  return call('PUT', `/api/v1/hotels/${hotelId}/ari`, { body: { updates }, auth });
}

export async function setAri(hotelId: string, updates: unknown[]): Promise<{ updated: number }> {
  return expectStatus(putAri(hotelId, updates), 200);
}

export function search(body: Record<string, unknown>, options: { auth?: Auth; headers?: Record<string, string> } = {}) {
  return call('POST', '/api/booking-engine/availability', { body, ...options });
}
