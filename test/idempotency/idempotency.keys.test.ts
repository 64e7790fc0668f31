import { describe, expect, it } from 'vitest';
import { harness, newKey } from './harness';

describe('idempotency keys on the wire', () => {
  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['with a space', 'two words'],
    ['with a control character', 'del\x7f'],
  ])('rejects a %s Idempotency-Key with 400 before running the handler', async (_, key) => {
    const h = harness();
    const res = await h.post('/things', { name: 'suite' }, { key });
    expect(res.status).toBe(400);
    const problem = await res.json<{ code: string; errors: { path: string }[] }>();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.path)).toEqual(['header.Idempotency-Key']);
    expect(h.state.calls).toBe(0);
  });

  it('accepts a 255-character key', async () => {
    const h = harness();
    const key = `${newKey()}${'x'.repeat(255)}`.slice(0, 255);
    expect((await h.post('/things', { name: 'suite' }, { key })).status).toBe(201);
    expect((await h.post('/things', { name: 'suite' }, { key })).headers.get('idempotent-replayed')).toBe('true');
  });

  it('treats the structured-field string "k" as the key k', async () => {
    const h = harness();
    const key = newKey();
    await h.post('/things', { name: 'suite' }, { key });
    const quoted = await h.post('/things', { name: 'suite' }, { key: `"${key}"` });
    expect(quoted.headers.get('idempotent-replayed')).toBe('true');
    expect(h.state.calls).toBe(1);
  });

  it('documents the header as an optional parameter in the OpenAPI document', () => {
    const doc = harness().app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    const parameters = doc.paths?.['/things']?.post?.parameters as Array<Record<string, any>>;
    const header = parameters.find((p) => p.name === 'idempotency-key');
    expect(header).toMatchObject({ in: 'header', required: false, schema: { type: 'string', maxLength: 255 } });
    expect(header?.description).toContain('Idempotent-Replayed');
  });

  describe('with a body key (payments)', () => {
    it('takes the key from the body field when there is no header', async () => {
      const h = harness();
      const body = { name: 'deposit', idempotency_key: newKey() };
      const first = await h.post('/payments', body);
      const again = await h.post('/payments', body);
      expect(first.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(await first.json());
      expect(h.state.calls).toBe(1);
    });

    it('answers 422 when the body key comes back with another body', async () => {
      const h = harness();
      const key = newKey();
      await h.post('/payments', { name: 'deposit', idempotency_key: key });
      const res = await h.post('/payments', { name: 'balance', idempotency_key: key });
      expect(res.status).toBe(422);
    });

    it('accepts the header and the body field naming the same key', async () => {
      const h = harness();
      const key = newKey();
      const body = { name: 'deposit', idempotency_key: key };
      await h.post('/payments', body, { key });
      const byBodyOnly = await h.post('/payments', body);
      expect(byBodyOnly.headers.get('idempotent-replayed')).toBe('true');
      expect(h.state.calls).toBe(1);
    });

    it('rejects a header and a body field that differ', async () => {
      const h = harness();
      const res = await h.post('/payments', { name: 'deposit', idempotency_key: newKey() }, { key: newKey() });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'idempotency_key' }] });
      expect(h.state.calls).toBe(0);
    });

    it('rejects an invalid body key with its body path', async () => {
      const h = harness();
      const res = await h.post('/payments', { name: 'deposit', idempotency_key: 'has space' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'idempotency_key' }] });
    });

    it('runs every time without either key', async () => {
      const h = harness();
      await h.post('/payments', { name: 'deposit' });
      await h.post('/payments', { name: 'deposit' });
      expect(h.state.calls).toBe(2);
    });
  });
});
