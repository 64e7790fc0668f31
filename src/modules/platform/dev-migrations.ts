import m0000 from '../../../migrations/0000_init.sql';
import m0001 from '../../../migrations/0001_idempotency_resource.sql';
import m0002 from '../../../migrations/0002_guest_snapshot.sql';
import m0003 from '../../../migrations/0003_key_checksum_secret.sql';
import m0004 from '../../../migrations/0004_backbone.sql';
import m0005 from '../../../migrations/0005_event_sequence.sql';
import m0006 from '../../../migrations/0006_webhooks.sql';
import m0007 from '../../../migrations/0007_payments.sql';
import m0008 from '../../../migrations/0008_payments_core.sql';
import m0009 from '../../../migrations/0009_refunds.sql';
import m0010 from '../../../migrations/0010_connection_refresh.sql';
import m0011 from '../../../migrations/0011_emails.sql';
import m0012 from '../../../migrations/0012_campaigns.sql';
import m0013 from '../../../migrations/0013_channels.sql';
import m0014 from '../../../migrations/0014_channel_reservation_version.sql';
import m0015 from '../../../migrations/0015_ari_push.sql';
import m0016 from '../../../migrations/0016_oauth.sql';
import m0017 from '../../../migrations/0017_audit_logs.sql';
import m0018 from '../../../migrations/0018_integration_metrics.sql';
import m0019 from '../../../migrations/0019_integrations_config.sql';
import m0020 from '../../../migrations/0020_api_key_rate_limits.sql';
import m0021 from '../../../migrations/0021_channel_providers.sql';
import m0022 from '../../../migrations/0022_alpinebits_deliveries.sql';
import m0023 from '../../../migrations/0023_cache_versions.sql';
import m0024 from '../../../migrations/0024_cache_version_leases.sql';
import m0025 from '../../../migrations/0025_claim_fences.sql';
import m0026 from '../../../migrations/0026_channels_ota_property.sql';
import m0027 from '../../../migrations/0027_cache_version_seq.sql';

/**
 * The migrations in `migrations/`, bundled as text. In `development` only, the worker applies any
 * that the local D1 lacks on its first request, so a bare `wrangler dev` on a fresh clone works.
 * Deployed environments run `wrangler d1 migrations apply` instead. test/platform checks that this
 * list matches the folder.
 */
export const BUNDLED_MIGRATIONS: ReadonlyArray<{ name: string; sql: string }> = [
  { name: '0000_init.sql', sql: m0000 },
  { name: '0001_idempotency_resource.sql', sql: m0001 },
  { name: '0002_guest_snapshot.sql', sql: m0002 },
  { name: '0003_key_checksum_secret.sql', sql: m0003 },
  { name: '0004_backbone.sql', sql: m0004 },
  { name: '0005_event_sequence.sql', sql: m0005 },
  { name: '0006_webhooks.sql', sql: m0006 },
  { name: '0007_payments.sql', sql: m0007 },
  { name: '0008_payments_core.sql', sql: m0008 },
  { name: '0009_refunds.sql', sql: m0009 },
  { name: '0010_connection_refresh.sql', sql: m0010 },
  { name: '0011_emails.sql', sql: m0011 },
  { name: '0012_campaigns.sql', sql: m0012 },
  { name: '0013_channels.sql', sql: m0013 },
  { name: '0014_channel_reservation_version.sql', sql: m0014 },
  { name: '0015_ari_push.sql', sql: m0015 },
  { name: '0016_oauth.sql', sql: m0016 },
  { name: '0017_audit_logs.sql', sql: m0017 },
  { name: '0018_integration_metrics.sql', sql: m0018 },
  { name: '0019_integrations_config.sql', sql: m0019 },
  { name: '0020_api_key_rate_limits.sql', sql: m0020 },
  { name: '0021_channel_providers.sql', sql: m0021 },
  { name: '0022_alpinebits_deliveries.sql', sql: m0022 },
  { name: '0023_cache_versions.sql', sql: m0023 },
  { name: '0024_cache_version_leases.sql', sql: m0024 },
  { name: '0025_claim_fences.sql', sql: m0025 },
  { name: '0026_channels_ota_property.sql', sql: m0026 },
  { name: '0027_cache_version_seq.sql', sql: m0027 },
];

// wrangler's own bookkeeping table, so `wrangler d1 migrations apply` agrees with what ran here.
const TABLE = 'd1_migrations';

let done: Promise<void> | undefined;

export function ensureMigrated(db: D1Database): Promise<void> {
  done ??= migrate(db).catch((err) => {
    done = undefined;
    throw err;
  });
  return done;
}

async function migrate(db: D1Database): Promise<void> {
  await db
    .prepare(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
    )
    .run();
  const { results } = await db.prepare(`SELECT name FROM ${TABLE}`).all<{ name: string }>();
  const applied = new Set(results.map((r) => r.name));
  for (const m of BUNDLED_MIGRATIONS) {
    if (applied.has(m.name)) continue;
    const statements = m.sql
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => db.prepare(s));
    try {
      // One batch = one transaction; the UNIQUE name makes a concurrent second runner roll back.
      await db.batch([...statements, db.prepare(`INSERT INTO ${TABLE} (name) VALUES (?)`).bind(m.name)]);
    } catch (err) {
      const again = await db.prepare(`SELECT 1 FROM ${TABLE} WHERE name = ?`).bind(m.name).first();
      if (!again) throw err;
    }
  }
}
