import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';

/** drizzle over a D1 database or a D1 session (read replicas, see docs/scaling.md). */
export function createDb(d1: D1Database | D1DatabaseSession) {
  return drizzle(d1 as D1Database);
}

export type Db = ReturnType<typeof createDb>;

/**
 * `column IN (...)` with the whole list bound as one JSON parameter: D1 allows 100 bound parameters
 * per statement, and a key may name more hotels than that.
 */
export function inList(column: AnyColumn, values: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
