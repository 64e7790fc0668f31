import { describe, expect, it } from 'vitest';
import { decryptToken, encryptToken } from '../../src/modules/payments/token-crypto';

const KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const OTHER_KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

describe('token encryption at rest', () => {
  it('round-trips under the same key and hotel, with a fresh IV each time', async () => {
    const a = await encryptToken(KEY, 'htl_a', 'EAAAsecret-token');
    const b = await encryptToken(KEY, 'htl_a', 'EAAAsecret-token');
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret');
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(await decryptToken(KEY, 'htl_a', a)).toEqual({ ok: true, value: 'EAAAsecret-token' });
  });

  it('refuses another hotel, another key, altered bytes and unknown formats', async () => {
    const sealed = await encryptToken(KEY, 'htl_a', 'EAAAsecret-token');
    const [version, iv, ct] = sealed.split('.');
    const flipped = `${ct?.slice(0, -2)}${ct?.endsWith('AA') ? 'BA' : 'AA'}`;
    expect(await decryptToken(KEY, 'htl_b', sealed)).toEqual({ ok: false, error: 'forged' });
    expect(await decryptToken(OTHER_KEY, 'htl_a', sealed)).toEqual({ ok: false, error: 'forged' });
    expect(await decryptToken(KEY, 'htl_a', `${version}.${iv}.${flipped}`)).toEqual({ ok: false, error: 'forged' });
    expect(await decryptToken(KEY, 'htl_a', `v2.${iv}.${ct}`)).toEqual({ ok: false, error: 'unknown_version' });
    for (const bad of ['', 'plain-token', `v1.${iv}`, `v1.!!.${ct}`, `v1.${iv}.${ct}.x`, 'v1.AAAA.AAAA']) {
      expect(await decryptToken(KEY, 'htl_a', bad), bad).toEqual({ ok: false, error: 'malformed' });
    }
  });
});
