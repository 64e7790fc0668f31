import { describe, expect, it } from 'vitest';
import { canonicalIp, clientKeyOfAddress } from '../../src/lib/ip';

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
