import { inIpv4Cidr, ipv6Groups } from '../../lib/ip';

/**
 * Where a webhook may be sent (SSRF rules), checked when an endpoint is saved and again before every
 * attempt. Outside development: `https` only, no credentials in the URL, and no host that is, or is
 * named as, a loopback, private, link-local, CGNAT, multicast, reserved or cloud-metadata address.
 * A Worker cannot resolve DNS before it fetches, so a public name that resolves to a private address
 * is not caught here; Cloudflare's fetch from a Worker does not reach private networks or its own
 * metadata service, which is the backstop for that case (docs/operations.md).
 * In development, plain http and loopback hosts are allowed so a local receiver can be used.
 */
export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

export const MAX_URL_LENGTH = 2048;

const BLOCKED_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
];

const BLOCKED_NAMES = ['localhost', 'metadata', 'metadata.google.internal', 'instance-data'];
const BLOCKED_SUFFIXES = ['.localhost', '.internal', '.local', '.home.arpa', '.localdomain'];

export function checkWebhookUrl(raw: string, environment: string): UrlVerdict {
  const development = environment === 'development';
  if (raw.length > MAX_URL_LENGTH) return refuse(`is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('is not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(development && url.protocol === 'http:')) {
    return refuse(development ? 'must use https (or http in development)' : 'must use https');
  }
  if (url.username || url.password) return refuse('must not carry credentials');
  const host = url.hostname.toLowerCase().replace(/\.+$/, '');
  const loopback = isLoopback(host);
  if (development && loopback) return { ok: true, url };
  if (loopback || isBlockedName(host)) return refuse('must not point at this machine or a local network name');
  if (isIpv4(host) && BLOCKED_V4.some((cidr) => inIpv4Cidr(cidr, host))) {
    return refuse('must not point at a private, link-local, metadata or reserved address');
  }
  if (host.startsWith('[') && blockedIpv6(host.slice(1, -1))) {
    return refuse('must not point at a private, link-local, metadata or reserved address');
  }
  if (!host.startsWith('[') && !isIpv4(host) && !host.includes('.')) return refuse('must name a public host');
  return { ok: true, url };
}

function refuse(why: string): UrlVerdict {
  return { ok: false, reason: `The URL ${why}.` };
}

const isIpv4 = (host: string) => /^\d+\.\d+\.\d+\.\d+$/.test(host);

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIpv4(host)) return inIpv4Cidr('127.0.0.0/8', host);
  if (host === '[::1]') return true;
  const v4 = host.startsWith('[') ? embeddedIpv4(host.slice(1, -1)) : null;
  return v4 !== null && inIpv4Cidr('127.0.0.0/8', v4);
}

function isBlockedName(host: string): boolean {
  return BLOCKED_NAMES.includes(host) || BLOCKED_SUFFIXES.some((s) => host.endsWith(s));
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
function embeddedIpv4(ip: string): string | null {
  const g = ipv6Groups(ip);
  if (!g) return null;
  const quad = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  const [g0 = 0, g1 = 0, g2 = 0, , , g5 = 0, g6 = 0, g7 = 0] = g;
  if (g.slice(0, 5).every((x) => x === 0) && g5 === 0xffff) return quad(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return quad(g6, g7);
  if (g0 === 0x2002) return quad(g1, g2);
  return null;
}

function blockedIpv6(ip: string): boolean {
  const g = ipv6Groups(ip);
  if (!g) return true;
  const first = g[0] ?? 0;
  // Only global unicast (2000::/3) is reachable on purpose; everything else — unspecified, loopback,
  // IPv4-mapped and -translated (::ffff:0:0/96), NAT64 (64:ff9b::/96, 64:ff9b:1::/48), unique local,
  // site-local, link-local, multicast — is refused whatever it embeds.
  if ((first & 0xe000) !== 0x2000) return true;
  if (first === 0x2001 && (g[1] === 0x0db8 || g[1] === 0x0000)) return true; // documentation, Teredo
  const v4 = embeddedIpv4(ip);
  return v4 !== null && BLOCKED_V4.some((cidr) => inIpv4Cidr(cidr, v4));
}
