// The queue call flow's caller leg: answered, speech ended, the callback key and the overflow's
// answer, the bridge, the saved recording, and the hangup (leaving the line, ending every agent leg). Pure.
import { noteFirstHangup } from '../ending';
import { identify, live, markAnswered, markEnded, type StepOut } from '../legs';
import type { CallEvent } from '../vocabulary';
import { requestCallback } from './callback';
import { dropAgent } from './legs';
import { onBridged } from './offers';
import type { QueueCallState } from './state';
import { CALLBACK_KEY, QUEUE_TEXTS } from './texts';
import { greet, onCallerSpeakEnded } from './waiting';

export function onCallerEvent(o: StepOut, s: QueueCallState, e: CallEvent, now: number) {
  identify(s.caller, e);
  switch (e.type) {
    case 'answered':
      if (markAnswered(s.caller, e)) greet(o, s);
      return;
    case 'speak_ended':
      onCallerSpeakEnded(o, s);
      return;
    case 'dtmf':
      if (e.digit === CALLBACK_KEY && s.phase === 'waiting' && s.joinedAt !== null) requestCallback(o, s, false);
      return;
    case 'gather_ended':
      if (s.phase !== 'overflow_ask') return;
      if (e.digits === CALLBACK_KEY) requestCallback(o, s, true);
      else {
        s.phase = 'closing';
        if (!o.speak('caller', 'speak:caller:closing', QUEUE_TEXTS.closing)) o.hangup('caller');
      }
      return;
    case 'bridged':
      onBridged(o, s, s.caller, e.at);
      return;
    case 'recording_saved':
      if (e.recording && !s.recording) s.recording = { ...e.recording };
      return;
    case 'hangup': {
      if (!o.left('caller', s.caller, e.at)) return;
      noteFirstHangup(s, 'caller', e);
      s.holdPlaying = false;
      const inLine = ['greeting', 'waiting', 'callback_pending'].includes(s.phase) && s.outcome !== 'callback';
      if (inLine) {
        s.outcome = 'abandoned';
        // joinedAt is the Queue's instant (this worker's clock, like `now`), not the carrier's
        // occurred_at: mixing the two clocks made the wait 0 (or days) when they disagree.
        if (s.joinedAt !== null) s.waitMs = Math.max(0, now - s.joinedAt);
        o.effect({ key: 'queue:leave', kind: 'queue', op: 'leave', orgId: s.orgId, queueId: s.queueId, callSessionId: s.sessionId });
      }
      if (s.phase === 'answering') s.outcome = 'abandoned';
      if (s.phase === 'connecting' && s.outcome === null) s.outcome = 'connected';
      for (const a of s.agents) {
        if (!live(a.leg)) continue;
        // The agent bridged with the caller (a call.bridged came): the carrier hangs their leg up with the bridge.
        if (a.role === s.agent && s.connectedAt !== null) {
          a.dropped = true;
          o.hangupPeer(a.role, true, now);
        } else dropAgent(o, s, a);
      }
      for (const x of s.supervisors) if (live(x.leg)) o.hangup(x.role, `hangup:${x.role}:end`);
      if (s.phase !== 'voicemail') s.phase = 'ending';
      return;
    }
  }
}
