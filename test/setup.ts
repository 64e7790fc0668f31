import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { guardLogsAgainstGuestData } from './helpers/log-guard';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
guardLogsAgainstGuestData();
