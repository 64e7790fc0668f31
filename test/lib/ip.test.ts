import { describe, expect, it } from 'vitest';
import { canonicalIp, clientKeyOfAddress, ipAllowed, parseIpRange } from '../../src/lib/ip';

describe('clientKeyOfAddress', () => {
  it('keeps an IPv4 address', () => {
    expect(clientKeyOfAddress('203.0.113.7')).toBe('203.0.113.7');
  });

  it('reduces an IPv6 address to its /64, whatever its spelling', () => {
    expect(clientKeyOfAddress('2001:db8:77:1::1')).toBe('2001:db8:77:1::/64');
    expect(clientKeyOfAddress('2001:DB8:0077:0001:ffff:1:2:3')).toBe('2001:db8:77:1::/64');
    expect(clientKeyOfAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKeyOfAddress('::1')).toBe('0:0:0:0::/64');
    expect(clientKeyOfAddress('2001:db8:77:2::1')).not.toBe(clientKeyOfAddress('2001:db8:77:1::1'));
  });

  it('takes an IPv4-mapped IPv6 address as the IPv4 address, in either spelling', () => {
    expect(clientKeyOfAddress('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(clientKeyOfAddress('::FFFF:198.51.100.200')).toBe('198.51.100.200');
    expect(clientKeyOfAddress('::ffff:c633:64c8')).toBe('198.51.100.200');
    expect(clientKeyOfAddress('0:0:0:0:0:ffff:0102:0304')).toBe('1.2.3.4');
  });

  it('uses anything that is not an address as it is', () => {
    for (const s of ['not an ip', '2001:db8::1::2', 'fe80::1%eth0', '[::1]', '::1]/x?[', '1.2.3.4.5', '12345::'])
      expect(clientKeyOfAddress(s)).toBe(s);
  });

  it('calls a missing address unknown', () => {
    expect(clientKeyOfAddress(undefined)).toBe('unknown');
    expect(clientKeyOfAddress('')).toBe('unknown');
  });
});

describe('canonicalIp', () => {
  it('spells an IPv6 address one way and leaves the rest alone', () => {
    expect(canonicalIp('2001:DB8:0::1')).toBe('2001:db8::1');
    expect(canonicalIp('203.0.113.7')).toBe('203.0.113.7');
    expect(canonicalIp('::1]/x?[')).toBe('::1]/x?[');
  });
});

describe('ipAllowed', () => {
  const list = ['203.0.113.7', '198.51.100.0/24', '2001:db8::/32', '2a05:d018::1'];

  it.each([
    '203.0.113.7',
    '198.51.100.254',
    '2001:db8::1',
    '2001:DB8:ffff:1::9',
    '2001:0db8:0000::abcd',
    '2a05:d018:0::1',
    '::ffff:198.51.100.9',
  ])('lets %s in', (ip) => {
    expect(ipAllowed(list, ip)).toBe(true);
  });

  it.each(['203.0.113.8', '198.51.101.1', '2001:db9::1', '2001:db7:ffff::1', '2a05:d018::2', '::ffff:203.0.113.8'])(
    'keeps %s out',
    (ip) => {
      expect(ipAllowed(list, ip)).toBe(false);
    },
  );

  it('keeps out a missing address and garbage, and lets anyone in with an empty list', () => {
    expect(ipAllowed(list, undefined)).toBe(false);
    expect(ipAllowed(list, 'not an ip')).toBe(false);
    expect(ipAllowed([], undefined)).toBe(true);
  });

  it('matches prefixes that are not whole bytes', () => {
    expect(ipAllowed(['2001:db8:8000::/33'], '2001:db8:8fff::1')).toBe(true);
    expect(ipAllowed(['2001:db8:8000::/33'], '2001:db8:7fff::1')).toBe(false);
    expect(ipAllowed(['10.0.0.0/9'], '10.127.0.1')).toBe(true);
    expect(ipAllowed(['10.0.0.0/9'], '10.128.0.1')).toBe(false);
    expect(ipAllowed(['::/0'], '2001:db8::1')).toBe(true);
    expect(ipAllowed(['::/0'], '192.0.2.1')).toBe(false);
  });
});

describe('parseIpRange', () => {
  it.each(['2001:db8::/32', '2001:db8::1', '198.51.100.0/24', '0.0.0.0/0', '::/0', '2001:db8::/128'])(
    'reads %s',
    (entry) => {
      expect(parseIpRange(entry)).not.toBeNull();
    },
  );

  it.each([
    '2001:db8::/129',
    '10.0.0.0/33',
    '10.0.0.256',
    '2001:db8::/x',
    '2001:db8::/',
    'fe80::1%eth0',
    'example.com',
    '',
  ])('refuses %s', (entry) => {
    expect(parseIpRange(entry)).toBeNull();
  });
});
