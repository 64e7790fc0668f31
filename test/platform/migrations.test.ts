import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BUNDLED_MIGRATIONS } from '../../src/modules/platform/dev-migrations';

describe('bundled migrations', () => {
  it('are exactly the migrations folder: every file, in order, with the whole SQL unchanged', () => {
    expect(env.TEST_MIGRATION_FILES.length).toBeGreaterThan(0);
    expect(BUNDLED_MIGRATIONS).toEqual(env.TEST_MIGRATION_FILES);
  });

  it('are what wrangler applies (readD1Migrations names them without .sql)', () => {
    expect(BUNDLED_MIGRATIONS.map((m) => m.name.replace(/\.sql$/, ''))).toEqual(
      env.TEST_MIGRATIONS.map((m) => m.name.replace(/\.sql$/, '')),
    );
  });
});

describe('0002_guest_snapshot', () => {
  it('backfills each reservation’s guest details from the profile it was linked to', async () => {
    const m = BUNDLED_MIGRATIONS.find((x) => x.name === '0002_guest_snapshot.sql');
    const backfill = m?.sql.split('--> statement-breakpoint').find((s) => s.trim().startsWith('UPDATE'));
    expect(backfill).toBeDefined();
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO guests (id, hotel_id, email, first_name, last_name, phone, created_at, updated_at)
         VALUES ('guest_old', 'htl_old', 'old@example.com', 'Olga', 'Older', '+43 1', 0, 0)`,
      ),
      // A row as 0001 wrote it: the new columns hold their defaults.
      env.DB.prepare(
        `INSERT INTO reservations (id, hotel_id, confirmation_number, status, guest_id, check_in, check_out, currency,
           total_amount, amount_paid, source, version, created_at, updated_at)
         VALUES ('res_old', 'htl_old', 'WHOLD0001', 'confirmed', 'guest_old', '2030-01-01', '2030-01-02', 'EUR',
           100, 0, 'direct', 1, 0, 0)`,
      ),
    ]);
    await env.DB.prepare(backfill as string).run();
    const row = await env.DB.prepare(
      'SELECT guest_first_name, guest_last_name, guest_email, guest_phone, created_by FROM reservations WHERE id = ?',
    )
      .bind('res_old')
      .first();
    expect(row).toEqual({
      guest_first_name: 'Olga',
      guest_last_name: 'Older',
      guest_email: 'old@example.com',
      guest_phone: '+43 1',
      created_by: null,
    });
  });
});
