/** Retention: the daily purge deletes rows older than AUDIT_RETENTION_DAYS, in bounded rounds. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { CRONS } from '../../src/jobs';
import { newId } from '../../src/lib/ids';
import { purgeAuditLogsJob, purgeExpiredAuditLogs } from '../../src/modules/audit/audit.jobs';
import { testDeps } from '../helpers/deps';

const DAY = 86_400_000;

async function rowsAt(tag: string, times: number[]): Promise<void> {
  for (const at of times) {
    await env.DB.prepare(
      `INSERT INTO audit_logs (id, hotel_id, actor_type, actor_id, action, entity_type, entity_id, outcome, created_at)
       VALUES (?, NULL, 'system', 'system', 'test.row', 'purge_test', ?, 'success', ?)`,
    )
      .bind(newId('auditLog'), tag, at)
      .run();
  }
}

async function left(tag: string): Promise<number[]> {
  const { results } = await env.DB.prepare('SELECT created_at FROM audit_logs WHERE entity_id = ? ORDER BY created_at')
    .bind(tag)
    .all<{ created_at: number }>();
  return results.map((r) => r.created_at);
}

describe('audit log retention', () => {
  it('runs daily with the other purges', () => {
    expect(CRONS.filter((row) => row.name === 'audit log purge').map((row) => row.cron)).toEqual(['17 3 * * *']);
  });

  it('deletes rows older than AUDIT_RETENTION_DAYS before the cron time, and keeps the rest', async () => {
    const at = Date.parse('2031-01-01T03:17:00Z');
    const deps = testDeps();
    const keep = deps.config.AUDIT_RETENTION_DAYS;
    expect(keep).toBe(365);
    const tag = `retention-${crypto.randomUUID()}`;
    await rowsAt(tag, [at - (keep + 30) * DAY, at - keep * DAY - 1, at - keep * DAY, at - DAY]);
    await purgeAuditLogsJob.handle({ at }, deps);
    expect(await left(tag)).toEqual([at - keep * DAY, at - DAY]);
    expect((deps.jobs as unknown as { sent: unknown[] }).sent).toEqual([]);
  });

  it('deletes in bounded rounds and says when rows are left for another run', async () => {
    const tag = `rounds-${crypto.randomUUID()}`;
    const base = Date.parse('2000-01-01T00:00:00Z');
    await rowsAt(tag, [base, base + 1, base + 2, base + 3, base + 4]);
    const cutoff = base + 10;
    expect(await purgeExpiredAuditLogs(testDeps(), cutoff, { batch: 2, rounds: 2 })).toEqual({ purged: 4, more: true });
    expect(await left(tag)).toEqual([base + 4]);
    expect(await purgeExpiredAuditLogs(testDeps(), cutoff, { batch: 2, rounds: 2 })).toEqual({
      purged: 1,
      more: false,
    });
    expect(await left(tag)).toEqual([]);
  });
});
