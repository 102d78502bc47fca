// The contact center's outbound flow (C4, C6): the agent's own phone rings first (showing the
// service number), then the customer is dialled with the service number as caller ID and the two
// are bridged. Two ways in: an agent dials (dial pad, a history or callback row: `mode: 'dial'`),
// or the Queue offers a callback from its line to an agent (`mode: 'callback_offer'`: the agent's
// answer is confirmed by the Queue before the customer is dialled; the agent's phone rings only
// within the offer's lease, see ../offer-ring.ts). Record kind 'agent_outbound', or
// 'callback' (the request is marked done once the customer answered). Kept beside the staff's
// masked outbound flows (click.ts, dial-in.ts). Pure.
//
// This file is the flow itself: start and the one reducer; agent/ holds the rest: state.ts,
// legs.ts (the two phones), signals.ts (the Queue and the console), record.ts (the ending).
import { klona } from 'klona/json';
import { retryRecord } from '../ending';
import type { Flow, FlowStart, FlowStep } from '../flow';
import { identify, isLeg, markEnded, newLeg } from '../legs';
import { lateOfferEffects, offerRingSecs } from '../offer-ring';
import type { FlowInput } from '../vocabulary';
import { onAgent, onCustomer } from './agent/legs';
import { afterRecord, writeRecord } from './agent/record';
import { onSignal } from './agent/signals';
import { CONNECTED_SILENCE_MS, GRACE_MS, LINGER_MS, out, RING_SECS, SILENCE_MS, type OutboundParams, type OutboundState } from './agent/state';

export const OUTBOUND_FLOW = 'cc-outbound';

export type { OutboundParams, OutboundState };

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

function reduce(prev: OutboundState, input: FlowInput, now: number): FlowStep<OutboundState> {
  const s = klona(prev);
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
