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

/**
 * A drizzle query as a D1 prepared statement, so it can go into one batch with other statements
 * (see commitChange). drizzle's `toSQL()` params are already driver values (its column encoders ran:
 * timestamp_ms Dates are numbers, JSON columns strings), the same values its own D1 driver binds.
 */
export function statementOf(
  d1: D1Database | D1DatabaseSession,
  query: { toSQL(): { sql: string; params: unknown[] } },
): D1PreparedStatement {
  const { sql: text, params } = query.toSQL();
  return d1.prepare(text).bind(...params);
}
