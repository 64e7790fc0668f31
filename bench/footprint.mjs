// The worker's footprint against its targets (issue 15; docs/performance.md, "Startup and bundle size"):
// the startup *active* time `wrangler check startup` profiles and the gzip size of what `wrangler deploy`
// uploads. Used by `npm run bench` (one line each) and `npm run bench:startup` (activeMs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const ENV = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' };

// biome-ignore lint/suspicious/noControlCharactersInRegex: wrangler colours its output
const stripColours = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

export const STARTUP_TARGET_MS = 100;
export const BUNDLE_TARGET_KIB = 600;

/**
 * Active milliseconds of one `wrangler check startup` in `dir` (the bundle built as `wrangler deploy`
 * builds it, started in local workerd): every profile sample that is not `(idle)`, i.e. what the
 * isolate spent parsing, compiling and running top-level code, GC included.
 */
export function activeMs(dir = ROOT) {
  const profilePath = join(mkdtempSync(join(tmpdir(), 'wehub-startup-')), 'worker-startup.cpuprofile');
  try {
    execFileSync(process.execPath, [WRANGLER, 'check', 'startup', '--outfile', profilePath], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: ENV,
      timeout: 120_000,
    });
    const profile = JSON.parse(readFileSync(profilePath, 'utf8'));
    const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    let micros = 0;
    profile.samples.forEach((node, i) => {
      if (!idle.has(node)) micros += profile.timeDeltas[i] ?? 0;
    });
    return micros / 1000;
  } finally {
    rmSync(join(profilePath, '..'), { recursive: true, force: true });
  }
}

/**
 * What `wrangler deploy` would upload, as its dry run reports it ("Total Upload: … KiB / gzip: … KiB":
 * every module, the migrations' text included, concatenated and gzipped at zlib's default level). KiB.
 */
export function deployBundleSize() {
  const outdir = mkdtempSync(join(tmpdir(), 'wehub-bundle-'));
  try {
    // `--env ""` = the top-level environment, said explicitly so wrangler does not warn about it.
    const out = execFileSync(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', outdir, '--env', ''], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: ENV,
      timeout: 180_000,
    });
    const line = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(stripColours(out));
    if (!line) throw new Error(`wrangler deploy --dry-run printed no "Total Upload" line:\n${out}`);
    return { kib: Number(line[1]), gzipKib: Number(line[2]) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (ok) => (ok ? 'within target' : 'OVER TARGET');

/** The startup line: `runs` checks (median and minimum), or why there is no number. */
function startupLine(runs) {
  let times;
  try {
    times = Array.from({ length: runs }, () => activeMs());
  } catch (err) {
    // On a crowded machine wrangler's profiler gives up (it waits 10 s for the worker to start).
    const lines = stripColours(String(err.stderr || err.message)).split('\n');
    const why = (lines.find((l) => l.includes('ERROR')) ?? lines.find((l) => l.trim()) ?? '').trim();
    return `Startup (wrangler check startup): not measured (${why}).`;
  }
  const startup = median(times);
  return (
    `Startup (wrangler check startup, active time, ${runs} runs): median ${startup.toFixed(0)} ms, ` +
    `min ${Math.min(...times).toFixed(0)} ms; target ≤ ${STARTUP_TARGET_MS} ms: ${verdict(startup <= STARTUP_TARGET_MS)}.`
  );
}

/** The two footprint lines of `npm run bench`: the deploy bundle's size and the startup time. */
export function measureFootprint(log, runs = 3) {
  log('measuring the deploy bundle and the startup (wrangler check startup)…');
  const size = deployBundleSize();
  return [
    `Deploy bundle (what wrangler deploy uploads): ${size.kib.toFixed(1)} KiB, gzip ${size.gzipKib.toFixed(1)} KiB; ` +
      `target ≤ ${BUNDLE_TARGET_KIB} KiB gzip: ${verdict(size.gzipKib <= BUNDLE_TARGET_KIB)}.`,
    startupLine(runs),
  ];
}
