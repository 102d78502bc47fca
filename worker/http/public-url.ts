// Addresses the carrier or the worker will fetch on someone's say-so (a queue's hold audio): https
// on a public host only. Private, loopback and link-local addresses (IPv4 in any spelling the URL
// parser accepts, IPv6 literals), local names and user:password@ are refused, so a setting cannot
// point a fetch at the cloud's metadata service or at something inside a network. Pure.

export type UrlVerdict = 'ok' | 'not_https' | 'private';

/** 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.0/24, 192.168/16, 198.18/15, 224/3 (multicast and reserved). */
function privateIpv4(host: string): boolean | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

/** IPv6 literals: only global unicast (2000::/3) is public; loopback, link-local, ULA, mapped IPv4 and the rest are not. */
function privateIpv6(host: string): boolean | null {
  if (!host.startsWith('[')) return null;
  const first = host.slice(1).split(':')[0] ?? '';
  if (first === '') return true; // ::1, ::, ::ffff:… (the URL parser compresses leading zeros)
  const n = Number.parseInt(first, 16);
  return !(n >= 0x2000 && n <= 0x3fff);
}

function localName(host: string): boolean {
  const h = host.replace(/\.$/, '');
  return !h.includes('.') || /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa)$/.test(h);
}

/** What an address given for the carrier or the worker to fetch comes to. */
export function publicHttpsUrl(s: string): UrlVerdict {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return 'not_https';
  }
  if (u.protocol !== 'https:' || u.hostname === '') return 'not_https';
  if (u.username !== '' || u.password !== '') return 'private';
  const host = u.hostname.toLowerCase();
  return (privateIpv6(host) ?? privateIpv4(host) ?? localName(host)) ? 'private' : 'ok';
}
