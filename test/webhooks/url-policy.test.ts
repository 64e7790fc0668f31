import { describe, expect, it } from 'vitest';
import { checkWebhookUrl } from '../../src/modules/webhooks/url-policy';

describe('webhook URL rules (SSRF)', () => {
  it.each([
    'http://hooks.example.com/x',
    'https://localhost/x',
    'https://api.localhost/x',
    'https://127.0.0.1/x',
    'https://2130706433/x',
    'https://0x7f.0.0.1/x',
    'https://0.0.0.0/x',
    'https://10.1.2.3/x',
    'https://172.16.0.1/x',
    'https://192.168.1.1/x',
    'https://100.64.0.1/x',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/x',
    'https://[::]/x',
    'https://[::ffff:127.0.0.1]/x',
    'https://[::ffff:10.0.0.1]/x',
    'https://[64:ff9b::a9fe:a9fe]/x',
    'https://[2002:a9fe:a9fe::1]/x',
    'https://[fe80::1]/x',
    'https://[fc00::1]/x',
    'https://[fd00:ec2::254]/x',
    'https://[ff02::1]/x',
    'https://metadata.google.internal/computeMetadata/v1/',
    'https://metadata/x',
    'https://printer.local/x',
    'https://intranet/x',
    'https://user:secret@hooks.example.com/x',
    'not a url',
    `https://hooks.example.com/${'a'.repeat(2048)}`,
  ])('production refuses %s', (url) => {
    expect(checkWebhookUrl(url, 'production')).toMatchObject({ ok: false, reason: expect.stringMatching(/^The URL /) });
  });

  it.each([
    'https://hooks.example.com/x',
    'https://8.8.8.8/x',
    'https://[2606:4700:4700::1111]/x',
    'https://hooks.example.com:8443/x',
  ])('production accepts %s', (url) => {
    expect(checkWebhookUrl(url, 'production').ok).toBe(true);
  });

  it('development allows plain http and loopback receivers, nothing more', () => {
    for (const url of [
      'http://127.0.0.1:8787/hook',
      'http://localhost:3000/hook',
      'http://[::1]:3000/',
      'http://hooks.example.com/',
    ]) {
      expect(checkWebhookUrl(url, 'development').ok, url).toBe(true);
    }
    for (const url of ['http://10.0.0.1/', 'https://169.254.169.254/', 'ftp://hooks.example.com/']) {
      expect(checkWebhookUrl(url, 'development').ok, url).toBe(false);
    }
    expect(checkWebhookUrl('http://127.0.0.1/', 'staging').ok).toBe(false);
  });
});
