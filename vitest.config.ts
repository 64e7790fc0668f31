import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations');
  return {
    plugins: [
      cloudflareTest({
        main: './src/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ADMIN_API_KEY: 'test_admin_key_0123456789abcdef0123456789',
            JWT_SIGNING_SECRET: 'test_jwt_secret_0123456789abcdef0123456789',
            LOG_LEVEL: 'error',
          },
        },
      }),
    ],
    test: {
      setupFiles: ['./test/setup.ts'],
      // Two cores on these machines: keep the pool small.
      maxWorkers: 2,
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  };
});
