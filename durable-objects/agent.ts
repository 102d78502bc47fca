// Agent: one per person who takes calls (staff or agent). Holds what must be exact under
// concurrency for that person: the abuse-shield counts of their numbers' callers (B3), and the
// open web app's sockets with the calls ringing for them (S14 popup) and their missed-call push.
// Contact-center presence (C2, C7: durable-objects/agent/presence.ts) runs its reducer on the lean
// host beside them, and tells the same sockets (`{type:'agent'}` messages).
import { DurableObject } from 'cloudflare:workers';
import { meterEnv, meterObject } from '../worker/metering';
import { countStorageWrite } from '../worker/metrics';
import type { Bindings } from '../worker/env';
import { countCall, shieldStateExpiresAt, type ShieldPolicy, type ShieldState, type ShieldVerdict } from '../worker/routing/shield';
import type { LiveCall, MissedNotice } from '../worker/calls/media-effects';
import { callerContact, missedSince, orgTimezone } from '../worker/db/notifications';
import { dbFor } from '../worker/db/scope';
import { instantsOf, localTime } from '../worker/routing/local-time';
import { formatNational } from '../worker/phone';
import { broadcast, callerView, LIVE_TAG, LiveCalls, type CallerView, type LiveCallView, type SocketAttachment } from './agent/live';
import { pushToUser, type PushReport } from './agent/push';
import { consoleView, Presence, unnamedCustomer, type AgentConsoleView, type OfferContext, type PresenceInput, type PresenceReport } from './agent/presence';
import type { AgentInput } from '../worker/contact-center/agent';
import { closeRevoked, SOCKET_SESSION_HEADER, type Revocation } from '../worker/auth/socket-revocation';

const SHIELD_PREFIX = 'shield:';
/** Forget callers whose state no longer matters, every this many counts. */
const SWEEP_EVERY = 200;

type StoredShield = { state: ShieldState; expiresAt: number };

/** Set by the worker's /api/live route (after it checked the session cookie) on the upgrade it forwards. */
export const LIVE_USER_HEADER = 'x-live-user';
export const LIVE_ORG_HEADER = 'x-live-org';

// Its public methods are what other workers call; within the class the private twins (#view,
// #liveCall, #missedCall) are called instead, so the bench's count of object requests
// (worker/metering.ts wraps the public methods) counts requests only.
export class Agent extends DurableObject<Bindings> {
  #counted = 0;
  #live: LiveCalls | undefined;
  #presenceHost: Presence | undefined;
  #broadcastPending = false;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, meterEnv(env));
    meterObject(this, env);
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
    const { verdict, state } = countCall(kv.get<StoredShield>(key)?.state ?? null, policy, at);
    const stored: StoredShield = { state, expiresAt: shieldStateExpiresAt(state, policy) };
    kv.put(key, stored);
    countStorageWrite(stored);
    if (++this.#counted % SWEEP_EVERY === 0) this.#sweep(at);
    return verdict;
  }

  #sweep(now: number) {
    const kv = this.ctx.storage.kv;
    for (const [key, value] of kv.list<StoredShield>({ prefix: SHIELD_PREFIX }))
      if (value.expiresAt < now) {
        kv.delete(key);
        countStorageWrite();
      }
  }

  // ── Live popup (S14): hibernatable WebSockets of the open web app ───────
  get #calls(): LiveCalls {
    this.#live ??= new LiveCalls(this.ctx.storage.kv);
    return this.#live;
  }

  /** The web app's socket: the worker checked the session and names the user in headers. */
  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get(LIVE_USER_HEADER);
    const orgId = request.headers.get(LIVE_ORG_HEADER);
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket' || !userId || !orgId) return new Response('Expected a WebSocket.', { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [LIVE_TAG]);
    const session = request.headers.get(SOCKET_SESSION_HEADER) ?? undefined;
    server.serializeAttachment({ userId, orgId, since: Date.now(), ...(session ? { session } : {}) } satisfies SocketAttachment);
    server.send(JSON.stringify({ type: 'calls', calls: this.#calls.list(Date.now()) }));
    const agent = this.#view();
    if (agent) server.send(JSON.stringify({ type: 'agent', agent }));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Clients only ping (answered by the auto-response); anything else is answered with the state.
    if (message !== 'ping') ws.send(JSON.stringify({ type: 'calls', calls: this.#calls.list(Date.now()) }));
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

  /** The person's authority changed (logout, password, disabled, role): close the sockets it covered. */
  async revokeSockets(userId: string, r: Revocation): Promise<number> {
    return closeRevoked(this.ctx.getWebSockets(LIVE_TAG), userId, r);
  }

  /** A call of this person changed (the safe-number flow's popup effect): tell every open tab. */
  async liveCall(orgId: string, userId: string, call: LiveCall): Promise<{ delivered: number }> {
    return this.#liveCall(orgId, userId, call);
  }

  async #liveCall(orgId: string, userId: string, call: LiveCall): Promise<{ delivered: number }> {
    const now = Date.now();
    const sockets = this.ctx.getWebSockets(LIVE_TAG);
    // The phonebook is read once per call, and only when someone is watching.
    let caller: CallerView | undefined = this.#calls.known(call.sessionId)?.caller;
    caller ??= callerView(call.caller, sockets.length ? await callerContact(dbFor(this.env, orgId), userId, call.caller) : undefined);
    const view: LiveCallView = { ...call, caller, updatedAt: now };
    if (!this.#calls.apply(view, now)) return { delivered: 0 };
    return { delivered: sockets.length ? broadcast(sockets, { type: 'call', call: view }) : 0 };
  }

  /** A call the owner is told about as missed has ended and is recorded: the popup closes and the push goes, one request. */
  async callEnded(orgId: string, userId: string, call: LiveCall, missed: MissedNotice): Promise<{ delivered: number; push: PushReport }> {
    const { delivered } = await this.#liveCall(orgId, userId, call);
    return { delivered, push: await this.#missedCall(orgId, userId, missed) };
  }

  // ── Missed-call push (S14) ────────────────────────────────────────────────
  /** A missed call or voicemail for this person: push to their devices with today's count. */
  async missedCall(orgId: string, userId: string, m: MissedNotice): Promise<PushReport> {
    return this.#missedCall(orgId, userId, m);
  }

  async #missedCall(orgId: string, userId: string, m: MissedNotice): Promise<PushReport> {
    const scope = dbFor(this.env, orgId);
    try {
      // Read only for a user with a device to tell; the day's timezone came with the call's routing.
      return await pushToUser(this.env, scope, userId, async () => {
        const tz = m.timezone ?? (await orgTimezone(scope));
        const day = localTime(tz, m.at).date;
        const since = instantsOf(tz, day, 0)[0] ?? m.at - 24 * 60 * 60 * 1000;
        const [contact, today] = await Promise.all([callerContact(scope, userId, m.caller), missedSince(scope, userId, since)]);
        let number = m.caller || '';
        if (number.startsWith('+')) number = formatNational(number);
        const who = contact ? `${contact.group ? `${contact.group} · ` : ''}${contact.name} (${number})` : number || '발신번호 없음';
        const voicemail = m.outcome === 'voicemail';
        return {
          title: voicemail ? '새 음성메시지' : '부재중 전화',
          body: `${who} · 오늘 부재중 ${today}건`,
          url: '/history',
          tag: 'missed-calls',
          count: today,
        };
      });
    } catch (err) {
      console.error(JSON.stringify({ msg: 'missed-call push failed', error: String((err as Error)?.name) }));
      return { sent: 0, removed: 0, failed: 1 };
    }
  }

  // ── Contact-center presence (C2, C5, C7) ──────────────────────────────────
  get #presence(): Presence {
    this.#presenceHost ??= new Presence(this.env, this.ctx, () => this.#scheduleBroadcast());
    return this.#presenceHost;
  }

  override async alarm(): Promise<void> {
    await this.#presence.host.alarm();
  }

  /** The console's view (null before the person ever used the contact center). */
  agentView(now = Date.now()): AgentConsoleView | null {
    return this.#view(now);
  }

  #view(now = Date.now()): AgentConsoleView | null {
    const doc = this.#presence.doc;
    return doc.orgId && doc.agent.userId ? consoleView(doc, now) : null;
  }

  /** Tells every open tab the agent's view, once per burst of changes. */
  #scheduleBroadcast() {
    if (this.#broadcastPending) return;
    this.#broadcastPending = true;
    setTimeout(() => {
      this.#broadcastPending = false;
      const sockets = this.ctx.getWebSockets(LIVE_TAG);
      const agent = this.#view();
      if (agent && sockets.length) broadcast(sockets, { type: 'agent', agent });
    }, 0);
  }

  /**
   * A presence input from the API (login, logout, state, forced state), a call (answered, started,
   * ended, declined, hold) or a queue (offer withdrawn or missed). Answers the reducer's error code
   * without changing anything, or the view once the change and its effects are done.
   */
  async presenceApply(
    orgId: string,
    userId: string,
    input: PresenceInput,
  ): Promise<{ ok: true; agent: AgentConsoleView | null } | { ok: false; code: string }> {
    const fresh = input.kind === 'login';
    if (!(await this.#presence.ensure(orgId, userId, fresh))) return { ok: false, code: 'not_found' };
    const r = await this.#presence.apply(input, { wait: true });
    if (r.ok) void this.#nameCustomer(orgId, userId);
    return r.ok ? { ok: true, agent: this.#view() } : r;
  }

  /**
   * Names the customer of the offer or call in hand from the agent's own phonebook (issue 17; the
   * phonebook is per person, there is no shared one). After the offer was answered, so the phone
   * rings without waiting for D1; the console gets the name with the next view.
   */
  async #nameCustomer(orgId: string, userId: string): Promise<void> {
    const customer = unnamedCustomer(this.#presence.doc);
    if (!customer) return;
    let name: string | null = null;
    try {
      name = (await callerContact(dbFor(this.env, orgId), userId, customer))?.name ?? null;
    } catch (err) {
      console.error(JSON.stringify({ msg: 'console customer name failed', userId, error: String((err as Error)?.name) }));
    }
    await this.#presence.apply({ kind: 'customer_named', customer, name });
  }

  /**
   * A queue (or a transferring agent) offers a call. Answers whether the agent took the offer (state
   * ringing) and the phone to dial. Without a phone the offer is declined at once (break).
   */
  async offer(
    orgId: string,
    userId: string,
    input: Extract<AgentInput, { kind: 'offer' }>,
    context: OfferContext,
  ): Promise<{ accepted: boolean; mobile: string | null }> {
    if (!(await this.#presence.ensure(orgId, userId))) return { accepted: false, mobile: null };
    const r = await this.#presence.apply({ ...input, context } as PresenceInput, { wait: true });
    const taken = r.ok && this.#presence.doc.agent.offer?.offerId === input.offerId;
    const mobile = this.#presence.doc.profile?.mobile ?? null;
    if (taken && !mobile) {
      await this.#presence.apply({ kind: 'offer_declined', offerId: input.offerId }, { wait: true });
      return { accepted: false, mobile: null };
    }
    if (taken) void this.#nameCustomer(orgId, userId);
    return { accepted: taken, mobile: taken ? mobile : null };
  }

  /** The console's first paint: the view (offline for someone who never logged in); null = not this org's user. */
  async consoleSnapshot(orgId: string, userId: string): Promise<AgentConsoleView | null> {
    if (!(await this.#presence.ensure(orgId, userId))) return null;
    await this.#presence.host.settled();
    return this.#view();
  }

  /** What a queue setting itself up needs of a member (null before any presence). */
  async presenceReport(): Promise<PresenceReport | null> {
    return this.#presence.doc.orgId ? this.#presence.report() : null;
  }

  /** Reads the agent's phone, queues and policy from D1 again (after an admin changed them). */
  async refreshPresence(orgId: string, userId: string): Promise<boolean> {
    return this.#presence.ensure(orgId, userId, true);
  }
}
