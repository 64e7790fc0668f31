// The status page's drawing: fetches /status/data (the signed query the page was served with) and
// draws the current health table and the last 24 h with uPlot (loaded before this script). Text from
// the data only ever goes through textContent, never HTML.
const root = document.getElementById('status');
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
const BACKLOG = {
  outbox_pending: 'Outbox pending',
  webhook_deliveries_pending: 'Webhook deliveries pending',
  emails_pending: 'Emails pending',
  channel_ari_dirty: 'Channel ARI dirty ranges',
  dead_letters: 'Dead letters',
};

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function seconds(t) {
  if (typeof t === 'number') return t > 1e12 ? t / 1000 : t;
  return Date.parse(t) / 1000;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`;
}

function ms(value) {
  return value === null || value === undefined ? '—' : `${Math.round(value)} ms`;
}

function drawHealth(health) {
  document.getElementById('generated').textContent =
    `Generated ${when(health.generated_at)} · window ${when(health.window.from)} – ${when(health.window.to)}`;
  const body = document.querySelector('#health tbody');
  body.replaceChildren();
  if (health.integrations.length === 0) {
    const row = el('tr');
    const cell = el('td', 'No integration traffic in this window.');
    cell.colSpan = 8;
    row.append(cell);
    body.append(row);
  }
  for (const item of health.integrations) {
    const row = el('tr');
    const name = item.hotel_id && item.hotel_id !== '*' ? `${item.integration} · ${item.hotel_id}` : item.integration;
    row.append(
      el('td', name),
      el('td', item.direction),
      el('td', item.status, `status status-${item.status}`),
      el('td', item.requests),
      el('td', percent(item.success_rate)),
      el('td', `${ms(item.latency_ms.p50)} / ${ms(item.latency_ms.p95)}`),
      el('td', when(item.last_success_at)),
      el('td', item.last_error ? `${when(item.last_error_at)}: ${item.last_error}` : when(item.last_error_at)),
    );
    body.append(row);
  }
  const backlog = document.getElementById('backlog');
  backlog.replaceChildren();
  for (const [key, label] of Object.entries(BACKLOG)) {
    const item = el('div', null, 'backlog-item');
    item.append(el('dt', label), el('dd', health.backlog[key] ?? 0));
    backlog.append(item);
  }
}

/** Aligns point lists on one time axis (uPlot's data layout): [xs, ...one array per line]. */
function align(lines) {
  const xs = [...new Set(lines.flatMap((line) => line.points.map((p) => p.t)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  return [
    xs,
    ...lines.map((line) => {
      const ys = xs.map(() => line.empty);
      for (const p of line.points) ys[index.get(p.t)] = p.y;
      return ys;
    }),
  ];
}

function chart(container, title, unit, lines, range) {
  const figure = el('figure', null, 'chart');
  figure.append(el('figcaption', unit ? `${title} (${unit})` : title));
  container.append(figure);
  if (lines.length === 0 || lines.every((line) => line.points.length === 0)) {
    figure.append(el('p', 'No data in the last 24 hours.', 'empty'));
    return;
  }
  const width = Math.max(320, Math.min(container.clientWidth, 1200));
  const options = {
    width,
    height: 220,
    series: [
      {},
      ...lines.map((line, i) => ({
        label: line.label,
        stroke: PALETTE[i % PALETTE.length],
        width: 2,
        spanGaps: false,
        // A bucket between two empty ones is a point, not a line: draw the points so it shows.
        points: { show: true, size: 5 },
        value: (_u, v) => (v === null || v === undefined ? '—' : `${Number(v.toFixed(2))} ${unit}`),
      })),
    ],
    // Every chart spans the whole window, however few buckets have data.
    scales: { x: { time: true, range: () => range } },
    axes: [{}, { size: 60 }],
  };
  new window.uPlot(options, align(lines), figure);
}

function drawCharts(metrics) {
  const container = document.getElementById('charts');
  container.replaceChildren();
  const perMinute = metrics.bucket_seconds / 60;
  const range = [seconds(metrics.from), seconds(metrics.to)];
  const series = metrics.series.map((s) => ({
    label: `${s.integration} (${s.direction})`,
    points: s.points.map((p) => ({ ...p, t: seconds(p.t) })),
  }));
  const line = (pick, empty) =>
    series.map((s) => ({ label: s.label, empty, points: s.points.map((p) => ({ t: p.t, y: pick(p) })) }));
  chart(
    container,
    'Throughput',
    'req/min',
    line((p) => p.requests / perMinute, 0),
    range,
  );
  chart(
    container,
    'Error rate',
    '%',
    line((p) => (p.error_rate === null ? null : p.error_rate * 100), null),
    range,
  );
  chart(
    container,
    'Latency p95',
    'ms',
    line((p) => p.p95_ms, null),
    range,
  );
  const backlog = metrics.backlog.map((b) => ({ ...b, t: seconds(b.t) }));
  chart(
    container,
    'Backlog',
    'items',
    Object.entries(BACKLOG).map(([key, label]) => ({
      label,
      empty: null,
      points: backlog.map((b) => ({ t: b.t, y: b[key] })),
    })),
    range,
  );
}

async function load() {
  const res = await fetch(root.dataset.src, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    throw new Error(problem.detail ?? `HTTP ${res.status}`);
  }
  const data = await res.json();
  drawHealth(data.health);
  drawCharts(data.metrics);
  root.dataset.ready = 'true';
}

load().catch((err) => {
  document.getElementById('generated').textContent = `Could not load the status data: ${err.message}`;
  root.dataset.ready = 'error';
});
