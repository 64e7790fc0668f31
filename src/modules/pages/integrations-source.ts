import type { Deps } from '../../deps';

// Stand-in for helper D's integration health service (src/modules/integrations): the same shapes,
// no data. Replaced by D's integrationsHealth/integrationsMetrics once they are on main.

export type IntegrationHealth = {
  integration: string;
  hotel_id: string | null;
  direction: 'inbound' | 'outbound';
  status: 'ok' | 'degraded' | 'failing' | 'idle';
  requests: number;
  errors: number;
  success_rate: number | null;
  throughput_per_minute: number;
  latency_ms: { p50: number | null; p95: number | null };
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
};

export type Backlog = {
  outbox_pending: number;
  webhook_deliveries_pending: number;
  emails_pending: number;
  channel_ari_dirty: number;
  dead_letters: number;
};

export type IntegrationsHealth = {
  generated_at: string;
  window: { from: string; to: string };
  integrations: IntegrationHealth[];
  backlog: Backlog;
};

export type IntegrationsMetrics = {
  bucket_seconds: number;
  series: {
    integration: string;
    direction: 'inbound' | 'outbound';
    points: { t: string; requests: number; errors: number; error_rate: number | null; p95_ms: number | null }[];
  }[];
  backlog: ({ t: string } & Backlog)[];
};

export async function integrationsHealth(
  deps: Pick<Deps, 'now'>,
  filter: { hotelIds: readonly string[] | null; windowMinutes: number },
): Promise<IntegrationsHealth> {
  const to = deps.now();
  const from = new Date(to.getTime() - filter.windowMinutes * 60_000);
  return {
    generated_at: to.toISOString(),
    window: { from: from.toISOString(), to: to.toISOString() },
    integrations: [],
    backlog: {
      outbox_pending: 0,
      webhook_deliveries_pending: 0,
      emails_pending: 0,
      channel_ari_dirty: 0,
      dead_letters: 0,
    },
  };
}

export async function integrationsMetrics(
  _deps: Pick<Deps, 'now'>,
  filter: { hotelIds: readonly string[] | null; from: Date; to: Date; bucketMinutes: number },
): Promise<IntegrationsMetrics> {
  return { bucket_seconds: filter.bucketMinutes * 60, series: [], backlog: [] };
}
