import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { guardLogsAgainstGuestData } from './helpers/log-guard';
import { guardNetwork } from './helpers/network-guard';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
guardLogsAgainstGuestData();
guardNetwork();
