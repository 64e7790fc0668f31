/**
 * Every operation of the worker's own OpenAPI document has an operationId that client generators can
 * name a method after (issue 17): present, unique, `verbNoun`-shaped, and stable once published. A route
 * added anywhere is checked without editing this file.
 */
import { describe, expect, it } from 'vitest';
import PUBLISHED from '../fixtures/operation-ids.json';
import { call } from '../helpers/http';

type Operation = { operationId?: unknown };
type OpenApiDoc = {
  paths: Record<string, Record<string, Operation>>;
  webhooks?: Record<string, Record<string, Operation>>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** camelCase, starting with a lower-case letter: a valid identifier in every generator's target language. */
const OPERATION_ID = /^[a-z][a-zA-Z0-9]+$/;

const doc = (await (await call('GET', '/openapi.json', { auth: null })).json()) as OpenApiDoc;

/** Each operation as `METHOD /path` (or `webhook <name>` in the 3.1 `webhooks` section), with its id. */
function operationsOf(d: OpenApiDoc): { name: string; id: unknown }[] {
  const sections = [
    { items: d.paths, name: (key: string, m: string) => `${m.toUpperCase()} ${key}` },
    { items: d.webhooks ?? {}, name: (key: string) => `webhook ${key}` },
  ];
  return sections.flatMap(({ items, name }) =>
    Object.entries(items).flatMap(([key, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ name: name(key, m), id: item[m]?.operationId })),
    ),
  );
}

const operations = operationsOf(doc);

describe('operationIds', () => {
  it('finds the operations and webhooks', () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.some((op) => op.name.startsWith('webhook '))).toBe(true);
  });

  it('every operation has one, in camelCase verbNoun form', () => {
    const bad = operations.filter((op) => typeof op.id !== 'string' || !OPERATION_ID.test(op.id));
    expect(bad, 'operations without a camelCase operationId (set `operationId` in the route config)').toEqual([]);
  });

  it('no two operations share one, the seed aliases included', () => {
    const seen = new Map<unknown, string[]>();
    for (const op of operations) seen.set(op.id, [...(seen.get(op.id) ?? []), op.name]);
    const shared = [...seen.entries()].filter(([, names]) => names.length > 1);
    expect(shared, 'operationIds used by more than one operation').toEqual([]);
  });

  it('keeps every published id on its operation (clients name their methods after them)', () => {
    const now = new Map(operations.map((op) => [op.name, op.id]));
    const changed = Object.entries(PUBLISHED as Record<string, string>)
      .filter(([name, id]) => now.get(name) !== id)
      .map(([name, id]) => ({ operation: name, published: id, now: now.get(name) ?? '(operation gone)' }));
    expect(changed, 'a published operationId changed or its operation disappeared').toEqual([]);
  });

  it('names the issue’s examples as asked', () => {
    const byName = new Map(operations.map((op) => [op.name, op.id]));
    expect(byName.get('POST /api/v1/booking-engine/availability')).toBe('searchAvailability');
    expect(byName.get('POST /api/v1/booking-engine/reservations')).toBe('createReservation');
    expect(byName.get('POST /api/v1/booking-engine/reservations/{id}/cancel')).toBe('cancelReservation');
    expect(byName.get('GET /api/v1/hotels/{hotel_id}/reservations')).toBe('listHotelReservations');
    // The seed path serves the same handler; its id says which path it is.
    expect(byName.get('POST /api/booking-engine/reservations')).toBe('createReservationUnversioned');
  });
});
