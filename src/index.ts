import type { Hono } from 'hono';
import type { AppEnv } from './env';

/**
 * The worker's entry. The app and the job runner — every module's routes, zod schemas and OpenAPI
 * registrations — are imported on first use, not while the isolate starts: the bundle is one script, and
 * esbuild keeps a module reached only through `import()` behind a lazy initialiser, so startup is parsing
 * the script and little else (docs/performance.md, "Startup and bundle size"). The first request of an
 * isolate builds the app once; a queue batch or a cron run loads only the job runner.
 */
let app: Promise<Hono<AppEnv>> | undefined;

function appOf(): Promise<Hono<AppEnv>> {
  app ??= import('./app').then(({ createApp }) => createApp());
  return app;
}

export default {
  // Hono's own signature (any request, any bindings), so tests may call it with theirs.
  async fetch(request: Request, env?: Env | object, ctx?: ExecutionContext): Promise<Response> {
    return (await appOf()).fetch(request, env, ctx);
  },
  async queue(batch, env) {
    const { handleQueue } = await import('./jobs');
    await handleQueue(batch, env);
  },
  async scheduled(controller, env) {
    const { handleScheduled } = await import('./jobs');
    await handleScheduled(controller, env);
  },
} satisfies ExportedHandler<Env>;
