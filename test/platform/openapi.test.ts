import { describe, expect, it } from 'vitest';
import { call } from '../helpers/http';

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document without auth', async () => {
    const res = await call('GET', '/openapi.json', { auth: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = await res.json<any>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'WeHub Integrations API', version: expect.any(String) });
    expect(Object.keys(doc.components.securitySchemes)).toEqual(expect.arrayContaining(['ApiKey', 'Bearer']));
    expect(doc.components.securitySchemes.ApiKey).toEqual({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/api-keys'].post.security).toEqual([{ ApiKey: ['admin'] }, { Bearer: ['admin'] }]);
    expect(doc.paths['/api/v1/auth/token'].post.responses['200']).toBeDefined();
  });

  it('documents the OAuth endpoints: the protocol ones public, the management ones secured', async () => {
    const doc = await (await call('GET', '/openapi.json', { auth: null })).json<any>();
    for (const [path, method] of [
      ['/oauth/authorize', 'get'],
      ['/oauth/authorize', 'post'],
      ['/oauth/token', 'post'],
      ['/.well-known/oauth-authorization-server', 'get'],
    ] as const) {
      expect(doc.paths[path][method].security, `${method} ${path}`).toEqual([]);
    }
    expect(doc.paths['/oauth/authorize'].get.responses['200'].content['text/html']).toBeDefined();
    expect(doc.paths['/api/v1/oauth/clients'].post.security).toEqual([{ ApiKey: ['admin'] }, { Bearer: ['admin'] }]);
    expect(doc.paths['/api/v1/oauth/grants/{id}'].delete.security).toEqual([
      { ApiKey: ['admin'] },
      { Bearer: ['admin'] },
    ]);
  });

  it('documents error responses as problem+json', async () => {
    const doc = await (await call('GET', '/openapi.json', { auth: null })).json<any>();
    const problem = doc.paths['/api/v1/api-keys'].post.responses['401'].content['application/problem+json'].schema;
    expect(problem).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(doc.components.schemas.Problem.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'request_id']),
    );
  });

  it('offers no union whose alternatives are the same schema (a client generator could not tell them apart)', async () => {
    const doc = await (await call('GET', '/openapi.json', { auth: null })).json<any>();
    const repeated: string[] = [];
    // Arrays too: Object.entries walks their items.
    const visit = (node: unknown, at: string): void => {
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
          const alternatives = value.map((v) => JSON.stringify(v));
          if (new Set(alternatives).size < alternatives.length) repeated.push(`${at}/${key}`);
        }
        visit(value, `${at}/${key}`);
      }
    };
    visit(doc, '#');
    expect(repeated).toEqual([]);
  });

  it('serves the docs UI as HTML without auth', async () => {
    const res = await call('GET', '/docs', { auth: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('/openapi.json');
    expect(html).toContain('WeHub Integrations API');
  });
});
