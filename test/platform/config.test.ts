import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { depsFromEnv, realSleep } from '../../src/deps';
import worker from '../../src/index';

afterEach(() => vi.restoreAllMocks());

async function fetchWith(vars: Record<string, string>, path: string) {
  const ctx = createExecutionContext();
  const request = new Request(`http://localhost${path}`, { headers: { 'x-api-key': env.ADMIN_API_KEY } });
  const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('configuration', () => {
  it('a deployment missing a secret is refused at the first request, with what is missing in the log', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => lines.push(line));
    const res = await fetchWith({ ENVIRONMENT: 'production', JWT_SIGNING_SECRET: '' }, '/api/v1/hotels');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { code: string; detail: string };
    expect(body.code).toBe('service_unavailable');
    expect(body.detail).not.toContain('JWT_SIGNING_SECRET');
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'configuration invalid');
    expect(logged?.issues).toContain('JWT_SIGNING_SECRET: required');
    expect(JSON.stringify(lines)).not.toContain(env.ADMIN_API_KEY);
  });

  it('liveness does not depend on configuration', async () => {
    expect((await fetchWith({ ENVIRONMENT: 'production', JWT_SIGNING_SECRET: '' }, '/health')).status).toBe(200);
  });

  it('each module contributes its part: vars of every part are parsed and checked', () => {
    const config = loadConfig({
      ...env,
      BOOKING_ENGINE_CACHE_TTL: '120',
      JWT_EXTERNAL_ADMIN: 'true',
    } as unknown as Env);
    expect(config.BOOKING_ENGINE_CACHE_TTL).toBe(120);
    expect(config.JWT_EXTERNAL_ADMIN).toBe(true);
    expect(() => loadConfig({ ...env, BOOKING_ENGINE_CACHE_TTL: 'soon' } as unknown as Env)).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, JWT_SIGNING_SECRET: 'short' } as Env)).toThrow(
      /JWT_SIGNING_SECRET: must be at least 32/,
    );
  });

  it('deferred work waits on the real timer unless told to skip, which deployments ignore', () => {
    const { DEFERRED_WAITS: _skip, ...unset } = env as unknown as Record<string, unknown>;
    expect(loadConfig(unset as unknown as Env).DEFERRED_WAITS).toBe('real');
    expect(depsFromEnv(unset as unknown as Env).deps.sleep).toBe(realSleep);
    expect(depsFromEnv(env).deps.sleep).not.toBe(realSleep);
    const deployed = { ...env, ENVIRONMENT: 'production', DEFERRED_WAITS: 'skip' } as unknown as Env;
    expect(depsFromEnv(deployed).deps.sleep).toBe(realSleep);
  });
});
