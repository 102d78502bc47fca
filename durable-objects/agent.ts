// Agent: one per person who takes calls (staff or agent). Holds what must be exact under
// concurrency for that person: the abuse-shield counts of their numbers' callers (B3), and the
// open web app's sockets with the calls ringing for them (S14 popup) and their missed-call push.
// Presence and the current call join it with the contact center.
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../worker/env';
import { countCall, shieldStateExpiresAt, type ShieldPolicy, type ShieldState, type ShieldVerdict } from '../worker/routing/shield';
import type { LiveCall } from '../worker/calls/media-effects';
import { callerContact, missedSince, orgTimezone } from '../worker/db/notifications';
import { dbFor } from '../worker/db/scope';
import { instantsOf, localTime } from '../worker/routing/local-time';
import { formatNational } from '../worker/phone';
import { broadcast, callerView, LIVE_TAG, LiveCalls, type CallerView, type LiveCallView, type SocketAttachment } from './agent/live';
import { pushToUser, type PushReport } from './agent/push';

const SHIELD_PREFIX = 'shield:';
/** Forget callers whose state no longer matters, every this many counts. */
const SWEEP_EVERY = 200;

type StoredShield = { state: ShieldState; expiresAt: number };

/** Set by the worker's /api/live route (after it checked the session cookie) on the upgrade it forwards. */
export const LIVE_USER_HEADER = 'x-live-user';
export const LIVE_ORG_HEADER = 'x-live-org';

export class Agent extends DurableObject<Bindings> {
  private counted = 0;
  private live: LiveCalls | undefined;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    // Keep-alive pings are answered by the runtime without waking a hibernating object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  async ping(): Promise<'ok'> {
    return 'ok';
  }

  // ── Abuse shield (B3) ────────────────────────────────────────────────────
  /**
   * Counts one call from `caller` to one of this person's numbers against the shield policy and
   * answers the verdict. Calls reach the object one at a time, so simultaneous calls count exactly.
   */
  async countCall(numberId: string, caller: string, policy: ShieldPolicy, at: number): Promise<ShieldVerdict> {
    const kv = this.ctx.storage.kv;
    const key = `${SHIELD_PREFIX}${numberId}:${caller}`;
    const stored = kv.get<StoredShield>(key);
    const { verdict, state } = countCall(stored?.state ?? null, policy, at);
    kv.put(key, { state, expiresAt: shieldStateExpiresAt(state, policy) } satisfies StoredShield);
    if (++this.counted % SWEEP_EVERY === 0) this.sweep(at);
    return verdict;
  }

  private sweep(now: number) {
    const kv = this.ctx.storage.kv;
    for (const [key, value] of kv.list<StoredShield>({ prefix: SHIELD_PREFIX })) if (value.expiresAt < now) kv.delete(key);
  }

  // ── Live popup (S14): hibernatable WebSockets of the open web app ───────
  private get calls(): LiveCalls {
    this.live ??= new LiveCalls(this.ctx.storage.kv);
    return this.live;
  }

  /** The web app's socket: the worker checked the session and names the user in headers. */
  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get(LIVE_USER_HEADER);
    const orgId = request.headers.get(LIVE_ORG_HEADER);
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket' || !userId || !orgId) return new Response('Expected a WebSocket.', { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [LIVE_TAG]);
    server.serializeAttachment({ userId, orgId, since: Date.now() } satisfies SocketAttachment);
    server.send(JSON.stringify({ type: 'calls', calls: this.calls.list(Date.now()) }));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Clients only ping (answered by the auto-response); anything else is answered with the state.
    if (message !== 'ping') ws.send(JSON.stringify({ type: 'calls', calls: this.calls.list(Date.now()) }));
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    try {
      ws.close(1011, 'error');
    } catch {
      // already closed
    }
  }

  /** A call of this person changed (the safe-number flow's popup effect): tell every open tab. */
  async liveCall(orgId: string, userId: string, call: LiveCall): Promise<{ delivered: number }> {
    const now = Date.now();
    const sockets = this.ctx.getWebSockets(LIVE_TAG);
    // The phonebook is read once per call, and only when someone is watching.
    let caller: CallerView | undefined = this.calls.known(call.sessionId)?.caller;
    caller ??= callerView(call.caller, sockets.length ? await callerContact(dbFor(this.env, orgId), userId, call.caller) : undefined);
    const view: LiveCallView = { ...call, caller, updatedAt: now };
    if (!this.calls.apply(view, now)) return { delivered: 0 };
    return { delivered: sockets.length ? broadcast(sockets, { type: 'call', call: view }) : 0 };
  }

  // ── Missed-call push (S14) ────────────────────────────────────────────────
  /** A missed call or voicemail for this person: push to their devices with today's count. */
  async missedCall(orgId: string, userId: string, m: { callSessionId: string; caller: string; outcome: string; at: number }): Promise<PushReport> {
    const scope = dbFor(this.env, orgId);
    try {
      const tz = await orgTimezone(scope);
      const day = localTime(tz, m.at).date;
      const since = instantsOf(tz, day, 0)[0] ?? m.at - 24 * 60 * 60 * 1000;
      const [contact, today] = await Promise.all([callerContact(scope, userId, m.caller), missedSince(scope, userId, since)]);
      let number = m.caller || '';
      if (number.startsWith('+')) number = formatNational(number);
      const who = contact ? `${contact.group ? `${contact.group} · ` : ''}${contact.name} (${number})` : number || '발신번호 없음';
      const voicemail = m.outcome === 'voicemail';
      return await pushToUser(this.env, scope, userId, {
        title: voicemail ? '새 음성메시지' : '부재중 전화',
        body: `${who} · 오늘 부재중 ${today}건`,
        url: '/history',
        tag: 'missed-calls',
        count: today,
      });
    } catch (err) {
      console.error(JSON.stringify({ msg: 'missed-call push failed', error: String((err as Error)?.name) }));
      return { sent: 0, removed: 0, failed: 1 };
    }
  }
}
