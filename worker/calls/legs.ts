// What every flow knows about its legs: states that only move forward (so duplicated or reordered
// events cannot walk a flow backwards), and the step builder that collects a step's commands,
// timers and effects. Pure.
import type { CallEvent, Command, Effect, LegRole, TimerChange } from './vocabulary';

export type LegStatus = 'ringing' | 'answered' | 'bridged' | 'ended';
const RANK: Record<LegStatus, number> = { ringing: 0, answered: 1, bridged: 2, ended: 3 };

export type Leg = {
  callControlId: string | null;
  callLegId: string | null;
  status: LegStatus;
  /** Speaks queue at the carrier: a flow moves on when every speak issued has ended. */
  speaks: number;
  speaksEnded: number;
  answeredAt: number | null;
  endedAt: number | null;
};

export const newLeg = (callControlId: string | null, callLegId: string | null): Leg => ({
  callControlId,
  callLegId,
  status: 'ringing',
  speaks: 0,
  speaksEnded: 0,
  answeredAt: null,
  endedAt: null,
});

export const live = (leg: Leg | null | undefined): leg is Leg => !!leg && leg.status !== 'ended';
export const reached = (leg: Leg | null | undefined, status: LegStatus) => !!leg && RANK[leg.status] >= RANK[status];

export function advance(leg: Leg, to: LegStatus) {
  if (RANK[to] > RANK[leg.status]) leg.status = to;
}

/** Learns a leg's ids from its events or the dial's answer, whichever comes first. */
export function identify(leg: Leg, e: Pick<CallEvent, 'callControlId' | 'callLegId'>): Leg {
  leg.callControlId ??= e.callControlId;
  leg.callLegId ??= e.callLegId;
  return leg;
}

/** Marks the leg answered; false when it already was (a duplicate or late answered event). */
export function markAnswered(leg: Leg, e: CallEvent): boolean {
  if (RANK[leg.status] >= RANK.answered) return false;
  advance(leg, 'answered');
  leg.answeredAt = e.at;
  return true;
}

/** Marks the leg ended; false when it already was. */
export function markEnded(leg: Leg, at: number): boolean {
  if (leg.status === 'ended') return false;
  leg.status = 'ended';
  leg.endedAt = at;
  return true;
}

/** Whether the event is about this leg (by control id or leg id). */
export function isLeg(leg: Leg | null | undefined, e: CallEvent): boolean {
  return !!leg && ((e.callControlId !== null && leg.callControlId === e.callControlId) || leg.callLegId === e.callLegId);
}

/**
 * How long a flow waits for the carrier to hang up the other side of a bridge that ended before it
 * sends a hangup of its own (timer `gone:<role>`).
 */
export const BRIDGE_PEER_GRACE_MS = 5_000;

/** Collects one step's output. Legs are looked up by role in the flow's own map of legs. */
export class StepOut {
  readonly commands: Command[] = [];
  readonly timers: TimerChange[] = [];
  readonly effects: Effect[] = [];
  constructor(private readonly legOf: (role: LegRole) => Leg | null | undefined) {}

  /** Queues a speak on a live leg; false when the leg cannot speak (gone, unknown, nothing to say). */
  speak(role: LegRole, key: string, text: string): boolean {
    const leg = this.legOf(role);
    if (!live(leg) || !leg.callControlId || !text) return false;
    leg.speaks++;
    this.commands.push({ key, leg: role, action: 'speak', callControlId: leg.callControlId, text });
    return true;
  }

  hangup(role: LegRole, key = `hangup:${role}`) {
    const leg = this.legOf(role);
    if (!live(leg) || !leg.callControlId) return;
    this.commands.push({ key, leg: role, action: 'hangup', callControlId: leg.callControlId });
  }

  /**
   * One side of a bridge ended: Telnyx hangs the other side up itself unless it was bridged with
   * `park_after_unbridge: "self"` (BridgeRequest: "If not set, the default behavior is to hang up
   * the leg"), so a hangup now would meet an ended leg. While `bridged`, wait for the carrier's
   * call.hangup and send a hangup only if none came in time (the flow's `gone:<role>` timer calls
   * `goneTimer`); otherwise hang up now.
   */
  hangupPeer(role: LegRole, bridged: boolean, now: number) {
    const leg = this.legOf(role);
    if (!live(leg) || !leg.callControlId) return;
    if (bridged) this.timer(`gone:${role}`, now + BRIDGE_PEER_GRACE_MS);
    else this.hangup(role);
  }

  /**
   * The leg's call.hangup came: marks it ended and drops the `gone:<role>` grace timer that waited for
   * it (left set, it would wake the object for nothing). False when the leg had already ended.
   */
  left(role: LegRole, leg: Leg, at: number): boolean {
    if (!markEnded(leg, at)) return false;
    this.timer(`gone:${role}`, null);
    return true;
  }

  /** The `gone:<role>` timer: the carrier never hung the leg up, so the flow does. True when it was that timer. */
  goneTimer(name: string): boolean {
    if (!name.startsWith('gone:')) return false;
    const role = name.slice(5);
    this.hangup(role, `hangup:${role}:gone`);
    return true;
  }

  command(c: Command) {
    this.commands.push(c);
  }

  timer(name: string, at: number | null) {
    this.timers.push({ name, at });
  }

  effect(e: Effect) {
    this.effects.push(e);
  }
}
