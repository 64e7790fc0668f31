import { env } from 'cloudflare:workers';
import { newId } from '../../src/lib/ids';
import { createApiKey, createHotel } from './builders';
import { type Auth, call } from './http';

/** A guest profile of the hotel, as a booking would have filed it. */
export async function aGuest(hotelId: string, name = { first: 'Grace', last: 'Tester' }): Promise<string> {
  const id = newId('guest');
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO guests (id, hotel_id, email, first_name, last_name, phone, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?)`,
  )
    .bind(id, hotelId, `${id}@example.com`, name.first, name.last, now, now)
    .run();
  return id;
}

/** A hotel, one of its guests, and a key limited to that hotel with both payment scopes. */
export async function aHotelWithGuest() {
  const hotel = await createHotel();
  const guestId = await aGuest(hotel.id);
  const { key } = await createApiKey({ scopes: ['payments:read', 'payments:write'], hotel_ids: [hotel.id] });
  return { hotelId: hotel.id as string, guestId, auth: { apiKey: key } as Auth };
}

export const cardsUrl = (hotelId: string, guestId: string) => `/api/v1/hotels/${hotelId}/guests/${guestId}/cards`;

export function storeCard(
  at: { hotelId: string; guestId: string; auth?: Auth },
  body: Record<string, unknown> = { source_id: 'cnon:card-nonce-ok' },
  key: string | null = crypto.randomUUID(),
) {
  return call('POST', cardsUrl(at.hotelId, at.guestId), {
    auth: at.auth,
    body,
    headers: key ? { 'idempotency-key': key } : {},
  });
}

export async function cardRows(guestId: string) {
  const { results } = await env.DB.prepare('SELECT * FROM guest_cards WHERE guest_id = ? ORDER BY id')
    .bind(guestId)
    .all<Record<string, unknown>>();
  return results;
}

export async function customerRows(guestId: string) {
  const { results } = await env.DB.prepare('SELECT * FROM guest_square_customers WHERE guest_id = ?')
    .bind(guestId)
    .all<Record<string, unknown>>();
  return results;
}

/** Every row of every table, as text: what a search for a secret must come up empty in. */
export async function dumpD1(): Promise<string> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  const parts: string[] = [];
  for (const { name } of tables) {
    const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    parts.push(`${name}: ${JSON.stringify(results)}`);
  }
  return parts.join('\n');
}
