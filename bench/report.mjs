// The results table. Each ratio divides by the /health (or floor) throughput measured in slices
// alternating with that scenario, which is what stays comparable on a machine that other work is loading too.

// More unexpected answers than this and the numbers describe an error path, not the scenario.
const MAX_FAILED_SHARE = 0.01;

const fixed = (n, digits) => (n === null || n === undefined ? '' : n.toFixed(digits));
const total = (counts) => Object.values(counts).reduce((n, c) => n + c, 0);
const failedOf = (result) => total(result.unexpected) + result.errors;

/** min–max of per-round ratios, when there was more than one round. */
const range = (ratios) => (ratios && ratios.rounds > 1 ? `${fixed(ratios.min, 2)}–${fixed(ratios.max, 2)}` : '');

/**
 * Throughput ratios to /health and to the scenario's floor (the median of the per-round ratios, see
 * `roundRatios` in load.mjs; their range beside it), and the target's verdict: that median against the target.
 */
function verdict({ result, scenario }) {
  const toHealth = result.toBaseline?.median ?? null;
  const toFloor = result.toFloor?.median ?? null;
  const shown = { toHealth: fixed(toHealth, 2), toFloor: fixed(toFloor, 2), floorRange: range(result.toFloor) };
  if (scenario.target === undefined) return { ...shown, mark: '' };
  const invalid = failedOf(result) > result.requests * MAX_FAILED_SHARE;
  if (scenario.target === null) return { ...shown, mark: invalid ? 'INVALID' : '–' };
  const goal = `≥ ${scenario.target.toFixed(1)} × floor`;
  if (invalid) return { ...shown, mark: `INVALID (${goal})` };
  if (toFloor === null) return { ...shown, mark: `no floor (${goal})` };
  return { ...shown, mark: `${toFloor >= scenario.target ? 'met' : 'NOT MET'} (${goal})` };
}

function notes(row) {
  const { result, scenario } = row;
  const out = [];
  if (result.probe) out.push(`first request answered ${result.probe}`);
  if (result.oneConnection?.non2xx > 0) out.push(`${result.oneConnection.non2xx} non-2xx answers at one connection`);
  if (result.oneConnection?.requests === 0) out.push('no request completed at one connection (no latency shown)');
  const unexpected = Object.entries(result.unexpected).map(([outcome, n]) => `${outcome}×${n}`);
  if (unexpected.length > 0) out.push(`unexpected answers: ${unexpected.join(', ')}`);
  if (result.errors > 0) out.push(`${result.errors} connection errors or timeouts`);
  const cache = Object.entries(result.cache).map(([k, v]) => `${k} ${v}`);
  if (cache.length > 0) out.push(`X-Cache: ${cache.join(', ')}`);
  if (scenario.bodies && result.reused > 0) out.push(`${result.reused} bodies sent twice (ran out of unique ones)`);
  for (const { ok, text } of result.checks ?? []) out.push(`${ok ? 'PASS' : 'FAIL'} ${text}`);
  return out;
}

/**
 * Scenarios where a refusal is a result (a sold-out 409): what the requests came to, and successes per
 * second (not for a single run: that is a race for a fixed stock, not a rate).
 */
function outcomesTable(rows) {
  const measured = rows.filter((r) => r.scenario?.expectedOutcomes);
  if (measured.length === 0) return [];
  const columns = [...new Set(measured.flatMap((r) => r.scenario.expectedOutcomes))];
  const header = ['scenario', 'requests', ...columns, 'unexpected', 'errors', `${columns[0]}/s`];
  const body = measured.map(({ scenario, result }) => [
    scenario.name,
    result.requests,
    ...columns.map((c) => (scenario.expectedOutcomes.includes(c) ? (result.outcomes[c] ?? 0) : '')),
    total(result.unexpected),
    result.errors,
    scenario.singleRun ? '–' : fixed((result.outcomes[columns[0]] ?? 0) / result.seconds, 1),
  ]);
  return ['', table(header, body)];
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])));
  return [
    line(header).join('  '),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((r) => line(r).join('  ')),
  ].join('\n');
}

/**
 * `rows`: `{ scenario, result }` for measured runs (`result.baselineRps`: the /health throughput
 * measured alongside, none for the baseline itself; `result.floorRps`: the throughput of the
 * scenario's floor measured alongside; `result.toBaseline` / `result.toFloor`: the per-round ratios
 * to them, `roundRatios`; `result.oneConnection`: latency at one connection),
 * `{ name, skipped }` for skipped ones.
 */
export function formatReport(rows) {
  const header = [
    'scenario',
    'req/s',
    'p50 ms',
    'p99 ms',
    '1-conn p50',
    '1-conn p99',
    'failed',
    'secs',
    '/health alongside',
    '× /health',
    'floor',
    'floor alongside',
    '× floor',
    'rounds',
    'target',
  ];
  const body = [];
  const remarks = [];
  for (const row of rows) {
    if (row.skipped) {
      body.push([row.name, ...header.slice(1, -1).map(() => '-'), 'skipped']);
      remarks.push(`${row.name}: skipped, ${row.skipped}`);
      continue;
    }
    const { result, scenario } = row;
    const { toHealth, toFloor, floorRange, mark } = verdict(row);
    body.push([
      scenario.name,
      fixed(result.rps, 0),
      fixed(result.p50, 1),
      fixed(result.p99, 1),
      fixed(result.oneConnection?.p50, 1),
      fixed(result.oneConnection?.p99, 1),
      failedOf(result),
      fixed(result.seconds, 1),
      fixed(result.baselineRps, 0),
      toHealth,
      scenario.floor ?? '',
      fixed(result.floorRps, 0),
      toFloor,
      floorRange,
      mark,
    ]);
    for (const note of notes(row)) remarks.push(`${scenario.name}: ${note}`);
  }
  return [table(header, body), ...outcomesTable(rows), ...(remarks.length > 0 ? ['', ...remarks] : [])].join('\n');
}
