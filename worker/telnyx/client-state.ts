// The client_state codec: base64 JSON carrying our session id and the leg's role, so every event
// finds its CallSession (and its flow knows the leg) even before that leg's call.initiated is seen.
import type { LegRole } from '../calls/vocabulary';

export type ClientState = { sessionId: string; role: LegRole };

const ROLE = /^[a-z][a-z0-9_:.-]{0,63}$/;

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
    const w = JSON.parse(fromBase64(raw)) as { s?: unknown; r?: unknown } | null;
    if (!w || typeof w.s !== 'string' || w.s.length < 1 || w.s.length > 200 || typeof w.r !== 'string' || !ROLE.test(w.r)) return null;
    return { sessionId: w.s, role: w.r };
  } catch {
    return null;
  }
}
