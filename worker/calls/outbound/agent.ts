// The contact center's outbound flow (C4, C6): the agent's own phone rings first (showing the
// service number), then the customer is dialled with the service number as caller ID and the two
// are bridged. Two ways in: an agent dials (dial pad, a history or callback row: `mode: 'dial'`),
// or the Queue offers a callback from its line to an agent (`mode: 'callback_offer'`: the agent's
// answer is confirmed by the Queue before the customer is dialled; the agent's phone rings only
// within the offer's lease, see ../offer-ring.ts). Record kind 'agent_outbound', or
// 'callback' (the request is marked done once the customer answered). Kept beside the staff's
// masked outbound flows (click.ts, dial-in.ts). Pure.
import { hangupFields, noteFirstHangup, retryRecord, type FirstHangup } from '../ending';
import type { Flow, FlowStart, FlowStep } from '../flow';
import { lateOfferEffects, offerRingSecs } from '../offer-ring';
import { advance, identify, isLeg, live, markAnswered, markEnded, newLeg, StepOut, type Leg } from '../legs';
import type { CallEvent, FlowInput } from '../vocabulary';
import type { CcSignal } from '../queue/effects';
import { QUEUE_TEXTS, whisperText } from '../queue/texts';

export const OUTBOUND_FLOW = 'cc-outbound';

export type OutboundParams = {
  mode: 'dial' | 'callback_offer';
  orgId: string;
  agentUserId: string;
  agentMobile: string;
  /** The customer (E.164, domestic). */
  customer: string;
  /** The service number both phones see. */
  serviceNumber: string;
  queueId: string | null;
  queueName: string | null;
  callbackId: string | null;
  /** callback_offer: the Queue's offer, its lease and when the request joined the line. */
  offerId: string | null;
  leaseUntil: number | null;
  queuedAt: number | null;
  recording: boolean;
};

type Phase = 'agent_ringing' | 'confirming' | 'customer_ringing' | 'connected' | 'ending' | 'done';

export type OutboundState = {
  sessionId: string;
  p: OutboundParams;
  phase: Phase;
  agent: Leg;
  customer: Leg | null;
  startedAt: number;
  agentAnsweredAt: number | null;
  connectedAt: number | null;
  /** The agent's state is on_call (told the Agent object): call_ended is owed. */
  agentOnCall: boolean;
  n: number;
  held: boolean;
  outcome: string | null;
  firstHangup: FirstHangup | null;
  endedAt: number | null;
  finished: boolean;
  recorded: boolean;
  recordAttempts: number;
  recordingStarted: boolean;
  /** The Queue accepted the answer after the agent had hung up: the request was put back. */
  lateAccept?: boolean;
};

const RING_SECS = 30;
const SILENCE_MS = 10 * 60_000;
const CONNECTED_SILENCE_MS = 4 * 60 * 60_000;
const LINGER_MS = 30_000;
const GRACE_MS = 10_000;

const out = (s: OutboundState) => new StepOut((role) => (role === 'agent' ? s.agent : role === 'customer' ? s.customer : null));

function start(st: FlowStart<OutboundParams>, now: number): FlowStep<OutboundState> {
  if (st.kind !== 'outbound') throw new Error('the outbound flow starts only from its starter');
  const p = st.params;
  const s: OutboundState = {
    sessionId: st.sessionId,
    p,
    phase: 'agent_ringing',
    agent: newLeg(null, null),
    customer: null,
    startedAt: now,
    agentAnsweredAt: null,
    connectedAt: null,
    agentOnCall: false,
    n: 0,
    held: false,
    outcome: null,
    firstHangup: null,
    endedAt: null,
    finished: false,
    recorded: false,
    recordAttempts: 0,
    recordingStarted: false,
  };
  const o = out(s);
  // A callback offer rings the agent only within its lease (offer-ring.ts); too little left: not at all.
  const ring = p.mode === 'callback_offer' && p.leaseUntil !== null ? offerRingSecs(p.leaseUntil, now) : RING_SECS;
  if (ring === null) {
    markEnded(s.agent, now);
    s.outcome = 'offer_late';
    s.finished = true;
    s.recorded = true; // like an offer not answered: no record, the request stays in line
    s.phase = 'done';
    s.endedAt = now;
    if (p.offerId) for (const e of lateOfferEffects('offer:late', p.orgId, p.queueId, p.agentUserId, p.offerId)) o.effect(e);
    o.timer('linger', now + LINGER_MS);
    return { state: s, commands: o.commands, timers: o.timers, effects: o.effects };
  }
  o.command({ key: 'dial:agent', leg: 'agent', action: 'dial', to: p.agentMobile, from: p.serviceNumber, timeoutSecs: ring });
  o.timer('ring', now + ring * 1000 + GRACE_MS);
  o.timer('silence', now + SILENCE_MS);
  return { state: s, commands: o.commands, timers: o.timers, effects: o.effects };
}

function context(s: OutboundState, at: number) {
  return {
    kind: s.p.callbackId ? ('callback' as const) : ('agent_outbound' as const),
    direction: 'outbound' as const,
    queueId: s.p.queueId,
    queueName: s.p.queueName,
    customer: s.p.customer,
    startedAt: at,
    held: false,
  };
}

function dialCustomer(o: StepOut, s: OutboundState, now: number) {
  if (s.customer || !live(s.agent) || !s.agent.callControlId) return;
  s.phase = 'customer_ringing';
  s.customer = newLeg(null, null);
  o.timer('ring', now + RING_SECS * 1000 + GRACE_MS);
  o.command({
    key: 'dial:customer',
    leg: 'customer',
    action: 'dial',
    to: s.p.customer,
    from: s.p.serviceNumber,
    timeoutSecs: RING_SECS,
    linkTo: s.agent.callControlId,
  });
}

function agentOnCall(o: StepOut, s: OutboundState, at: number) {
  if (s.agentOnCall) return;
  s.agentOnCall = true;
  const input =
    s.p.mode === 'callback_offer' && s.p.offerId
      ? { kind: 'offer_answered' as const, offerId: s.p.offerId, callSessionId: s.sessionId }
      : { kind: 'call_started' as const, callSessionId: s.sessionId, direction: 'outbound' as const, queueId: s.p.queueId };
  o.effect({ key: 'agent:on_call', kind: 'agent', orgId: s.p.orgId, userId: s.p.agentUserId, input, context: context(s, at) });
}

function onAgent(o: StepOut, s: OutboundState, e: CallEvent, now: number) {
  const leg = identify(s.agent, e);
  switch (e.type) {
    case 'answered':
      if (!markAnswered(leg, e)) return;
      s.agentAnsweredAt = e.at;
      o.timer('ring', null);
      if (s.p.mode === 'callback_offer' && s.p.offerId && s.p.queueId) {
        s.phase = 'confirming';
        o.speak('agent', 'speak:agent:whisper', `${whisperText(s.p.queueName ?? '')} 콜백 요청입니다.`);
        o.effect({ key: 'queue:answered', kind: 'queue', op: 'answered', orgId: s.p.orgId, queueId: s.p.queueId, offerId: s.p.offerId });
        return;
      }
      agentOnCall(o, s, e.at);
      dialCustomer(o, s, now);
      return;
    case 'speak_ended':
      leg.speaksEnded++;
      if (s.phase === 'ending' && leg.speaksEnded >= leg.speaks) o.hangup('agent');
      return;
    case 'bridged':
      onBridged(o, s, leg, e.at);
      return;
    case 'hangup':
      if (!markEnded(leg, e.at)) return;
      noteFirstHangup(s, 'agent', e);
      o.timer('ring', null);
      if (s.agentAnsweredAt === null) s.outcome ??= 'agent_missed';
      else if (s.connectedAt === null) s.outcome ??= 'cancelled';
      o.hangupPeer('customer', bridged(s), now);
      s.phase = 'ending';
      return;
  }
}

/** Agent and customer were bridged: when one side ends, the carrier hangs up the other (no park_after_unbridge). */
const bridged = (s: OutboundState) => s.connectedAt !== null;

function onCustomer(o: StepOut, s: OutboundState, e: CallEvent, now: number) {
  const leg = identify((s.customer ??= newLeg(null, null)), e);
  switch (e.type) {
    case 'answered':
      if (!markAnswered(leg, e)) return;
      o.timer('ring', null);
      if (!live(s.agent) || !s.agent.callControlId || !leg.callControlId) {
        o.hangup('customer');
        return;
      }
      o.command({ key: 'bridge', leg: 'agent', action: 'bridge', callControlId: s.agent.callControlId, otherCallControlId: leg.callControlId });
      return;
    case 'bridged':
      onBridged(o, s, leg, e.at);
      return;
    case 'hangup': {
      if (!markEnded(leg, e.at)) return;
      noteFirstHangup(s, 'customer', e);
      o.timer('ring', null);
      if (leg.answeredAt === null) {
        s.outcome ??= 'no_answer';
        if (live(s.agent)) {
          s.phase = 'ending';
          if (!o.speak('agent', 'speak:agent:no_answer', QUEUE_TEXTS.customerNoAnswer)) o.hangup('agent');
        }
      } else {
        s.phase = 'ending';
        o.hangupPeer('agent', bridged(s), now);
      }
      return;
    }
  }
}

function onBridged(o: StepOut, s: OutboundState, leg: Leg, at: number) {
  if (leg.status === 'ended') return;
  advance(leg, 'bridged');
  if (s.connectedAt === null) s.connectedAt = at;
  s.phase = 'connected';
  s.outcome = 'connected';
  if (s.p.recording && !s.recordingStarted && s.agent.callControlId && live(s.agent)) {
    s.recordingStarted = true;
    o.command({ key: 'record:agent', leg: 'agent', action: 'record_start', callControlId: s.agent.callControlId, channels: 'dual' });
  }
}

function onSignal(o: StepOut, s: OutboundState, name: string, value: unknown, now: number) {
  const sig = { name, value } as CcSignal;
  switch (sig.name) {
    case 'answer_accepted':
      if (sig.value.offerId !== s.p.offerId) return;
      if (s.phase !== 'confirming' && !s.agentOnCall && s.p.callbackId && s.p.queueId && !s.lateAccept) {
        // The Queue took the agent's answer (the request left the line) but the agent had already
        // put the phone down: the request goes back to its place, the agent back to ready.
        s.lateAccept = true;
        o.effect({
          key: 'agent:late_accept',
          kind: 'agent',
          orgId: s.p.orgId,
          userId: s.p.agentUserId,
          input: { kind: 'offer_cancelled', offerId: sig.value.offerId },
        });
        o.effect({
          key: 'queue:readd:late_accept',
          kind: 'queue',
          op: 'readd',
          orgId: s.p.orgId,
          queueId: s.p.queueId,
          callbackId: s.p.callbackId,
          queuedAt: s.p.queuedAt ?? s.startedAt,
        });
        return;
      }
      if (s.phase !== 'confirming') return;
      agentOnCall(o, s, s.agentAnsweredAt ?? now);
      dialCustomer(o, s, now);
      return;
    case 'answer_refused':
    case 'offer_cancelled':
      if (sig.value.offerId !== s.p.offerId || s.agentOnCall || s.finished) return;
      s.outcome ??= 'cancelled';
      s.phase = 'ending';
      o.hangup('agent');
      return;
    case 'hangup':
      if (sig.value.userId === s.p.agentUserId) {
        o.hangup('agent', `hangup:agent:${++s.n}`);
        // Bridged, the customer's leg goes with the agent's (the carrier hangs it up).
        if (s.customer && bridged(s)) o.hangupPeer('customer', true, now);
        else if (s.customer) o.hangup('customer', `hangup:customer:${s.n}`);
      }
      return;
    case 'hold':
    case 'unhold':
      // The customer hears the built-in hold tone only where the carrier plays one; the state is kept for the console.
      if (s.phase === 'connected' && sig.value.userId === s.p.agentUserId && s.held !== (sig.name === 'hold')) {
        s.held = sig.name === 'hold';
        o.effect({
          key: `agent:held:${++s.n}`,
          kind: 'agent',
          orgId: s.p.orgId,
          userId: s.p.agentUserId,
          input: { kind: 'call_update', callSessionId: s.sessionId, held: s.held },
        });
      }
      return;
  }
}

function writeRecord(o: StepOut, s: OutboundState) {
  s.recordAttempts++;
  const endedAt = s.endedAt ?? s.startedAt;
  const answeredAt = s.customer?.answeredAt ?? null;
  o.effect({
    key: `record:${s.recordAttempts}`,
    kind: 'write_call',
    orgId: s.p.orgId,
    record: {
      callSessionId: s.sessionId,
      direction: 'outbound',
      kind: s.p.callbackId ? 'callback' : 'agent_outbound',
      numberId: null,
      fromNumber: s.p.serviceNumber,
      toNumber: s.p.customer,
      ownerUserId: s.p.agentUserId,
      agentUserId: s.p.agentUserId,
      queueId: s.p.queueId,
      startedAt: s.startedAt,
      answeredAt,
      endedAt,
      outcome: s.outcome ?? 'failed',
      ...hangupFields(s.firstHangup),
      waitMs: null,
      durationMs: answeredAt !== null ? Math.max(0, endedAt - answeredAt) : null,
      trace: [{ rule: 'outbound', matched: true, detail: { mode: s.p.mode, callbackId: s.p.callbackId } }],
    },
  });
}

function afterRecord(o: StepOut, s: OutboundState) {
  if (s.agentOnCall)
    o.effect({ key: 'agent:ended', kind: 'agent', orgId: s.p.orgId, userId: s.p.agentUserId, input: { kind: 'call_ended', callSessionId: s.sessionId } });
  if (!s.p.callbackId) return;
  if (s.customer?.answeredAt != null)
    o.effect({
      key: 'callback:done',
      kind: 'callback_done',
      orgId: s.p.orgId,
      callbackId: s.p.callbackId,
      userId: s.p.agentUserId,
      callSessionId: s.sessionId,
    });
  else if (s.agentOnCall && s.p.queueId)
    // Accepted from the line but the customer was not reached: the request goes back to its place.
    o.effect({
      key: 'queue:readd',
      kind: 'queue',
      op: 'readd',
      orgId: s.p.orgId,
      queueId: s.p.queueId,
      callbackId: s.p.callbackId,
      queuedAt: s.p.queuedAt ?? s.startedAt,
    });
}

function reduce(prev: OutboundState, input: FlowInput, now: number): FlowStep<OutboundState> {
  const s = structuredClone(prev);
  const o = out(s);
  let retire = false;
  switch (input.kind) {
    case 'event': {
      const e = input.event;
      const role = e.role ?? (isLeg(s.agent, e) ? 'agent' : isLeg(s.customer, e) ? 'customer' : null);
      if (role === 'agent') onAgent(o, s, e, now);
      else if (role === 'customer') onCustomer(o, s, e, now);
      break;
    }
    case 'dialled': {
      const leg = input.leg === 'agent' ? s.agent : input.leg === 'customer' ? s.customer : null;
      if (leg) identify(leg, input);
      break;
    }
    case 'command_failed':
      if (input.action === 'dial') {
        const leg = input.leg === 'agent' ? s.agent : s.customer;
        if (leg) markEnded(leg, now);
        s.outcome ??= 'failed';
        if (input.leg === 'customer') o.hangup('agent', 'hangup:agent:fail');
      } else if (input.action === 'bridge') {
        s.outcome ??= 'failed';
        o.hangup('agent', 'hangup:agent:fail');
        o.hangup('customer', 'hangup:customer:fail');
      }
      break;
    case 'signal':
      onSignal(o, s, input.name, input.value, now);
      break;
    case 'effect':
      if (input.key.startsWith('record:')) {
        if (input.ok && !s.recorded) {
          s.recorded = true;
          afterRecord(o, s);
        } else if (!input.ok) retryRecord(o, s.recordAttempts, now);
      }
      break;
    case 'timer':
      if (o.goneTimer(input.name)) break;
      if (input.name === 'ring') {
        if (s.phase === 'agent_ringing' || s.phase === 'confirming') {
          o.hangup('agent', 'hangup:agent:timeout');
          markEnded(s.agent, now);
          s.outcome ??= 'agent_missed';
        } else if (s.phase === 'customer_ringing' && s.customer) {
          o.hangup('customer', 'hangup:customer:timeout');
          o.hangup('agent', 'hangup:agent:timeout');
          markEnded(s.customer, now);
          markEnded(s.agent, now);
          s.outcome ??= 'no_answer';
        }
      } else if (input.name === 'silence' && !s.finished) {
        o.hangup('agent', 'hangup:agent:cleanup');
        o.hangup('customer', 'hangup:customer:cleanup');
        markEnded(s.agent, now);
        if (s.customer) markEnded(s.customer, now);
      } else if (input.name === 'record') writeRecord(o, s);
      else if (input.name === 'linger') retire = true;
      break;
  }
  const customerDone = !s.customer || s.customer.status === 'ended' || s.customer.callControlId === null;
  if (!s.finished && s.agent.status === 'ended' && customerDone) {
    s.finished = true;
    s.phase = 'done';
    const ends = [s.agent.endedAt, s.customer?.endedAt].filter((t): t is number => typeof t === 'number');
    s.endedAt = ends.length ? Math.max(...ends) : now;
    o.timer('ring', null);
    o.timer('silence', null);
    o.timer('linger', now + LINGER_MS);
    // A callback offer the agent never answered leaves no trace: the request stays in line.
    if (s.p.mode === 'callback_offer' && !s.agentOnCall) s.recorded = true;
    else writeRecord(o, s);
  } else if (!s.finished && input.kind !== 'timer') {
    o.timer('silence', now + (s.phase === 'connected' ? CONNECTED_SILENCE_MS : SILENCE_MS));
  }
  return { state: s, commands: o.commands, timers: o.timers, effects: o.effects, ...(retire ? { retire } : {}) };
}

export const outboundFlow: Flow<OutboundState, OutboundParams> = {
  name: OUTBOUND_FLOW,
  version: 1,
  start,
  reduce,
  status: (s) => ({ finished: s.finished, recorded: s.recorded, outcome: s.outcome, phase: s.phase }),
};
