/**
 * A fetch for services under test that answers only the requests a test expects, and remembers any
 * other (which then fails: no test reaches the network). Pass it as `fetch` to createOutbound or as a
 * service's injected fetch; check `assertAllUsed()` / `unexpected` at the end of the test.
 */
export type FakeRoute = {
  method?: string;
  /** Exact URL without its query string, or a RegExp over the whole URL. */
  url: string | RegExp;
  reply: (request: Request) => Response | Promise<Response>;
};

export type FakeFetch = ((input: Request | string, init?: RequestInit) => Promise<Response>) & {
  requests: Request[];
  unexpected: string[];
  assertAllUsed: () => void;
};

export function fakeFetch(routes: FakeRoute[]): FakeFetch {
  const used = new Set<FakeRoute>();
  const fake = (async (input: Request | string, init?: RequestInit) => {
    const request = new Request(input, init);
    fake.requests.push(request.clone());
    const bare = request.url.split('?')[0];
    const route = routes.find(
      (r) =>
        (r.method ?? 'GET') === request.method &&
        (typeof r.url === 'string' ? r.url === bare : r.url.test(request.url)),
    );
    if (!route) {
      fake.unexpected.push(`${request.method} ${request.url}`);
      throw new TypeError(`unexpected outbound request: ${request.method} ${request.url}`);
    }
    used.add(route);
    return route.reply(request);
  }) as FakeFetch;
  fake.requests = [];
  fake.unexpected = [];
  fake.assertAllUsed = () => {
    if (fake.unexpected.length > 0) throw new Error(`unexpected outbound requests: ${fake.unexpected.join(', ')}`);
    const unused = routes.filter((r) => !used.has(r));
    if (unused.length > 0)
      throw new Error(`expected outbound requests not made: ${unused.map((r) => String(r.url)).join(', ')}`);
  };
  return fake;
}
