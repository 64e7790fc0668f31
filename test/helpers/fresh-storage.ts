/**
 * Every test file starts on the storage the migrations leave. The pool runs files one after another in the
 * same workerd (vitest's `isolate: false`, vitest.config.ts): starting a runtime per file cost 6–13 s each,
 * half of the suite's time. So D1 and KV are shared between the files a pool worker runs, and a file that
 * lists, counts or runs a cron over "everything" would otherwise see the rows of the files before it.
 *
 * The rows the migrations themselves write (the event sequence's counter) are read once, on the runtime's
 * first file, and written back after every wipe. Foreign keys are checked at the batch's end
 * (`defer_foreign_keys`), so the order of the deletes does not matter. The Rate Limiting bindings cannot be
 * emptied: their counts carry over from file to file (README, "Running one area's tests").
 */
type Row = Record<string, unknown>;
type Seed = { table: string; rows: Row[] }[];

const state = globalThis as typeof globalThis & { __migrationSeed?: Seed };

export async function emptyStorage(db: D1Database, kv: KVNamespace): Promise<void> {
  const tables = await tablesOf(db);
  state.__migrationSeed ??= await seedOf(db, tables);
  await db.batch([
    db.prepare('PRAGMA defer_foreign_keys = on'),
    ...tables.map((name) => db.prepare(`DELETE FROM "${name}"`)),
    ...state.__migrationSeed.flatMap(({ table, rows }) =>
      rows.map((row) => {
        const columns = Object.keys(row);
        return db
          .prepare(
            `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          )
          .bind(...Object.values(row));
      }),
    ),
  ]);
  let cursor: string | undefined;
  do {
    const page = await kv.list({ cursor });
    await Promise.all(page.keys.map(({ name }) => kv.delete(name)));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
}

/** Every table but SQLite's, D1's and wrangler's own (sqlite_sequence goes too: ids restart as they would). */
async function tablesOf(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT IN ('d1_migrations', 'sqlite_schema', 'sqlite_master')",
    )
    .all<{ name: string }>();
  return results.map((r) => r.name);
}

async function seedOf(db: D1Database, tables: string[]): Promise<Seed> {
  const seed: Seed = [];
  for (const table of tables.filter((t) => t !== 'sqlite_sequence')) {
    const { results } = await db.prepare(`SELECT * FROM "${table}"`).all<Row>();
    if (results.length > 0) seed.push({ table, rows: results });
  }
  return seed;
}
