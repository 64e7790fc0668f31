// `BENCH_SERVER=wrangler-dev`: the same suites against `wrangler dev` instead of Miniflare's own
// listener. wrangler dev puts a proxy hop in front of the worker, which lowers `/health` itself and
// so compresses every ratio towards 1; ../shared/TOOLCHAIN.md measured its reference ratios there.
// Both numbers are reported so the targets can be read against the setting they were taken in.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

async function waitForHealth(url, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('wrangler dev did not answer /health within 60 s');
}

/** Starts `wrangler dev` on 127.0.0.1:port with throw-away local state; same shape as startWorker(). */
export async function startWranglerDev({ port }) {
  const adminKey = `bench_admin_${randomBytes(24).toString('hex')}`;
  const persistDir = mkdtempSync(join(tmpdir(), 'wehub-bench-wd-'));
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      persistDir,
      '--log-level',
      'warn',
      '--var',
      `ADMIN_API_KEY:${adminKey}`,
      '--var',
      `JWT_SIGNING_SECRET:${randomBytes(32).toString('hex')}`,
      '--var',
      'LOG_LEVEL:error',
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
    },
  );
  const cleanUp = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(persistDir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, Date.now() + 60_000);
  } catch (err) {
    cleanUp();
    throw err;
  }
  return {
    url,
    adminKey,
    label: 'wrangler dev (proxy hop in front of workerd)',
    // workerd runs below wrangler's own process tree; its memory is not read here.
    workerdPeakRssMiB: () => null,
    async stop() {
      cleanUp();
      process.off('exit', cleanUp);
      await new Promise((r) => setTimeout(r, 500));
    },
  };
}
