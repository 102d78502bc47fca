// Where a recording may be copied from (P5): only the carrier's hosts named in RECORDING_HOSTS, over
// https; the carrier simulator's own base (http://…/_sim, http://*.invalid, or a simulator on a loopback
// host: the soak's Node carrier) only while it is on.
// Pure: the caller passes the configuration.

export type SourcePolicy = {
  /** RECORDING_HOSTS: comma-separated host names (exact, case-insensitive; `*.example.com` for subdomains). */
  hosts: string;
  /** CARRIER_SIMULATOR is on, and TELNYX_API_BASE is the simulator's base. */
  simulatorBase: string | null;
};

export type SourceVerdict = { ok: true; viaSimulator: boolean; url: URL } | { ok: false; reason: 'url' | 'scheme' | 'host' };

export function parseHosts(hosts: string): string[] {
  return hosts
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

function hostAllowed(host: string, allowed: string[]): boolean {
  return allowed.some((a) => (a.startsWith('*.') ? host.endsWith(a.slice(1)) && host.length > a.length - 1 : host === a));
}

export function recordingSource(raw: string, policy: SourcePolicy): SourceVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'url' };
  }
  if (url.username || url.password) return { ok: false, reason: 'url' };
  if (policy.simulatorBase) {
    const base = policy.simulatorBase.replace(/\/+$/, '');
    if (raw.startsWith(`${base}/`)) return { ok: true, viaSimulator: true, url };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (url.port && url.port !== '443') return { ok: false, reason: 'host' };
  if (!hostAllowed(url.hostname.toLowerCase(), parseHosts(policy.hosts))) return { ok: false, reason: 'host' };
  return { ok: true, viaSimulator: false, url };
}
