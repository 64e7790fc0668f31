import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      TEST_WRANGLER_CRONS: string;
      TEST_MIGRATION_FILES: { name: string; sql: string }[];
      /** ../shared/conformance/ota is present (vitest.conformance.ts). */
      TEST_CONFORMANCE: boolean;
      /** The OTA XSDs, samples and libxml2, served from Node (vitest.conformance.ts). */
      CONFORMANCE: Fetcher;
    }
  }
}
