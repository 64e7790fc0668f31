/** The canonical spelling of an IPv6 address (WHATWG URL serialisation: lower-case hex, `::`), or null. */
function parseIpv6(ip: string): string | null {
  // Only address characters: anything else (`]`, `/`, a zone id) could make a different URL parse.
  if (!/^[0-9a-fA-F:.]+$/.test(ip)) return null;
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

/** One spelling per IPv6 address (`2001:DB8:0::1` and `2001:db8::1` are the same); anything else as it is. */
export function canonicalIp(ip: string): string {
  return ip.includes(':') ? (parseIpv6(ip) ?? ip) : ip;
}

/** The eight 16-bit groups of a canonical IPv6 address (as canonicalIp writes it: hex, no dotted quad). */
export function ipv6Groups(canonical: string): number[] | null {
  const [head = '', tail, extra] = canonical.split('::');
  if (extra !== undefined) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = 8 - left.length - right.length;
  if (zeros < 0 || (tail === undefined && zeros !== 0)) return null;
  const groups = [...left, ...Array<number>(zeros).fill(0), ...right];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * The client an address stands for, as the key of a per-client limit. An IPv6 host usually holds a
 * whole /64 and can send each request from a new address in it, so an IPv6 address counts as its
 * /64; an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) counts as the IPv4 address. IPv4 addresses
 * and strings that are not IPv6 addresses are used as they are; no address at all is `unknown`.
 */
export function clientKeyOfAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  const canonical = address.includes(':') ? parseIpv6(address) : null;
  const groups = canonical === null ? null : ipv6Groups(canonical);
  if (!groups) return address;
  const hex = groups.map((g) => g.toString(16));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [a = 0, b = 0] = groups.slice(6);
    return [a >> 8, a & 0xff, b >> 8, b & 0xff].join('.');
  }
  return `${hex.slice(0, 4).join(':')}::/64`;
}

/** `ip` is an IPv4 address inside the IPv4 CIDR block `cidr` (`203.0.113.0/24`). */
export function inIpv4Cidr(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const toInt = (v: string) => v.split('.').reduce((acc, o) => (acc << 8) + Number(o), 0) >>> 0;
  if (!base || !/^\d+\.\d+\.\d+\.\d+$/.test(base) || !/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !(bits >= 0 && bits <= 32)) {
    return false;
  }
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(base) & mask) === (toInt(ip) & mask);
}
