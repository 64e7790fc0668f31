// A small JSON client for seeding through the public HTTP API, so the seed passes the same
// validation a client's data does.
import { randomUUID } from 'node:crypto';

/** The endpoint answered 404 "No route": it has not been built yet. Scenarios that need it are skipped. */
export class RouteMissing extends Error {}

export function isRouteMissing(status, json) {
  return status === 404 && /^No route for/.test(json?.detail ?? '');
}

/** `call(method, path, { body, apiKey, bearer })` → `{ status, json, text }`; the admin key by default. */
export function createApi(baseUrl, adminKey) {
  async function call(method, path, { body, apiKey = adminKey, bearer } = {}) {
    const headers = bearer ? { authorization: `Bearer ${bearer}` } : { 'x-api-key': apiKey };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      // Fresh per request: harmless where the route ignores it, required where it does not.
      if (method === 'POST') headers['idempotency-key'] = randomUUID();
    }
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  }

  /** Calls and returns the parsed body, or throws: `RouteMissing` for 404 "No route", Error otherwise. */
  async function expect(status, method, path, options) {
    const res = await call(method, path, options);
    if (res.status === status) return res.json;
    if (isRouteMissing(res.status, res.json))
      throw new RouteMissing(`${method} ${path} answers 404 "No route" (not built yet)`);
    throw new Error(`${method} ${path}: expected HTTP ${status}, got ${res.status}: ${res.text.slice(0, 500)}`);
  }

  return { call, expect, adminKey };
}
