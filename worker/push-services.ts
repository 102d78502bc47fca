// Where a push subscription may point (issue 19 §5): the browsers' push services, named here once,
// so a subscription is no way to make the worker POST to any address after a missed call. With the
// carrier simulator on (local runs and tests, never production), the test receivers are allowed
// too: an https `*.invalid` host (delivered to the simulator's push sink in-process) and a plain
// http endpoint on this machine (the browser suite's receiver). Pure: the API and the Agent share it.

/** Hosts of the push services of Chrome/Edge/Samsung (FCM), Firefox (autopush), Edge legacy (WNS) and Safari (APNs web push). */
export const PUSH_SERVICE_HOSTS: readonly string[] = [
  'fcm.googleapis.com',
  'android.googleapis.com',
  'updates.push.services.mozilla.com',
  '*.push.services.mozilla.com',
  '*.notify.windows.com',
  'web.push.apple.com',
  '*.push.apple.com',
];

export type PushEndpoint =
  /** A browser's push service: posted to over https. */
  | { kind: 'service'; url: URL }
  /** A test endpoint the simulator receives in-process. */
  | { kind: 'simulator'; url: URL }
  /** The browser suite's local receiver (http on this machine). */
  | { kind: 'local'; url: URL };

function hostMatches(host: string, pattern: string): boolean {
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern;
}

/** What a subscription's endpoint is, or null when the worker must never post to it. */
export function pushEndpoint(raw: string, simulator: boolean): PushEndpoint | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'https:' && !url.port && PUSH_SERVICE_HOSTS.some((p) => hostMatches(host, p))) return { kind: 'service', url };
  if (!simulator) return null;
  if (url.protocol === 'https:' && host.endsWith('.invalid')) return { kind: 'simulator', url };
  if (url.protocol === 'http:' && (host === '127.0.0.1' || host === 'localhost')) return { kind: 'local', url };
  return null;
}
