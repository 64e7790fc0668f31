import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BUNDLED_MIGRATIONS } from '../../src/modules/platform/dev-migrations';

describe('bundled migrations', () => {
  it('are exactly the migrations folder, in order and with the same SQL', () => {
    // readD1Migrations (vitest.config.ts) names them without the .sql extension.
    const folder = env.TEST_MIGRATIONS.map((m) => m.name.replace(/\.sql$/, ''));
    expect(BUNDLED_MIGRATIONS.map((m) => m.name.replace(/\.sql$/, ''))).toEqual(folder);
    for (const [i, m] of BUNDLED_MIGRATIONS.entries()) {
      const queries = env.TEST_MIGRATIONS[i]?.queries ?? [];
      expect(queries.length).toBeGreaterThan(0);
      for (const query of queries) expect(m.sql.replace(/\s+/g, ' ')).toContain(query.replace(/\s+/g, ' ').trim());
    }
  });
});
