import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/openapi';
import { jsonContent } from '../../lib/schemas';

const tags = ['Platform'];

const Health = z.object({ status: z.literal('ok') }).openapi('Health');
const Ready = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({ d1: z.enum(['ok', 'fail']), kv: z.enum(['ok', 'fail']) }),
  })
  .openapi('Readiness');

async function probe(fn: () => Promise<unknown>): Promise<'ok' | 'fail'> {
  try {
    await fn();
    return 'ok';
  } catch {
    return 'fail';
  }
}

export const platformRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags,
      operationId: 'getHealth',
      summary: 'Liveness',
      security: [],
      responses: { 200: jsonContent(Health, 'The worker answers') },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/health/ready',
      tags,
      operationId: 'getReadiness',
      summary: 'Readiness: D1 and KV answer',
      security: [],
      responses: { 200: jsonContent(Ready, 'Ready'), 503: jsonContent(Ready, 'A dependency fails') },
    }),
    async (c) => {
      const [d1, kv] = await Promise.all([
        probe(() => c.env.DB.prepare('SELECT 1').first()),
        probe(() => c.env.CACHE.get('health:probe')),
      ]);
      const ok = d1 === 'ok' && kv === 'ok';
      return c.json({ status: ok ? ('ok' as const) : ('degraded' as const), checks: { d1, kv } }, ok ? 200 : 503);
    },
  );
