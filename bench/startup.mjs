#!/usr/bin/env node
// `npm run bench:startup [-- N] [-- <git rev> …]`: the worker's startup as `wrangler check startup` profiles it
// (bundle built as `wrangler deploy` builds it, started in local workerd), N runs each (default 5). The
// number is the profile's *active* time: every sample that is not `(idle)`, i.e. what the isolate spent
// parsing, compiling and running top-level code, GC included. Given git revisions, each is checked out
// into a temporary worktree and measured alternately with this checkout, so a loaded machine slows both
// alike (the ratio is what to read). Prints a table; exits 0 whatever the numbers are.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { activeMs, STARTUP_TARGET_MS } from './footprint.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const revisions = args.filter((a) => !/^\d+$/.test(a));

const targets = [{ name: 'this checkout', dir: ROOT }];
const temp = [];
for (const rev of revisions) {
  const dir = mkdtempSync(join(tmpdir(), 'wehub-startup-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, rev], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  targets.push({ name: rev, dir });
  temp.push(dir);
}

const results = new Map(targets.map((t) => [t.name, []]));
try {
  for (let i = 0; i < runs; i++) {
    for (const t of targets) results.get(t.name).push(activeMs(t.dir));
  }
} finally {
  for (const dir of temp) {
    execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(results.get('this checkout'));
console.log(
  `startup (active ms, ${runs} runs each; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')})`,
);
for (const [name, xs] of results) {
  const m = median(xs);
  console.log(
    `${name.padEnd(16)} median ${m.toFixed(0).padStart(4)}  min ${Math.min(...xs)
      .toFixed(0)
      .padStart(4)}  max ${Math.max(...xs)
      .toFixed(0)
      .padStart(4)}  ratio to this checkout ${(m / base).toFixed(2)}`,
  );
}
console.log(`target: ≤ ${STARTUP_TARGET_MS} ms active (docs/performance.md, Startup and bundle size)`);
