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
