// Builds the worker exactly as `wrangler deploy` would and serves that bundle on Miniflare's own HTTP
// listener. `wrangler dev` is not used: its proxy hop costs more than a trivial route does
// (../shared/TOOLCHAIN.md, "Benchmarks"), which would flatten every ratio against /health.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, matchesGlob, parse } from 'node:path';
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from 'wrangler';

const ROOT = join(import.meta.dirname, '..');
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
export const BUILD_DIR = join(import.meta.dirname, '.build');

// Files `wrangler deploy --outdir` writes next to the modules that are not part of the worker.
const NOT_MODULES = ['README.md', '**/*.map'];

/** `wrangler deploy --dry-run --outdir bench/.build` into an emptied directory (no stale modules). */
export function buildBundle() {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    // `--env ""` = the top-level environment, said explicitly so wrangler does not warn about it.
    [WRANGLER, 'deploy', '--dry-run', '--outdir', BUILD_DIR, '--env', ''],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
    },
  );
  if (result.status !== 0) {
    throw new Error(`wrangler deploy --dry-run failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * The bundle's modules, typed by the same rules wrangler used to emit them: wrangler.toml's
 * [[rules]] first (the migrations are `Text`), then wrangler's defaults. The entry is an ES module.
 */
function bundleModules(mainPath, rules) {
  const entry = `${parse(mainPath).name}.js`;
  const files = readdirSync(BUILD_DIR).filter((f) => !NOT_MODULES.some((glob) => matchesGlob(f, glob)));
  if (!files.includes(entry)) throw new Error(`${BUILD_DIR} has no ${entry}: ${files.join(', ')}`);
  const typeOf = (file) => {
    if (file === entry) return 'ESModule';
    const rule = rules.find((r) => r.include.some((glob) => matchesGlob(file, glob)));
    if (!rule) throw new Error(`No module rule in wrangler.toml or wrangler's defaults matches ${file}`);
    return rule.type;
  };
  // Miniflare takes the first module as the entry point.
  return [entry, ...files.filter((f) => f !== entry)].map((f) => ({ type: typeOf(f), path: join(BUILD_DIR, f) }));
}

function childPids(parentPid) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parentPid) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Peak resident set (VmHWM, MiB) of the workerd process Miniflare spawned; null off Linux. */
function workerdPeakRssMiB() {
  try {
    for (const pid of childPids(process.pid)) {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!/^Name:\s*workerd\s*$/m.test(status)) continue;
      const kib = Number(/^VmHWM:\s*(\d+) kB$/m.exec(status)?.[1]);
      return Number.isFinite(kib) ? kib / 1024 : null;
    }
  } catch {
    // no /proc
  }
  return null;
}

/**
 * Starts the bundle with wrangler.toml's bindings (D1 DB, KV CACHE, queue JOBS, ... as `wrangler dev`
 * derives them) in a throw-away persistence directory. Returns the base URL, the admin key and a
 * `stop()` that disposes Miniflare and deletes the directory.
 */
export async function startWorker({ port }) {
  const config = unstable_readConfig({ config: join(ROOT, 'wrangler.toml'), env: '' }, { hideWarnings: true });
  const { workerOptions } = unstable_getMiniflareWorkerOptions(config, '');
  const { modulesRules, ...options } = workerOptions;
  const adminKey = `bench_admin_${randomBytes(24).toString('hex')}`;
  const persistDir = mkdtempSync(join(tmpdir(), 'wehub-bench-'));
  // On Ctrl-C Miniflare's own signal hook kills workerd and exits at once; this still runs then.
  const removePersistDir = () => rmSync(persistDir, { recursive: true, force: true });
  process.once('exit', removePersistDir);
  let mf;
  try {
    mf = new Miniflare(
      convertV4MiniflareOptions({
        ...options,
        rootPath: ROOT,
        modules: bundleModules(config.main, modulesRules),
        modulesRoot: BUILD_DIR,
        bindings: {
          ...options.bindings,
          // development: the worker applies its bundled migrations on the first /api request.
          ENVIRONMENT: 'development',
          BOOKING_ENGINE_CACHE_TTL: '300',
          LOG_LEVEL: 'error',
          ADMIN_API_KEY: adminKey,
          JWT_SIGNING_SECRET: randomBytes(32).toString('hex'),
        },
        host: '127.0.0.1',
        port,
        // A placeholder Request.cf instead of fetching the real one from Cloudflare.
        cf: false,
        resourcePersistencePath: persistDir,
        logRequests: false,
        log: new Log(LogLevel.WARN),
      }),
    );
    const url = await mf.ready;
    const kvWatcher = watchKvWrites(persistDir, options.kvNamespaces);
    return {
      url: url.origin,
      adminKey,
      label: "Miniflare's own listener (workerd)",
      workerdPeakRssMiB,
      async stop() {
        try {
          kvWatcher.close();
          await mf.dispose();
        } finally {
          removePersistDir();
          process.off('exit', removePersistDir);
        }
      },
    };
  } catch (err) {
    await mf?.dispose().catch(() => {});
    removePersistDir();
    process.off('exit', removePersistDir);
    throw err;
  }
}

// --- KV writes per second (reported by bench/suites/bookings.mjs) ---------------------------------
// KV takes about one write per second to a key. Miniflare stores every KV put as a new file in
// <persist>/kv/<namespace id>/blobs/ whose name ends in its creation time (16 hex digits, ms), and
// deletes the file a put replaced: watching that directory sees every put, without a wrapper in
// front of the binding (Miniflare 5 has no wrapped bindings) or any debug path in the worker.

/** Creation times (epoch ms) of the KV values written since the worker started. */
const kvWriteTimes = [];
let kvWatched = false;

function watchKvWrites(persistDir, kvNamespaces) {
  const ids = Object.values(kvNamespaces ?? {}).map((ns) => (typeof ns === 'string' ? ns : ns.id));
  const seen = new Set();
  kvWatched = true;
  const watchers = ids.map((id) => {
    const dir = join(persistDir, 'kv', id, 'blobs');
    mkdirSync(dir, { recursive: true });
    return watch(dir, (_event, name) => {
      // Only the blob's own name: it is written as a dot-named .tmp file first, then renamed.
      if (!name || !/^[0-9a-f]+$/.test(name) || seen.has(name)) return;
      seen.add(name);
      const at = Number.parseInt(name.slice(-16), 16);
      // The name's own time when it is one (a late event would bunch writes up); else the time seen.
      kvWriteTimes.push(Math.abs(at - Date.now()) < 60_000 ? at : Date.now());
    });
  });
  return {
    close: () => {
      for (const w of watchers) w.close();
    },
  };
}

/**
 * KV puts from `since` (epoch ms) on, all keys together: `total`, and `max` in one wall-clock second.
 * Null when the worker is not Miniflare's (BENCH_SERVER=wrangler-dev): nothing watched then.
 */
export function kvWritesSince(since) {
  if (!kvWatched) return null;
  const perSecond = new Map();
  let total = 0;
  for (const at of kvWriteTimes) {
    if (at < since) continue;
    total++;
    const second = Math.floor(at / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  return { total, max: Math.max(0, ...perSecond.values()) };
}
