// Stand-in worker for the bench floors (bench/floors.mjs): only what a request of each kind cannot
// avoid on this platform, with the worker's own kinds of bindings (D1 DB, KV CACHE, the rate-limit
// tiers of wrangler.toml). Routes: /kv, /d1, /write, each also as /<kind>/no-limiter.
//
// - kv:    the rate limiter once, one small KV read, a ~1 KB answer (what a cache hit needs at least)
// - d1:    the rate limiter once, one D1 SELECT by primary key, a ~1 KB answer (an uncached search)
// - write: the rate limiter once, one D1 batch of three guarded writes (an UPDATE … WHERE refused by
//          a CHECK when full, two INSERTs) and one KV write (a booking)
//
// bench/floors.mjs creates the tables and the KV key before any load and passes their sizes as vars
// (FLOOR_ROWS, FLOOR_NIGHTS): reads and writes are spread over those rows.

const VERSION_KEY = 'floor:v';

const ANSWER = JSON.stringify({ floor: true, pad: 'x'.repeat(1_000) });
const json = (body, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
const pick = (n) => 1 + Math.floor(Math.random() * n);

// The worker's default tiers (src/modules/platform/rate-limit.rules.ts): reads 1,200, writes 300 a
// minute, counted per credential and client address.
async function limited(request, env, kind) {
  const binding = kind === 'write' ? env.RATE_LIMIT_300 : env.RATE_LIMIT_1200;
  const client = request.headers.get('cf-connecting-ip') ?? 'unknown';
  const { success } = await binding.limit({ key: `${kind}:floor|${client}` });
  return !success;
}

const floors = {
  async kv(env) {
    const version = await env.CACHE.get(VERSION_KEY, 'text');
    return version ? json(ANSWER) : json('{"error":"floor:v missing"}', 500);
  },
  async d1(env) {
    const row = await env.DB.prepare('SELECT body FROM floor_rows WHERE id = ?')
      .bind(pick(Number(env.FLOOR_ROWS)))
      .first();
    return row ? json(row.body) : json('{"error":"floor_rows empty"}', 500);
  },
  async write(env, body) {
    const id = crypto.randomUUID();
    // One transaction: a CHECK failure rolls the batch back and throws (never here: inventory is huge).
    const [update] = await env.DB.batch([
      // As the worker takes units: the table's CHECK (taken <= inventory) refuses a full night.
      env.DB.prepare('UPDATE floor_nights SET taken = taken + 1 WHERE id = ?').bind(pick(Number(env.FLOOR_NIGHTS))),
      env.DB.prepare('INSERT INTO floor_bookings (id, body) VALUES (?, ?)').bind(id, body),
      env.DB.prepare('INSERT INTO floor_events (id, booking_id, body) VALUES (?, ?, ?)').bind(
        crypto.randomUUID(),
        id,
        body,
      ),
    ]);
    if (update.meta.changes !== 1) return json('{"error":"sold out"}', 409);
    await env.CACHE.put(VERSION_KEY, JSON.stringify({ v: id, b: null }));
    return json(ANSWER, 201);
  },
};

export default {
  async fetch(request, env) {
    const [, kind, mode] = new URL(request.url).pathname.split('/');
    const floor = Object.hasOwn(floors, kind) ? floors[kind] : undefined;
    if (!floor || (mode !== undefined && mode !== 'no-limiter')) return json('{"error":"no such floor"}', 404);
    // A request's body is read whatever it is for.
    const body = await request.text();
    if (mode !== 'no-limiter' && (await limited(request, env, kind === 'write' ? 'write' : 'read'))) {
      return json('{"error":"rate limited"}', 429);
    }
    return floor(env, body);
  },
};
