// Queue: one per contact-center queue (C3, C4, C12, C13, B5). The pure `reduceQueue` on the lean
// host (waiting callers in order, ready agents with idle-since, offers as self-expiring leases,
// announcements, overflow, today's counters), configured from D1 with its members' presence from
// their Agent objects, wired to the Agent objects and the calls' sessions as
// docs/contact-center-live.md says, and the dashboards' hibernatable WebSockets.
//
// This file is the object and its RPCs; queue/ holds the rest: state.ts (the document around the
// reducer, the dashboard view), effects.ts (what the reducer's effects do), sockets.ts (dashboards).
import { DurableObject } from 'cloudflare:workers';
import { meterEnv, meterObject } from '../worker/metering';
import type { QueueCallInfo } from '../worker/calls/queue/effects';
import type { PresenceState } from '../worker/contact-center/agent';
import type { QueueEffect } from '../worker/contact-center/queue';
import { insertCallback, newCallbackId, queueInfo, withdrawCallback } from '../worker/db/cc-live';
import { loadQueueConfig } from '../worker/db/contact-center-config';
import { dbFor } from '../worker/db/scope';
import type { Bindings } from '../worker/env';
import { defined } from '../worker/defined';
import { outbound } from '../worker/outbound';
import { mayDial } from '../worker/destinations';
import type { PresenceReport } from './agent/presence';
import { closeRevoked, SOCKET_SESSION_HEADER, SOCKET_USER_HEADER, type Revocation, type SocketOwner } from '../worker/auth/socket-revocation';
import { StepHost } from './host';
import { emptyQueueDoc, liveView, reduceQueueDoc, type QueueDoc, type QueueDoInput, type QueueLiveView } from './queue/state';
import { runQueueEffect } from './queue/effects';
import { Broadcaster, QUEUE_SOCKET_TAG, viewMessage } from './queue/sockets';
import { agentObject } from './stubs';

export { QUEUE_SOCKET_TAG };
/** Settings and members are read from D1 again after this long (`refresh` does it at once). */
const CONFIG_TTL_MS = 5 * 60_000;

export class Queue extends DurableObject<Bindings> {
  readonly #host: StepHost<QueueDoc, QueueDoInput, QueueEffect>;
  readonly #broadcast: Broadcaster;
  #loading: Promise<boolean> | null = null;
  #rearmed = false;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, meterEnv(env));
    meterObject(this, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
    this.#broadcast = new Broadcaster(ctx, () => this.#host.current.state);
    this.#host = new StepHost<QueueDoc, QueueDoInput, QueueEffect>(ctx, {
      init: emptyQueueDoc,
      reduce: (s, input, now) => {
        const r = reduceQueueDoc(s, input, now);
        if (r.doc !== s) this.#broadcast.schedule();
        return { state: r.doc, jobs: r.jobs, timers: r.timers };
      },
      run: (job) => runQueueEffect(this.env, this.#host.current.state, job),
      timerInput: (name) => ({ kind: 'timer', name }),
      label: (s) => s.queueId ?? 'queue',
    });
  }

  async ping(): Promise<'ok'> {
    return 'ok';
  }

  override async alarm(): Promise<void> {
    await this.#host.alarm();
  }

  // ── configuration ─────────────────────────────────────────────────────────
  /** Ready to act for this org's queue: loaded from D1 (when missing or stale) and timers armed. */
  async #ensure(orgId: string, queueId: string, force = false): Promise<boolean> {
    const doc = this.#host.current.state;
    if (doc.orgId && doc.orgId !== orgId) return false;
    if (!this.#rearmed && doc.q) {
      this.#rearmed = true;
      this.#host.submit({ kind: 'rearm' }, null);
    }
    if (!force && doc.q && Date.now() - doc.loadedAt < CONFIG_TTL_MS) return true;
    this.#loading ??= this.#load(orgId, queueId).finally(() => (this.#loading = null));
    return this.#loading;
  }

  async #load(orgId: string, queueId: string): Promise<boolean> {
    const scope = dbFor(this.env, orgId);
    const [configured, info] = await Promise.all([loadQueueConfig(scope, queueId), queueInfo(scope, queueId)]);
    if (!configured || !info) return false;
    const known = this.#host.current.state.q?.members ?? {};
    // Members this object has not heard from yet: ask their Agent objects where they stand.
    const members = await Promise.all(
      configured.members.map(async (m) => {
        if (known[m.userId]) return m;
        const r = await agentObject(this.env, m.userId)
          .presenceReport()
          .catch(() => null);
        return r ? { ...m, presence: r.state, since: r.since, idleSince: r.idleSince } : m;
      }),
    );
    this.#host.submit({ kind: 'setup', orgId, queueId, info, config: configured.config, members, at: Date.now() }, null);
    return true;
  }

  /** Reads settings, members and pending callbacks from D1 again (after an admin changed them). */
  async refresh(orgId: string, queueId: string): Promise<boolean> {
    return this.#ensure(orgId, queueId, true);
  }

  // ── RPCs from calls, agents and the API ───────────────────────────────────
  /** What a caller's call needs to know of the queue (queue flow `info`). */
  async info(orgId: string, queueId: string): Promise<QueueCallInfo | null> {
    if (!(await this.#ensure(orgId, queueId))) return null;
    const d = this.#host.current.state;
    const q = defined(d.q, 'q');
    const info = defined(d.info, 'info');
    const owner = info.members.find((m) => m.role === 'supervisor') ?? info.members[0];
    return {
      name: info.name,
      greeting: info.greeting,
      holdAudioUrl: info.holdAudioUrl ?? builtInHoldAudio(this.env),
      ringTimeoutSeconds: q.config.ringTimeoutSeconds,
      overflow: q.config.overflow,
      voicemailOwner: q.config.overflow === 'voicemail' ? (owner?.userId ?? null) : null,
    };
  }

  async join(orgId: string, queueId: string, callSessionId: string, caller: string, priority: number): Promise<{ joinedAt: number }> {
    if (!(await this.#ensure(orgId, queueId))) throw new Error('no such queue');
    const at = Date.now();
    this.#host.submit({ kind: 'caller_joined', callSessionId, priority, caller } as QueueDoInput, `join:${callSessionId}`, at);
    return { joinedAt: at };
  }

  async leave(orgId: string, queueId: string, callSessionId: string): Promise<void> {
    if (!(await this.#ensure(orgId, queueId))) return;
    this.#host.submit({ kind: 'caller_left', callSessionId }, `leave:${callSessionId}`);
  }

  /**
   * C4: the caller asked for a callback. Stored in D1 first (so the request is never only in memory),
   * then put at the caller's place in line; after an overflow (`joinedAt`), added at the original place.
   */
  async requestCallback(
    orgId: string,
    queueId: string,
    callSessionId: string,
    number: string,
    joinedAt: number | null,
  ): Promise<{ callbackId: string } | null> {
    // A number the destination policy never calls out to (international, premium, 050…) gets no
    // callback: the caller hears that it failed and keeps waiting, rather than an agent being rung for nothing.
    if (!mayDial(number, 'outbound')) return null;
    if (!(await this.#ensure(orgId, queueId))) return null;
    const scope = dbFor(this.env, orgId);
    const doc = this.#host.current.state;
    const inLine = doc.q?.waiting.some((w) => w.id === callSessionId && w.kind === 'call') ?? false;
    if (joinedAt === null && !inLine) return null;
    const callbackId = newCallbackId();
    const requestedAt =
      joinedAt ??
      defined(
        doc.q?.waiting.find((w) => w.id === callSessionId),
        'caller in line',
      ).joinedAt;
    await insertCallback(scope, { id: callbackId, queueId, number, requestedAt });
    const now = this.#host.current.state;
    if (joinedAt === null && !now.q?.waiting.some((w) => w.id === callSessionId)) {
      // Answered (or gone) while the request was being stored: it is not needed any more.
      await withdrawCallback(scope, callbackId, Date.now());
      return null;
    }
    const input: QueueDoInput =
      joinedAt === null
        ? { kind: 'callback_requested', callSessionId, callbackId }
        : ({ kind: 'callback_added', callbackId, queuedAt: joinedAt, caller: number } as QueueDoInput);
    this.#host.submit(input, `callback:${callSessionId}`);
    return { callbackId };
  }

  /** A callback request back into the line (its customer was not reached), or added by the list screens. */
  async callbackAdded(orgId: string, queueId: string, callbackId: string, queuedAt: number, number: string): Promise<void> {
    if (!(await this.#ensure(orgId, queueId))) return;
    this.#host.submit({ kind: 'callback_added', callbackId, queuedAt, caller: number } as QueueDoInput, null);
  }

  /** A callback done, deleted or dialled from the list: it leaves the line (for the callback-list routes). */
  async callbackRemoved(orgId: string, queueId: string, callbackId: string): Promise<void> {
    if (!(await this.#ensure(orgId, queueId))) return;
    this.#host.submit({ kind: 'callback_removed', callbackId }, null);
  }

  async answered(orgId: string, queueId: string, offerId: string): Promise<void> {
    if (!(await this.#ensure(orgId, queueId))) return;
    this.#host.submit({ kind: 'offer_answered', offerId }, `answered:${offerId}`);
  }

  async declined(orgId: string, queueId: string, offerId: string, reason: 'declined' | 'missed' | 'forced' | 'not_ready' | 'expired'): Promise<void> {
    if (!(await this.#ensure(orgId, queueId))) return;
    this.#host.submit({ kind: 'offer_declined', offerId, reason }, null);
  }

  /** An agent's presence report (the Agent object's `presence` effect). */
  async presence(orgId: string, queueId: string, r: PresenceReport): Promise<void> {
    if (!(await this.#ensure(orgId, queueId))) return;
    const input: QueueDoInput =
      r.state === 'ready'
        ? ({
            kind: 'agent_ready',
            userId: r.userId,
            since: r.since,
            idleSince: r.idleSince ?? r.since,
            seenOfferSeq: r.seenOfferSeq,
            reason: r.reason,
          } as QueueDoInput)
        : ({
            kind: 'agent_unavailable',
            userId: r.userId,
            since: r.since,
            presence: r.state as Exclude<PresenceState, 'ready'>,
            seenOfferSeq: r.seenOfferSeq,
            reason: r.reason,
          } as QueueDoInput);
    this.#host.submit(input, null);
  }

  async handled(orgId: string, queueId: string, handleMs: number): Promise<void> {
    if (!(await this.#ensure(orgId, queueId))) return;
    this.#host.submit({ kind: 'handled', handleMs }, null);
  }

  /** The dashboard's view (null: not this org's queue). */
  async view(orgId: string, queueId: string): Promise<QueueLiveView | null> {
    if (!(await this.#ensure(orgId, queueId))) return null;
    return liveView(this.#host.current.state, Date.now());
  }

  /** Tests and operators: the reducer's state and the host's timers. */
  async inspect() {
    const d = this.#host.current;
    return { state: d.state.q, timers: d.timers, pending: d.inbox.length + d.outbox.length, offerSessions: d.state.offerSessions };
  }

  /** Resolves when the queue has nothing in flight. */
  async settle(): Promise<void> {
    await this.#host.settled();
  }

  // ── the dashboards' sockets ───────────────────────────────────────────────
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return new Response('Expected a WebSocket.', { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [QUEUE_SOCKET_TAG]);
    const userId = request.headers.get(SOCKET_USER_HEADER);
    const session = request.headers.get(SOCKET_SESSION_HEADER);
    if (userId) server.serializeAttachment({ userId, ...(session ? { session } : {}) } satisfies SocketOwner);
    const text = viewMessage(this.#host.current.state, Date.now());
    if (text) server.send(text);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** A watcher's authority changed (logout, password, disabled, role): close their dashboards. */
  async revokeSockets(userId: string, r: Revocation): Promise<number> {
    return closeRevoked(this.ctx.getWebSockets(QUEUE_SOCKET_TAG), userId, r);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === 'ping') return;
    const text = viewMessage(this.#host.current.state, Date.now());
    if (text) ws.send(text);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }
}

/** The built-in hold tone where the queue has no audio of its own: HOLD_AUDIO_URL, else the outbound port's (the simulator's tone locally). */
export function builtInHoldAudio(env: Bindings): string | null {
  if (env.HOLD_AUDIO_URL) return env.HOLD_AUDIO_URL;
  return outbound(env).holdAudio(env);
}
