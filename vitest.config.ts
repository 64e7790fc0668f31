import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import type { Alias } from 'vite';
import { defineConfig } from 'vitest/config';
import { unstable_readConfig } from 'wrangler';
import { vendorAssets } from './scripts/vendor-assets.mjs';
import { conformanceAvailable, conformanceService } from './vitest.conformance.ts';

/**
 * wrangler.toml's [alias] as wrangler's build applies it (an import path equal to a key becomes the value),
 * so the tests run what ships: @cloudflare/vitest-plugin reads [alias] but does not apply it. Vite's own
 * `resolve.alias`, so that the dependencies Vite pre-bundles (mimetext) get them too and its cache changes
 * with them. Only bare package names reach it: a relative `require` inside a package (the Square
 * serialization entries) is found on disk before Vite is asked; test/payments/square-sdk.test.ts checks those.
 */
function wranglerAliases(alias: Record<string, string> | undefined): Alias[] {
  return Object.entries(alias ?? {}).map(([from, to]) => ({
    find: new RegExp(`^${from.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
    replacement: resolve(to),
  }));
}

export default defineConfig(async () => {
  // public/vendor/ (git-ignored) must hold the bundles the pages name, also when vitest runs without npm.
  vendorAssets();
  const migrations = await readD1Migrations('./migrations');
  // Read as wrangler reads it (as bench/worker.mjs does): its [alias], and the top-level `crons`, so
  // test/platform/jobs.test.ts can check every cron row fires.
  const wrangler = unstable_readConfig({ config: './wrangler.toml', env: '' }, { hideWarnings: true });
  const crons = JSON.stringify(wrangler.triggers.crons ?? []);
  // The raw files too, so test/platform/migrations.test.ts can compare the bundled SQL byte for byte.
  const sqlFiles = (await readdir('./migrations')).filter((f) => f.endsWith('.sql')).sort();
  const migrationFiles = await Promise.all(
    sqlFiles.map(async (name) => ({ name, sql: await readFile(`./migrations/${name}`, 'utf8') })),
  );
  return {
    resolve: { alias: wranglerAliases(wrangler.alias) },
    plugins: [
      cloudflareTest({
        main: './src/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          // Tests call the worker's fetch directly, past the asset router; TEST_ASSETS is that router's asset
          // service over the same directory and public/_headers (test/pages/assets.test.ts).
          assets: { directory: './public', binding: 'TEST_ASSETS' },
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_WRANGLER_CRONS: crons,
            TEST_MIGRATION_FILES: migrationFiles,
            ADMIN_API_KEY: 'test_admin_key_0123456789abcdef0123456789',
            JWT_SIGNING_SECRET: 'test_jwt_secret_0123456789abcdef0123456789',
            LOG_LEVEL: 'error',
            WEBHOOK_RETRY_BASE_SECONDS: '1',
            // The platform's Square account, answered by the Square emulator (test/helpers/square.ts).
            PAYMENT_GATEWAY_API_URL: 'http://square.test',
            PAYMENT_GATEWAY_ACCESS_TOKEN: 'sq_test_platform_token',
            PAYMENT_GATEWAY_LOCATION_ID: 'LTESTPLATFORM',
            SQUARE_WEBHOOK_SIGNATURE_KEY: 'test_square_signature_key',
            SQUARE_APPLICATION_ID: 'sandbox-sq0idb-test-app',
            SQUARE_APPLICATION_SECRET: 'sandbox-sq0csb-test-secret',
            SQUARE_OAUTH_REDIRECT_URL: 'http://localhost/api/v1/payment-connections/square/callback',
            PAYMENT_TOKEN_ENCRYPTION_KEY: 'dGVzdC1wYXltZW50LXRva2VuLWtleS0zMi1ieXRlcyE=',
            OTA_INTEGRATION_ENABLED: 'true',
            OTA_CREDENTIALS_ENCRYPTION_KEY: 'dGVzdC1vdGEtY3JlZGVudGlhbHMta2V5LTMyYnl0ZXM=',
            // Tests push at once; deployments coalesce changes within 5 s.
            OTA_PUSH_COALESCE_SECONDS: '0',
            // Deferred work does not really wait (the cache's trailing publish, up to a second after a
            // change): the pool waits for it after every test. test/availability/cache-versions.test.ts
            // injects the real timer to check the wait itself.
            DEFERRED_WAITS: 'skip',
            TEST_CONFORMANCE: conformanceAvailable,
          },
          // The OTA XSDs and samples, and libxml2 to validate with (vitest.conformance.ts).
          serviceBindings: { CONFORMANCE: conformanceService },
        },
      }),
    ],
    test: {
      setupFiles: ['./test/setup.ts'],
      // Two cores on these machines: keep the pool small.
      maxWorkers: 2,
      // A pool worker runs its files one after another in one workerd instead of starting a runtime per
      // file (6–13 s each, half the suite's time). test/setup.ts empties D1 and KV before every file.
      isolate: false,
      // The one cost of sharing a runtime: a queue batch that Miniflare delivers to the worker while one
      // file ends and the next begins (a job the earlier file's booking queued) is cut off with the
      // earlier file's runner, and workerd reports that as an unhandled "Cannot perform I/O on behalf of a
      // different Durable Object" against the later file. That file's tests ran and passed; the batch
      // belonged to a file that was over. Only that message is let through (said on stderr); every
      // other unhandled error still fails the run.
      onUnhandledError(error) {
        if (!/Cannot perform I\/O on behalf of a different Durable Object/.test(error.message ?? '')) return;
        console.warn(`[vitest] ignored: a previous file's queue batch cut off at the file boundary (${error.message})`);
        return false;
      },
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  };
});
