// The client_state codec: base64 JSON carrying our session id and the leg's role, so every event
// finds its CallSession even before that leg's call.initiated has been seen.
import * as v from 'valibot';

export const LEG_ROLES = ['caller', 'callee'] as const;
export type LegRole = (typeof LEG_ROLES)[number];

export type ClientState = { sessionId: string; role: LegRole };

const Wire = v.object({ s: v.pipe(v.string(), v.minLength(1), v.maxLength(200)), r: v.picklist(LEG_ROLES) });

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(b64: string): string {
  const bin = atob(b64);
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export function encodeClientState(cs: ClientState): string {
  return toBase64(JSON.stringify({ s: cs.sessionId, r: cs.role }));
}

/** Null for anything that is not ours (absent, foreign, or malformed): routing then falls back. */
export function decodeClientState(raw: string | null | undefined): ClientState | null {
  if (!raw || raw.length > 1000) return null;
  try {
    const parsed = v.safeParse(Wire, JSON.parse(fromBase64(raw)));
    return parsed.success ? { sessionId: parsed.output.s, role: parsed.output.r } : null;
  } catch {
    return null;
  }
}
