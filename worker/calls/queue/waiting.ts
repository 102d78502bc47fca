// The queue call flow while the caller waits (C3, C4): the greeting, joining the line, hold audio,
// and what is said over it (the Queue's position announcements, the callback outcome). Pure.
import { live, reached, type StepOut } from '../legs';
import { key, speaking } from './legs';
import type { QueueCallState } from './state';
import { QUEUE_TEXTS } from './texts';

export function greet(o: StepOut, s: QueueCallState) {
  if (s.phase !== 'answering' || !s.info || !reached(s.caller, 'answered') || !live(s.caller)) return;
  s.phase = 'greeting';
  if (s.recordingNotice) o.speak('caller', 'speak:caller:notice', s.recordingNotice);
  o.speak('caller', 'speak:caller:greeting', `${s.info.greeting ?? QUEUE_TEXTS.greeting} ${QUEUE_TEXTS.callbackHint}`);
}

export function startHold(o: StepOut, s: QueueCallState) {
  const url = s.info?.holdAudioUrl;
  if (s.holdPlaying || !url || !live(s.caller) || !s.caller.callControlId) return;
  s.holdPlaying = true;
  o.command({ key: key(s, 'hold'), leg: 'caller', action: 'playback_start', callControlId: s.caller.callControlId, audioUrl: url, loop: 'infinity' });
}

export function stopHold(o: StepOut, s: QueueCallState) {
  if (!s.holdPlaying || !live(s.caller) || !s.caller.callControlId) return;
  s.holdPlaying = false;
  o.command({ key: key(s, 'hold_stop'), leg: 'caller', action: 'playback_stop', callControlId: s.caller.callControlId });
}

/** Says something to the caller over the hold audio: stop it, speak, and start it again when the speech ends. */
export function sayWhileWaiting(o: StepOut, s: QueueCallState, text: string) {
  stopHold(o, s);
  o.speak('caller', key(s, 'speak:caller'), text);
}

export function join(o: StepOut, s: QueueCallState) {
  s.phase = 'waiting';
  o.effect({ key: 'queue:join', kind: 'queue', op: 'join', orgId: s.orgId, queueId: s.queueId, callSessionId: s.sessionId, caller: s.from, priority: 0 });
}

export function onCallerSpeakEnded(o: StepOut, s: QueueCallState) {
  s.caller.speaksEnded++;
  if (speaking(s.caller)) return;
  switch (s.phase) {
    case 'greeting':
      join(o, s);
      startHold(o, s);
      return;
    case 'waiting':
      startHold(o, s);
      return;
    case 'closing':
      s.phase = 'ending';
      o.hangup('caller');
      return;
  }
}
