// Agent presence (C2, C7) on the Agent object: the pure `reduceAgent` on the lean host (StepHost,
// its document under the host's own key, apart from the shield's `shield:*` and the popup's `live:*`
// keys), the agent's phone, name and queues from D1, what the console shows of an offer and a call,
// and the effects: state history and wrap-ups in D1, presence reports to every queue of the agent,
// refusals and releases back to the offering queue, after-call work on the call record.
import type { AgentView } from '../../contract/cc-live';
import {
  afterCallPolicy,
  agentView,
  initialAgentState,
  reduceAgent,
  type AgentEffect,
  type AgentInput,
  type AgentState,
} from '../../worker/contact-center/agent';
import type { CallContext } from '../../worker/calls/queue/effects';
import { recordAgentState, setCallAcw } from '../../worker/db/agent-states';
import { agentProfile, saveWrapUp, type AgentProfile } from '../../worker/db/cc-live';
import { loadAgentConfig } from '../../worker/db/contact-center-config';
import { dbFor } from '../../worker/db/scope';
import type { Bindings } from '../../worker/env';
import { formatNational } from '../../worker/phone';
import { localTime } from '../../worker/routing/local-time';
import { StepHost } from '../host';
import { defined } from '../../worker/defined';
import { queueObject } from '../stubs';

/** What the console shows of an offer beside the reducer's (incoming-call screen, C8). */
export type OfferContext = {
  offerId: string;
  kind: 'call' | 'callback' | 'transfer';
  queueName: string | null;
  customer: string | null;
  waitingSince: number | null;
  /** The agent's own phonebook name for the customer (issue 17), set after the offer was taken; undefined = not looked up yet. */
  customerName?: string | null;
};

export type PresenceDoc = {
  orgId: string | null;
  agent: AgentState;
  profile: AgentProfile | null;
  loadedAt: number;
  offer: OfferContext | null;
  call: (CallContext & { callSessionId: string; customerName?: string | null }) | null;
  /**
   * Talk time of recent calls, for the queue's handle time once their ACW ends; `outbound` marks a
   * call the agent made, which no statistics rollup counts (so its ACW rebuilds none).
   */
  talk: Record<string, { talkMs: number; queueId: string | null; outbound?: true }>;
  today: { date: string; answered: number; outbound: number; talkMs: number; missedOffers: number };
};

export type PresenceInput =
  | AgentInput
  | { kind: 'setup'; orgId: string; profile: AgentProfile; config: AgentState['config']; at: number }
  | { kind: 'call_update'; callSessionId: string; held: boolean }
  /** The agent's phonebook named (or did not name: null) the customer of the offer or call in hand (issue 17). */
  | { kind: 'customer_named'; customer: string; name: string | null };

type Job = AgentEffect;

const TALK_KEPT = 20;
/** Profile and policy are read from D1 again after this long (and at every login). */
export const PROFILE_TTL_MS = 5 * 60_000;

const phone = (n: string | null, name: string | null = null) => (n ? { number: n, national: n.startsWith('+') ? formatNational(n) : null, name } : null);

/** The customer of the offer or the call in hand whose phonebook name is not looked up yet (issue 17). */
export function unnamedCustomer(doc: PresenceDoc): string | null {
  if (doc.call?.customer && doc.call.customerName === undefined) return doc.call.customer;
  if (doc.offer?.customer && doc.offer.customerName === undefined) return doc.offer.customer;
  return null;
}

function emptyDoc(): PresenceDoc {
  return {
    orgId: null,
    agent: initialAgentState(''),
    profile: null,
    loadedAt: 0,
    offer: null,
    call: null,
    talk: {},
    today: { date: '', answered: 0, outbound: 0, talkMs: 0, missedOffers: 0 },
  };
}

function todayOf(doc: PresenceDoc, now: number): PresenceDoc['today'] {
  const date = localTime(doc.profile?.timezone ?? 'Asia/Seoul', now).date;
  return doc.today.date === date ? doc.today : { date, answered: 0, outbound: 0, talkMs: 0, missedOffers: 0 };
}

/** The pure step around reduceAgent: keeps the console's context of offers and calls. */
export function reducePresence(
  doc: PresenceDoc,
  input: PresenceInput,
  now: number,
): { doc: PresenceDoc; jobs: Job[]; timers: { name: string; at: number | null }[]; error?: string } {
  if (input.kind === 'setup') {
    const agent = doc.agent.userId ? doc.agent : initialAgentState(input.profile.userId, input.config, input.at);
    const r = reduceAgent(agent, { kind: 'configure', config: input.config }, now);
    return { doc: { ...doc, orgId: input.orgId, profile: input.profile, loadedAt: input.at, agent: r.state }, jobs: [], timers: [] };
  }
  if (input.kind === 'call_update') {
    if (!doc.call || doc.call.callSessionId !== input.callSessionId) return { doc, jobs: [], timers: [] };
    return { doc: { ...doc, call: { ...doc.call, held: input.held } }, jobs: [], timers: [] };
  }
  if (input.kind === 'customer_named') {
    const named = (c: { customer: string | null } | null) => c !== null && c.customer === input.customer;
    if (!named(doc.offer) && !named(doc.call)) return { doc, jobs: [], timers: [] };
    return {
      doc: {
        ...doc,
        offer: doc.offer && named(doc.offer) ? { ...doc.offer, customerName: input.name } : doc.offer,
        call: doc.call && named(doc.call) ? { ...doc.call, customerName: input.name } : doc.call,
      },
      jobs: [],
      timers: [],
    };
  }
  const r = reduceAgent(doc.agent, input, now);
  if (r.error) return { doc, jobs: [], timers: [], error: r.error.code };
  const next: PresenceDoc = { ...doc, agent: r.state, today: todayOf(doc, now) };
  const ctx = (input as { context?: unknown }).context;
  if (input.kind === 'offer' && r.state.offer?.offerId === input.offerId)
    next.offer = (ctx as OfferContext | undefined) ?? { offerId: input.offerId, kind: 'call', queueName: null, customer: null, waitingSince: null };
  if (!r.state.offer) next.offer = null;
  if (r.state.call && r.state.call.callSessionId !== doc.call?.callSessionId) {
    const c = ctx as CallContext | undefined;
    next.call = {
      callSessionId: r.state.call.callSessionId,
      kind: c?.kind ?? 'queue',
      direction: r.state.call.direction,
      queueId: r.state.call.queueId ?? c?.queueId ?? null,
      queueName: c?.queueName ?? doc.offer?.queueName ?? null,
      customer: c?.customer ?? doc.offer?.customer ?? null,
      startedAt: now,
      held: false,
    };
    // The offer's customer already named: the call keeps the name (no second lookup).
    if (doc.offer && doc.offer.customerName !== undefined && doc.offer.customer === next.call.customer) next.call.customerName = doc.offer.customerName;
    if (r.state.call.direction === 'outbound') next.today = { ...next.today, outbound: next.today.outbound + 1 };
    else next.today = { ...next.today, answered: next.today.answered + 1 };
  }
  if (!r.state.call && doc.call) {
    const talkMs = Math.max(0, now - doc.call.startedAt);
    const talk = {
      ...doc.talk,
      [doc.call.callSessionId]: { talkMs, queueId: doc.call.queueId, ...(doc.call.direction === 'outbound' ? { outbound: true as const } : {}) },
    };
    const keys = Object.keys(talk);
    if (keys.length > TALK_KEPT) delete talk[defined(keys[0], 'keys')];
    next.talk = talk;
    next.today = { ...next.today, talkMs: next.today.talkMs + talkMs };
    next.call = null;
  }
  if (r.state.missedOffers > doc.agent.missedOffers)
    next.today = { ...next.today, missedOffers: next.today.missedOffers + (r.state.missedOffers - doc.agent.missedOffers) };
  return { doc: next, jobs: r.effects, timers: r.timers };
}

/** The console's view of the agent (docs/contact-center-live.md AgentView). */
export function consoleView(doc: PresenceDoc, now: number): AgentView {
  const v = agentView(doc.agent, now);
  const o = doc.offer && doc.agent.offer?.offerId === doc.offer.offerId ? doc.offer : null;
  const today = todayOf(doc, now);
  return {
    userId: v.userId,
    state: v.state,
    since: v.since,
    reason: v.reason,
    idleSince: v.idleSince,
    acwUntil: v.acwUntil,
    missedOffers: v.missedOffers,
    queues: doc.profile?.queues ?? [],
    offer: v.offer
      ? {
          offerId: v.offer.offerId,
          kind: o?.kind ?? (v.offer.callbackId ? 'callback' : v.offer.queueId ? 'call' : 'transfer'),
          queueId: v.offer.queueId,
          /** The callback request this offer rings for (its list row cannot be dialled meanwhile). */
          callbackId: v.offer.callbackId,
          queueName: o?.queueName ?? doc.profile?.queues.find((q) => q.queueId === defined(v.offer, 'offer').queueId)?.name ?? null,
          caller: phone(o?.customer ?? null, o?.customerName ?? null),
          waitingSince: o?.waitingSince ?? null,
          offeredAt: v.offer.offeredAt,
          leaseUntil: v.offer.leaseUntil,
        }
      : null,
    call: doc.call
      ? {
          callSessionId: doc.call.callSessionId,
          kind: doc.call.kind,
          direction: doc.call.direction,
          queueId: doc.call.queueId,
          queueName: doc.call.queueName,
          caller: phone(doc.call.customer, doc.call.customerName ?? null),
          startedAt: doc.call.startedAt,
          held: doc.call.held,
        }
      : null,
    lastCall: v.lastCall,
    today: { answered: today.answered, outbound: today.outbound, talkSeconds: Math.round(today.talkMs / 1000), missedOffers: today.missedOffers },
  };
}
export type AgentConsoleView = ReturnType<typeof consoleView>;

/** The presence report a queue gets (contact-center-core.md "Wiring"). */
export type PresenceReport = { userId: string; state: AgentState['state']; since: number; idleSince: number | null; seenOfferSeq: number; reason: string };

/** The host around reducePresence, with the I/O of its effects. */
export class Presence {
  readonly host: StepHost<PresenceDoc, PresenceInput, Job>;
  private lastError: string | undefined;

  constructor(
    private readonly env: Bindings,
    ctx: DurableObjectState,
    private readonly onChange: () => void,
  ) {
    this.host = new StepHost<PresenceDoc, PresenceInput, Job>(ctx, {
      init: emptyDoc,
      reduce: (s, input, now) => {
        const r = reducePresence(s, input, now);
        this.lastError = r.error;
        if (!r.error && r.doc !== s) this.onChange();
        return { state: r.doc, jobs: r.jobs, timers: r.timers };
      },
      run: (job) => this.run(job),
      timerInput: (name) => ({ kind: 'timer', name: name as 'lease' | 'acw' }),
      label: (s) => s.agent.userId,
    });
  }

  get doc(): PresenceDoc {
    return this.host.current.state;
  }

  /** Loads the agent's phone, queues and policy from D1 when missing or stale (or forced). */
  async ensure(orgId: string, userId: string, force = false): Promise<boolean> {
    const doc = this.doc;
    if (!force && doc.orgId === orgId && doc.profile && Date.now() - doc.loadedAt < PROFILE_TTL_MS) return true;
    if (doc.orgId && doc.orgId !== orgId) return false;
    const scope = dbFor(this.env, orgId);
    const [profile, config] = await Promise.all([agentProfile(scope, userId), loadAgentConfig(scope, userId)]);
    if (!profile) return false;
    this.host.submit({ kind: 'setup', orgId, profile, config, at: Date.now() }, null);
    return true;
  }

  /**
   * One input from an API, a queue or a call. Bad input answers its error code and changes nothing
   * (checked against the current state first); otherwise the input is stored before this returns.
   */
  async apply(input: PresenceInput, opts: { wait?: boolean } = {}): Promise<{ ok: true } | { ok: false; code: string }> {
    const now = Date.now();
    const trial = reducePresence(this.doc, input, now);
    if (trial.error) return { ok: false, code: trial.error };
    this.lastError = undefined;
    this.host.submit(input, null, now);
    if (opts.wait) await this.host.settled();
    return { ok: true };
  }

  get error() {
    return this.lastError;
  }

  report(): PresenceReport | null {
    const a = this.doc.agent;
    if (!a.userId) return null;
    return { userId: a.userId, state: a.state, since: a.since, idleSince: a.idleSince, seenOfferSeq: 0, reason: a.reason };
  }

  private async run(job: Job): Promise<PresenceInput[]> {
    const doc = this.doc;
    const orgId = doc.orgId;
    if (!orgId) return [];
    const scope = dbFor(this.env, orgId);
    try {
      switch (job.kind) {
        case 'history':
          await recordAgentState(scope, job);
          break;
        case 'presence':
          await Promise.all(
            (doc.profile?.queues ?? []).map((q) =>
              queueObject(this.env, q.queueId).presence(orgId, q.queueId, {
                userId: job.userId,
                state: job.state,
                since: job.since,
                idleSince: job.idleSince,
                seenOfferSeq: job.seenOfferSeq[q.queueId] ?? 0,
                reason: job.reason,
              }),
            ),
          );
          break;
        case 'offer_refused':
        case 'offer_released':
          if (job.queueId) await queueObject(this.env, job.queueId).declined(orgId, job.queueId, job.offerId, job.reason);
          break;
        case 'call_wrapped': {
          const talk = doc.talk[job.callSessionId];
          await setCallAcw(scope, job.callSessionId, job.acwMs, { rollup: !talk?.outbound });
          if (talk?.queueId) await queueObject(this.env, talk.queueId).handled(orgId, talk.queueId, talk.talkMs + job.acwMs);
          break;
        }
        case 'save_wrap_up':
          await saveWrapUp(scope, {
            callSessionId: job.callSessionId,
            agentUserId: doc.agent.userId,
            categoryId: job.categoryId,
            notes: job.notes,
            now: Date.now(),
          });
          break;
      }
    } catch (err) {
      // Logged by id and kind only; the state change itself stands (history is best effort here).
      console.error(JSON.stringify({ msg: 'agent effect failed', userId: doc.agent.userId, kind: job.kind, error: String((err as Error)?.name) }));
    }
    return [];
  }
}

export { afterCallPolicy };
