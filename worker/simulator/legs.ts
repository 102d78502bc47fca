// The simulated carrier's leg model: a leg's life (ringing, answered, bridged, parked or held after
// its bridge, ended), what each change sends as webhooks, the scripted parties who answer, talk and
// hang up, speech and gathers (a recording is saved as its leg ends: sessions.ts). Commands reach it
// through model.ts.
import type { SimSession } from './delivery';
import { webhook, type LegRef } from './payloads';
import type { Party } from './schemas';
import { CarrierSessions } from './sessions';

type LegState = 'parked' | 'ringing' | 'answered' | 'bridged' | 'ended';
export type SimLeg = LegRef & {
  direction: 'incoming' | 'outgoing';
  state: LegState;
  peer: string | null;
  speakUntil: number;
  recording: { id: string; startedAt: string; trim: boolean; channels: 'single' | 'dual' } | null;
  /** The scripted caller says nothing (a silent voicemail). */
  silent: boolean;
  /** Pending scripted actions of this leg, cancelled when it ends. */
  timers: Map<ReturnType<typeof setTimeout>, SimSession>;
  /** The scripted callee hangs up this long after being bridged (talk time). */
  talkMs: number | null;
  /** A looping playback (hold audio) is playing into this leg. */
  playing: boolean;
  /** A supervisor's leg (C12): the leg it supervises and how (monitor, whisper, barge). */
  supervises: { callControlId: string; role: 'barge' | 'whisper' | 'monitor' } | null;
  /**
   * What Telnyx does with this leg when its bridge ends (the opposite leg hangs up or is bridged
   * elsewhere): hang it up (the default), park it (`park_after_unbridge: "self"`) or hold it
   * (`hold_after_unbridge: true`). Set by the bridge command issued on this leg, else by its dial.
   */
  afterUnbridge: AfterUnbridge;
  /** The dial's own `park_after_unbridge: "self"`: the default when the leg is bridged as the other leg. */
  dialAfterUnbridge: AfterUnbridge;
  /** Put on hold when its bridge ended (`hold_after_unbridge`). */
  held: boolean;
  /** Dialled with `bridge_on_answer`: bridge to this leg when answered (`prevent_double_bridge`: not if it is bridged). */
  bridgeOnAnswer: { to: string; preventDouble: boolean } | null;
  /**
   * A gather in progress: the digits pressed so far (only `valid_digits`), ended by the
   * `terminating_digit` (not included), by reaching `maximum_digits`, or by `timeout_millis`.
   */
  gather: { id: string; digits: string; max: number; terminating: string; valid: string } | null;
};
export type AfterUnbridge = 'hangup' | 'park' | 'hold';

export class LegModel extends CarrierSessions {
  protected parties = new Map<string, Party>();

  // ── the leg model ────────────────────────────────────────────────────────
  protected newLeg(sessionId: string, direction: SimLeg['direction'], from: string, to: string, connectionId: string, clientState?: string): SimLeg {
    const leg: SimLeg = {
      callControlId: `v3:sim-${crypto.randomUUID()}`,
      callLegId: crypto.randomUUID(),
      callSessionId: sessionId,
      connectionId,
      from,
      to,
      clientState,
      direction,
      state: direction === 'incoming' ? 'parked' : 'ringing',
      peer: null,
      speakUntil: 0,
      recording: null,
      silent: false,
      timers: new Map(),
      talkMs: null,
      playing: false,
      supervises: null,
      afterUnbridge: 'hangup',
      dialAfterUnbridge: 'hangup',
      held: false,
      bridgeOnAnswer: null,
      gather: null,
    };
    this.legs.set(leg.callControlId, leg);
    this.session(sessionId).legs.push(leg.callControlId);
    return leg;
  }

  protected answer(leg: SimLeg) {
    if (leg.state !== 'parked' && leg.state !== 'ringing') return;
    leg.state = 'answered';
    this.emit(leg.callSessionId, webhook.answered(crypto.randomUUID(), this.tick(leg.callSessionId), leg));
    // A supervisor who answers joins the supervised call (Telnyx bridges the supervisor in).
    const target = leg.supervises ? this.legs.get(leg.supervises.callControlId) : undefined;
    if (target && target.state === 'bridged') {
      leg.state = 'bridged';
      this.emit(leg.callSessionId, webhook.bridged(crypto.randomUUID(), this.tick(leg.callSessionId), leg));
    } else if (leg.supervises) this.end(leg, 'normal_clearing', 'unknown');
    // bridge_on_answer: joined to the link_to leg now (or hung up, with prevent_double_bridge, when that leg is taken).
    const join = leg.bridgeOnAnswer ? this.legs.get(leg.bridgeOnAnswer.to) : undefined;
    if (leg.bridgeOnAnswer && leg.state === 'answered') {
      if (!join || join.state === 'ended') this.end(leg, 'normal_clearing', 'unknown');
      else if (leg.bridgeOnAnswer.preventDouble && join.state === 'bridged') this.end(leg, 'normal_clearing', 'unknown');
      else if (join.state === 'answered' || join.state === 'bridged') this.join(join, leg, join.afterUnbridge);
    }
  }

  /**
   * The leg's bridge ended because its opposite leg hung up or was bridged elsewhere. As Telnyx
   * documents (BridgeRequest.park_after_unbridge): "If not set, the default behavior is to hang up
   * the leg"; `self` parks it; `hold_after_unbridge: true` holds it.
   */
  protected unbridged(leg: SimLeg) {
    leg.peer = null;
    if (leg.state !== 'bridged') return;
    if (leg.afterUnbridge === 'hangup') return this.end(leg, 'normal_clearing', 'unknown');
    leg.state = 'answered';
    leg.held = leg.afterUnbridge === 'hold';
  }

  protected end(leg: SimLeg, cause: Parameters<typeof webhook.hangup>[3], source: 'caller' | 'callee' | 'unknown') {
    if (leg.state === 'ended') return;
    const wasSpeaking = leg.speakUntil > Date.now();
    leg.state = 'ended';
    for (const [handle, session] of leg.timers) {
      clearTimeout(handle);
      session.busy--;
    }
    leg.timers.clear();
    if (wasSpeaking) this.emit(leg.callSessionId, webhook.speakEnded(crypto.randomUUID(), this.tick(leg.callSessionId), leg, 'call_hangup'));
    this.emit(leg.callSessionId, webhook.hangup(crypto.randomUUID(), this.tick(leg.callSessionId), leg, cause, source));
    // A recording ends with its leg; Telnyx saves it shortly after the hangup.
    if (leg.recording) this.saveRecording(leg, 20 * this.session(leg.callSessionId).timeScale);
    // The bridge ends with this leg: Telnyx hangs up the opposite leg unless it was bridged to park or hold.
    const peer = leg.peer ? this.legs.get(leg.peer) : undefined;
    leg.peer = null;
    if (peer && peer.peer === leg.callControlId) this.unbridged(peer);
    // A supervisor's leg is not hung up with the leg it supervises (the reference is silent): it
    // stays up, alone, until the product hangs it up, so a flow that forgets it is caught.
    for (const other of this.legs.values()) if (other.supervises?.callControlId === leg.callControlId && other.state === 'bridged') other.state = 'answered';
  }

  protected ring(leg: SimLeg, timeoutSecs: number) {
    const s = this.session(leg.callSessionId);
    const party = this.parties.get(leg.to) ?? { number: leg.to, answer: 'manual' as const, afterMs: 0 };
    leg.talkMs = party.hangupAfterMs ?? null;
    if (party.answer === 'busy') return this.later(s, 5, () => this.end(leg, 'user_busy', 'callee'), leg);
    if (party.answer === 'reject') return this.later(s, 5, () => this.end(leg, 'call_rejected', 'callee'), leg);
    if (party.answer === 'after') {
      this.later(s, party.afterMs, () => leg.state === 'ringing' && this.answer(leg), leg);
    }
    // Unanswered legs expire after the dial's timeout_secs, like Telnyx.
    this.later(s, timeoutSecs * 1000 * s.timeScale, () => leg.state === 'ringing' && this.end(leg, 'timeout', 'unknown'), leg);
  }

  protected speak(leg: SimLeg, text: string) {
    const s = this.session(leg.callSessionId);
    const now = Date.now();
    const start = Math.max(now, leg.speakUntil);
    const duration = Math.max(5, text.length * 70) * s.timeScale;
    leg.speakUntil = start + duration;
    this.later(s, start - now, () => this.emit(leg.callSessionId, webhook.speakStarted(crypto.randomUUID(), this.tick(leg.callSessionId), leg)), leg);
    this.later(
      s,
      start - now + duration,
      () => this.emit(leg.callSessionId, webhook.speakEnded(crypto.randomUUID(), this.tick(leg.callSessionId), leg, 'completed')),
      leg,
    );
  }

  /**
   * `leg` (the command's leg, with its after-unbridge choice) and `other` are bridged. A leg
   * bridged elsewhere before leaves that bridge: its old opposite leg is unbridged (hung up,
   * parked or held as it was bridged).
   */
  protected join(leg: SimLeg, other: SimLeg, after: AfterUnbridge) {
    leg.afterUnbridge = after;
    if (leg.peer === other.callControlId && other.peer === leg.callControlId) return;
    for (const l of [leg, other]) {
      const old = l.peer ? this.legs.get(l.peer) : undefined;
      l.peer = null;
      if (old && old.peer === l.callControlId) this.unbridged(old);
    }
    if (leg.state === 'ended' || other.state === 'ended') return;
    // The other leg keeps what its dial asked for (park_after_unbridge on POST /v2/calls), else is hung up.
    other.afterUnbridge = other.dialAfterUnbridge;
    leg.held = false;
    other.held = false;
    leg.state = 'bridged';
    other.state = 'bridged';
    leg.peer = other.callControlId;
    other.peer = leg.callControlId;
    leg.speakUntil = 0;
    other.speakUntil = 0;
    this.emit(leg.callSessionId, webhook.bridged(crypto.randomUUID(), this.tick(leg.callSessionId), leg));
    this.emit(other.callSessionId, webhook.bridged(crypto.randomUUID(), this.tick(other.callSessionId), other));
    // Scripted parties talk for their talk time, then hang up.
    for (const l of [leg, other]) {
      const talk = l.talkMs;
      if (talk !== null)
        this.later(this.session(l.callSessionId), talk, () => this.end(l, 'normal_clearing', l.direction === 'incoming' ? 'caller' : 'callee'), l);
    }
  }

  /** A digit pressed during a gather: the terminating digit or the last digit allowed ends it (`valid`). */
  protected gathered(leg: SimLeg, digit: string) {
    const g = leg.gather;
    if (!g) return;
    if (g.terminating && digit === g.terminating) return this.endGather(leg, g.id, 'valid');
    if (!g.valid.includes(digit)) return;
    g.digits += digit;
    if (g.digits.length >= g.max) this.endGather(leg, g.id, 'valid');
  }

  /** `call.gather.ended` with the digits gathered (once per gather; a timeout after the end does nothing). */
  protected endGather(leg: SimLeg, id: string, status: 'valid' | 'timeout') {
    const g = leg.gather;
    if (!g || g.id !== id || leg.state === 'ended') return;
    leg.gather = null;
    this.emit(leg.callSessionId, webhook.gatherEnded(crypto.randomUUID(), this.tick(leg.callSessionId), leg, g.digits, status));
  }
}
