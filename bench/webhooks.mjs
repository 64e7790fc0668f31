// Webhook delivery under a burst of bookings: a local receiver (plain http on loopback, which
// `development` allows) hears `reservation.created` for one hotel; the bench books BOOKINGS rooms
// from CONCURRENCY clients at once and reports deliveries per second and the lag from each event's
// commit (its `created_at`) to its arrival at the receiver, p50/p99. The path measured is the real
// one: commit → outbox relay (after the request) → `event.deliver` job → `webhook.deliver` job → POST,
// through Miniflare's queue with wrangler.toml's batching (`max_batch_timeout = 1` s per hop).
import { createServer } from 'node:http';
import { addDays, zonedDate } from './seed.mjs';

const BOOKINGS = 200;
const CONCURRENCY = 20;
const WAIT_MS = 120_000;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function startReceiver() {
  const arrivals = new Map();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const at = Date.now();
      const id = req.headers['webhook-id'];
      if (typeof id === 'string' && !arrivals.has(id)) {
        arrivals.set(id, { at, createdAt: Date.parse(JSON.parse(body).created_at) });
      }
      res.writeHead(200).end('ok');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, arrivals, port: server.address().port }));
  });
}

async function seed(api) {
  const hotel = await api.expect(201, 'POST', '/api/v1/hotels', {
    body: {
      name: 'WeHub Webhook Bench Hotel',
      timezone: 'UTC',
      currency: 'EUR',
      address: { line1: 'Main 1', city: 'Vienna', postal_code: '1010', country: 'AT' },
    },
  });
  const base = `/api/v1/hotels/${hotel.id}`;
  const roomType = await api.expect(201, 'POST', `${base}/room-types`, {
    body: { code: 'WH', name: 'Webhook room', max_adults: 2, max_children: 0, max_occupancy: 2, base_occupancy: 2 },
  });
  const ratePlan = await api.expect(201, 'POST', `${base}/rate-plans`, {
    body: { code: 'WH', name: 'Webhook rate', meal_plan: 'room_only', room_type_ids: [roomType.id] },
  });
  const from = zonedDate('UTC', 1);
  const to = addDays(from, 29);
  await api.expect(200, 'PUT', `${base}/ari`, {
    body: {
      updates: [
        { room_type_id: roomType.id, from, to, inventory: BOOKINGS },
        { room_type_id: roomType.id, rate_plan_id: ratePlan.id, from, to, amount: 10_000 },
      ],
    },
  });
  return { hotelId: hotel.id, roomTypeId: roomType.id, ratePlanId: ratePlan.id, from };
}

/** Returns the report lines; throws RouteMissing (./api.mjs) when the webhooks API is not built. */
export async function measureWebhooks(api, log) {
  const receiver = await startReceiver();
  try {
    const h = await seed(api);
    await api.expect(201, 'POST', '/api/v1/webhook-endpoints', {
      body: {
        url: `http://127.0.0.1:${receiver.port}/hook`,
        events: ['reservation.created'],
        hotel_ids: [h.hotelId],
      },
    });
    log(`webhooks: ${BOOKINGS} bookings from ${CONCURRENCY} clients…`);
    const started = Date.now();
    let next = 0;
    let booked = 0;
    const client = async () => {
      while (next < BOOKINGS) {
        const i = next++;
        const res = await api.call('POST', '/api/booking-engine/reservations', {
          body: {
            hotel_id: h.hotelId,
            room_type_id: h.roomTypeId,
            rate_plan_id: h.ratePlanId,
            check_in: addDays(h.from, i % 28),
            check_out: addDays(h.from, (i % 28) + 1),
            adults: 2,
            guest: { first_name: 'Bench', last_name: `Hook ${i}`, email: `hook-${i}@bench.example` },
          },
        });
        if (res.status === 201) booked++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
    const bookedIn = Date.now() - started;
    const deadline = Date.now() + WAIT_MS;
    while (receiver.arrivals.size < booked && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const arrivals = [...receiver.arrivals.values()];
    const lags = arrivals.map((a) => a.at - a.createdAt).sort((a, b) => a - b);
    const firstCommit = Math.min(...arrivals.map((a) => a.createdAt));
    const lastArrival = Math.max(...arrivals.map((a) => a.at));
    const seconds = (lastArrival - firstCommit) / 1000;
    return [
      `Webhooks: ${booked} bookings in ${(bookedIn / 1000).toFixed(1)} s → ${arrivals.length} deliveries to a local receiver` +
        (arrivals.length < booked ? ` (${booked - arrivals.length} missing after ${WAIT_MS / 1000} s)` : ''),
      `  deliveries/s (first commit → last arrival): ${arrivals.length > 0 ? (arrivals.length / seconds).toFixed(1) : '–'}`,
      `  lag commit → delivery: p50 ${percentile(lags, 50) ?? '–'} ms, p99 ${percentile(lags, 99) ?? '–'} ms ` +
        '(two queue hops, each batched up to 1 s)',
    ];
  } finally {
    receiver.server.close();
  }
}
