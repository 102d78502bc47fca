// The live popup (S14) on the Agent object: the open web app's WebSockets (hibernatable: an idle
// socket costs nothing and the object may sleep), the calls ringing or up for this person, and
// what each message says. The socket speaks JSON: the server sends {type:'calls'} on connect and
// {type:'call'} on every change; a client's "ping" is answered "pong" without waking the object.
import { countStorageWrite } from '../../worker/metrics';
import { formatNational } from '../../worker/phone';
import type { LiveCall } from '../../worker/calls/media-effects';

export const LIVE_TAG = 'live';
const LIVE_PREFIX = 'live:';
/** Calls that ended lately: a late update for one of them is ignored. */
const ENDED_PREFIX = 'liveend:';
/** A call the carrier never finished telling us about is forgotten after this long. */
const LIVE_MAX_MS = 4 * 60 * 60 * 1000;

/** The caller as the popup shows them: phonebook name and group when known, else the number alone. */
export type CallerView = { number: string; national: string | null; name: string | null; group: string | null };

export type LiveCallView = Omit<LiveCall, 'caller'> & { caller: CallerView; updatedAt: number };

export type ServerMessage =
  | { type: 'calls'; calls: LiveCallView[] }
  | { type: 'call'; call: LiveCallView }
  /** Contact-center presence (docs/contact-center-live.md): the agent's full view at every change. */
  | { type: 'agent'; agent: unknown };

/** Who opened a socket, with the session it was opened with (worker/auth/socket-revocation.ts). */
export type SocketAttachment = { userId: string; orgId: string; since: number; session?: string };

export function callerView(number: string, contact: { name: string; group: string | null } | undefined): CallerView {
  let national: string | null = null;
  if (number.startsWith('+')) {
    try {
      national = formatNational(number);
    } catch {
      national = null;
    }
  }
  return { number, national, name: contact?.name ?? null, group: contact?.group ?? null };
}

type Stored = { view: LiveCallView; expiresAt: number };

/** The calls still ringing or up, kept so a tab opened (or reconnected) mid-call shows them. */
export class LiveCalls {
  constructor(private readonly kv: SyncKvStorage) {}

  list(now: number): LiveCallView[] {
    const out: LiveCallView[] = [];
    for (const [key, value] of this.kv.list<Stored>({ prefix: LIVE_PREFIX })) {
      if (value.expiresAt < now) {
        this.kv.delete(key);
        countStorageWrite();
      } else out.push(value.view);
    }
    return out.sort((a, b) => a.startedAt - b.startedAt);
  }

  known(sessionId: string): LiveCallView | undefined {
    return this.kv.get<Stored>(LIVE_PREFIX + sessionId)?.view;
  }

  /** Applies an update; a late one (an older state after `ended`) never brings a call back. */
  apply(view: LiveCallView, now: number): boolean {
    const key = LIVE_PREFIX + view.sessionId;
    if (view.state === 'ended') {
      const ended: Stored = { view, expiresAt: now + 60_000 };
      this.kv.delete(key);
      this.kv.put(ENDED_PREFIX + view.sessionId, ended);
      countStorageWrite();
      countStorageWrite(ended);
      return true;
    }
    if (this.kv.get(ENDED_PREFIX + view.sessionId)) return false;
    const live: Stored = { view, expiresAt: now + LIVE_MAX_MS };
    this.kv.put(key, live);
    countStorageWrite(live);
    return true;
  }
}

/** Sends to every open socket of this person (all tabs and devices); a broken one is closed. */
export function broadcast(sockets: WebSocket[], message: ServerMessage): number {
  const text = JSON.stringify(message);
  let sent = 0;
  for (const ws of sockets) {
    try {
      ws.send(text);
      sent++;
    } catch {
      try {
        ws.close(1011, 'send failed');
      } catch {
        // already gone
      }
    }
  }
  return sent;
}
