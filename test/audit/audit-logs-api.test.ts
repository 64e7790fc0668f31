/** GET /api/v1/audit-logs: filters, newest-first cursor pages, hotel restriction, refusals. */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids';
import { createApiKey, createHotel } from '../helpers/builders';
import { call, expectProblem, expectStatus } from '../helpers/http';

type Page = { data: { id: string; action: string; hotel_id: string | null }[]; next_cursor: string | null };

const T0 = Date.parse('2026-06-01T00:00:00Z');
let hotelA: string;
let hotelB: string;
/** Row ids of hotel A, oldest first (one a minute from T0). */
const rowsA: string[] = [];
let platformRow: string;
const actor = `key_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;

async function insertRow(row: {
  hotelId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  outcome?: string;
  at: number;
  actorId?: string;
}): Promise<string> {
  const id = newId('auditLog');
  await env.DB.prepare(
    `INSERT INTO audit_logs (id, hotel_id, actor_type, actor_id, action, entity_type, entity_id, request_id, ip,
       outcome, status, changes, created_at)
     VALUES (?, ?, 'api_key', ?, ?, ?, ?, 'req-api-test', '192.0.2.1', ?, 201, ?, ?)`,
  )
    .bind(
      id,
      row.hotelId,
      row.actorId ?? actor,
      row.action,
      row.entityType,
      row.entityId,
      row.outcome ?? 'success',
      JSON.stringify({ status: { from: 'pending', to: 'confirmed' } }),
      row.at,
    )
    .run();
  return id;
}

const list = (query: string, auth?: { apiKey: string }) =>
  expectStatus<Page>(call('GET', `/api/v1/audit-logs?${query}`, { auth }), 200);

beforeAll(async () => {
  hotelA = (await createHotel()).id;
  hotelB = (await createHotel()).id;
  // Only the rows below: creating the hotels wrote their own (hotel.created, by the admin, now).
  await env.DB.prepare('DELETE FROM audit_logs WHERE hotel_id IN (?, ?)').bind(hotelA, hotelB).run();
  const plan = [
    { action: 'reservation.created', entityType: 'reservation', entityId: 'res_1' },
    { action: 'reservation.modified', entityType: 'reservation', entityId: 'res_1' },
    { action: 'room_type.updated', entityType: 'room_type', entityId: 'rt_1', actorId: 'admin' },
    { action: 'POST /api/v1/hotels/{hotel_id}/rate-plans', entityType: 'hotel', entityId: hotelA, outcome: 'refused' },
    { action: 'reservation.cancelled', entityType: 'reservation', entityId: 'res_2' },
  ];
  for (const [i, row] of plan.entries()) rowsA.push(await insertRow({ hotelId: hotelA, ...row, at: T0 + i * 60_000 }));
  await insertRow({
    hotelId: hotelB,
    action: 'reservation.created',
    entityType: 'reservation',
    entityId: 'res_b',
    at: T0,
  });
  platformRow = await insertRow({
    hotelId: null,
    action: 'api_key.created',
    entityType: 'api_key',
    entityId: 'key_x',
    at: T0,
  });
});

describe('GET /api/v1/audit-logs', () => {
  it('answers the row as documented', async () => {
    const { data } = await list(`hotel_id=${hotelA}&limit=1`);
    expect(data).toEqual([
      {
        id: rowsA[4],
        hotel_id: hotelA,
        actor: { type: 'api_key', id: actor },
        action: 'reservation.cancelled',
        entity: { type: 'reservation', id: 'res_2' },
        request_id: 'req-api-test',
        ip: '192.0.2.1',
        outcome: 'success',
        status: 201,
        changes: { status: { from: 'pending', to: 'confirmed' } },
        created_at: new Date(T0 + 4 * 60_000).toISOString(),
      },
    ]);
  });

  it('pages newest first with next_cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(`hotel_id=${hotelA}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.data.map((r) => r.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...rowsA].reverse());
    expect(pages).toBe(3);
  });

  it('filters by entity, entity and id, actor, action, outcome and time', async () => {
    const ids = async (q: string) => (await list(`hotel_id=${hotelA}&${q}`)).data.map((r) => r.id);
    expect(await ids('entity=reservation')).toEqual([rowsA[4], rowsA[1], rowsA[0]]);
    expect(await ids('entity=reservation:res_1')).toEqual([rowsA[1], rowsA[0]]);
    expect(await ids('actor=admin')).toEqual([rowsA[2]]);
    expect(await ids(`action=${encodeURIComponent('POST /api/v1/hotels/{hotel_id}/rate-plans')}`)).toEqual([rowsA[3]]);
    expect(await ids('outcome=refused')).toEqual([rowsA[3]]);
    const from = new Date(T0 + 60_000).toISOString();
    const to = new Date(T0 + 3 * 60_000).toISOString();
    expect(await ids(`from=${from}&to=${to}`)).toEqual([rowsA[2], rowsA[1]]);
    expect(await ids(`actor=${actor}&entity=reservation&from=${from}`)).toEqual([rowsA[4], rowsA[1]]);
  });

  it('shows a hotel credential only its hotels’ rows; rows of no hotel only to an all-hotels one', async () => {
    const hotelKey = await createApiKey({ scopes: ['audit:read'], hotel_ids: [hotelA] });
    const mine = await list('limit=100', { apiKey: hotelKey.key });
    expect(mine.data.every((r) => r.hotel_id === hotelA)).toBe(true);
    expect(mine.data.map((r) => r.id)).toEqual([...rowsA].reverse());
    await expectProblem(
      call('GET', `/api/v1/audit-logs?hotel_id=${hotelB}`, { auth: { apiKey: hotelKey.key } }),
      403,
      'forbidden',
    );
    const platformKey = await createApiKey({ scopes: ['audit:read'], hotel_ids: null });
    const all = await list(`entity=api_key:key_x&actor=${actor}`, { apiKey: platformKey.key });
    expect(all.data.map((r) => r.id)).toEqual([platformRow]);
  });

  it.each([
    ['entity=Not%20A%20Type', 'query.entity'],
    ['outcome=maybe', 'query.outcome'],
    ['from=yesterday', 'query.from'],
    ['to=2026-13-01T00:00:00Z', 'query.to'],
    ['from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z', 'query.from'],
    ['cursor=not-a-cursor', 'query.cursor'],
    ['limit=0', 'query.limit'],
    ['limit=101', 'query.limit'],
  ])('refuses %s with a 400 naming %s', async (query, path) => {
    const body = await expectProblem<{ errors: { path: string }[] }>(
      call('GET', `/api/v1/audit-logs?${query}`),
      400,
      'validation_failed',
    );
    expect(body.errors.map((e) => e.path)).toContain(path);
  });

  it('refuses the cursor of a purged row', async () => {
    const gone = newId('auditLog');
    const cursor = btoa(gone).replaceAll('=', '');
    const body = await expectProblem<{ errors: { path: string }[] }>(
      call('GET', `/api/v1/audit-logs?cursor=${cursor}`),
      400,
      'validation_failed',
    );
    expect(body.errors.map((e) => e.path)).toEqual(['query.cursor']);
  });
});
