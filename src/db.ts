import { drizzle } from 'drizzle-orm/d1';

/** drizzle over a D1 database or a D1 session (read replicas, see docs/scaling.md). */
export function createDb(d1: D1Database | D1DatabaseSession) {
  return drizzle(d1 as D1Database);
}

export type Db = ReturnType<typeof createDb>;
