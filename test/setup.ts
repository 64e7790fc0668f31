import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { vi } from 'vitest';
import { emptyStorage } from './helpers/fresh-storage';
import { guardLogsAgainstGuestData } from './helpers/log-guard';
import { guardNetwork } from './helpers/network-guard';

// Files share a pool worker's isolate (vitest.config.ts `isolate: false`): the worker's modules start
// afresh for every file, as they did in a runtime of its own (per-isolate counters, the id clock, caches).
vi.resetModules();

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await emptyStorage(env.DB, env.CACHE);
guardLogsAgainstGuestData();
guardNetwork();
