// The results table. Each ratio divides by the /health throughput measured in slices alternating
// with that scenario, which is what stays comparable on a machine that other work is loading too.

// More non-2xx answers than this and the numbers describe an error path, not the scenario.
const MAX_FAILED_SHARE = 0.01;

const fixed = (n, digits) => (n === null || n === undefined ? '' : n.toFixed(digits));

function verdict({ result, scenario }) {
  if (!result.baselineRps) return { ratio: '', mark: '' };
  const ratio = result.rps / result.baselineRps;
  if (!scenario.target) return { ratio: fixed(ratio, 2), mark: '' };
  const failed = result.non2xx + result.errors;
  const mark = failed > result.requests * MAX_FAILED_SHARE ? 'INVALID' : ratio >= scenario.target ? 'PASS' : 'FAIL';
  return { ratio: fixed(ratio, 2), mark: `${mark} (≥ ${scenario.target})` };
}

function notes(row) {
  const { result, scenario } = row;
  const out = [];
  if (result.probe) out.push(`first request answered ${result.probe}`);
  if (result.otherStatuses.length > 0) out.push(`non-2xx: ${result.otherStatuses.join(', ')}`);
  if (result.errors > 0) out.push(`${result.errors} connection errors or timeouts`);
  const cache = Object.entries(result.cache).map(([k, v]) => `${k} ${v}`);
  if (cache.length > 0) out.push(`X-Cache: ${cache.join(', ')}`);
  if (scenario.bodies && result.reused > 0) out.push(`${result.reused} bodies sent twice (ran out of unique ones)`);
  return out;
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
 * measured alongside, which the ratio divides by; none for the baseline itself), `{ name, skipped }`
 * for skipped ones.
 */
export function formatReport(rows) {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'secs', '/health alongside', 'ratio', 'target'];
  const body = [];
  const remarks = [];
  for (const row of rows) {
    if (row.skipped) {
      body.push([row.name, '-', '-', '-', '-', '-', '-', '-', 'skipped']);
      remarks.push(`${row.name}: skipped, ${row.skipped}`);
      continue;
    }
    const { result, scenario } = row;
    const { ratio, mark } = verdict(row);
    body.push([
      scenario.name,
      fixed(result.rps, 0),
      fixed(result.p50, 1),
      fixed(result.p99, 1),
      result.non2xx + result.errors,
      fixed(result.seconds, 1),
      fixed(result.baselineRps, 0),
      ratio,
      mark,
    ]);
    for (const note of notes(row)) remarks.push(`${scenario.name}: ${note}`);
  }
  return [table(header, body), ...(remarks.length > 0 ? ['', ...remarks] : [])].join('\n');
}
