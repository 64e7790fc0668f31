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

/** The 16 bytes of an IPv6 address or the 4 of an IPv4 address; an IPv4-mapped IPv6 address is its IPv4. */
function addressBytes(ip: string): number[] | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
    const octets = ip.split('.').map(Number);
    return octets.every((o) => o <= 255) ? octets : null;
  }
  const canonical = ip.includes(':') ? parseIpv6(ip) : null;
  const groups = canonical === null ? null : ipv6Groups(canonical);
  if (!groups) return null;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return groups.slice(6).flatMap((g) => [g >> 8, g & 0xff]);
  }
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

/** An allowlist entry: an address (a range of its full length) or a CIDR range of either family. */
export type IpRange = { bytes: number[]; bits: number };

/**
 * `203.0.113.7`, `198.51.100.0/24`, `2001:db8::1` or `2001:db8::/32` as a range, or null for anything
 * else (a prefix longer than the family allows, host bits are allowed: `2001:db8::1/32` is the /32).
 */
export function parseIpRange(entry: string): IpRange | null {
  const slash = entry.indexOf('/');
  const bytes = addressBytes(slash < 0 ? entry : entry.slice(0, slash));
  if (!bytes) return null;
  if (slash < 0) return { bytes, bits: bytes.length * 8 };
  const bitsText = entry.slice(slash + 1);
  const bits = Number(bitsText);
  if (!/^\d{1,3}$/.test(bitsText) || bits > bytes.length * 8) return null;
  return { bytes, bits };
}

/** `ip` lies in `range`: same family (an IPv4-mapped IPv6 address is IPv4) and the first `bits` bits equal. */
export function inIpRange(range: IpRange, ip: string): boolean {
  const bytes = addressBytes(ip);
  if (!bytes || bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.bits; bit += 8) {
    const take = Math.min(8, range.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const i = bit / 8;
    if (((bytes[i] ?? 0) & mask) !== ((range.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

/**
 * Whether an allowlist lets `ip` in: an empty list lets everyone in, a missing address no one (a
 * restricted credential must not work where the client address is unknown). Entries that do not parse
 * match nothing (they are refused when written; this only guards rows written before that).
 */
export function ipAllowed(allowed: readonly string[], ip: string | undefined): boolean {
  if (allowed.length === 0) return true;
  if (!ip) return false;
  return allowed.some((entry) => {
    const range = parseIpRange(entry);
    return range !== null && inIpRange(range, ip);
  });
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
