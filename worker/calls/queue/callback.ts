// The queue call flow's ways out of the line other than an agent (C6, B5): the callback key (now or
// after an overflow), the Queue's overflow (callback, voicemail or the closing line), and the
// handoff to the voicemail flow. Pure.
import { live, type StepOut } from '../legs';
import type { VoicemailParams } from '../voicemail';
import type { CcSignal } from './effects';
import { key } from './legs';
import { offer } from './offers';
import { OVERFLOW_GATHER_MS, type QueueCallState } from './state';
import { CALLBACK_KEY, QUEUE_TEXTS } from './texts';
import { sayWhileWaiting, stopHold } from './waiting';

export function requestCallback(o: StepOut, s: QueueCallState, afterOverflow: boolean) {
  s.phase = 'callback_pending';
  stopHold(o, s);
  o.effect({
    key: key(s, 'queue:callback'),
    kind: 'queue',
    op: 'callback',
    orgId: s.orgId,
    queueId: s.queueId,
    callSessionId: s.sessionId,
    number: s.from,
    joinedAt: afterOverflow ? (s.joinedAt ?? s.startedAt) : null,
  });
}

export function onCallbackStored(o: StepOut, s: QueueCallState, ok: boolean, value: unknown, now: number) {
  if (s.phase !== 'callback_pending') return;
  const id = ok && value && typeof value === 'object' ? (value as { callbackId?: unknown }).callbackId : null;
  if (typeof id === 'string') {
    s.callbackId = id;
    s.outcome = 'callback';
    s.waitMs ??= s.joinedAt !== null ? Math.max(0, now - s.joinedAt) : 0;
    s.phase = 'closing';
    s.deferred = [];
    if (!o.speak('caller', 'speak:caller:callback', QUEUE_TEXTS.callbackTaken)) o.hangup('caller');
    return;
  }
  // Not stored (the line no longer held the caller, or D1 failed): keep waiting, or close after an overflow.
  if (s.outcome === 'overflow') {
    s.phase = 'closing';
    if (!o.speak('caller', 'speak:caller:closing', QUEUE_TEXTS.closing)) o.hangup('caller');
    return;
  }
  s.phase = s.agent ? 'connecting' : 'waiting';
  for (const d of s.deferred.splice(0)) offer(o, s, d, now);
  if (s.phase === 'waiting') sayWhileWaiting(o, s, QUEUE_TEXTS.callbackFailed);
}

export function onOverflow(o: StepOut, s: QueueCallState, v: Extract<CcSignal, { name: 'overflow' }>['value']) {
  if (!['greeting', 'waiting'].includes(s.phase) || !live(s.caller)) return;
  stopHold(o, s);
  s.waitMs = v.waitMs;
  s.outcome = 'overflow';
  if (v.to === 'voicemail' && s.info?.voicemailOwner) {
    s.phase = 'voicemail';
    return;
  }
  if (v.to === 'callback' || v.to === 'voicemail') {
    s.phase = 'overflow_ask';
    if (s.caller.callControlId)
      o.command({
        key: 'gather:caller:overflow',
        leg: 'caller',
        action: 'gather',
        callControlId: s.caller.callControlId,
        text: QUEUE_TEXTS.overflowCallback,
        minDigits: 1,
        maxDigits: 1,
        timeoutMs: OVERFLOW_GATHER_MS,
        validDigits: CALLBACK_KEY,
      });
    return;
  }
  s.phase = 'closing';
  if (!o.speak('caller', 'speak:caller:closing', QUEUE_TEXTS.closing)) o.hangup('caller');
}

export function voicemailParams(s: QueueCallState): VoicemailParams {
  const owner = s.info?.voicemailOwner ?? null;
  return {
    reason: 'no_answer',
    decision: {
      action: 'announce',
      outcome: 'unavailable',
      announcement: '',
      orgId: s.orgId,
      numberId: s.numberId,
      ownerUserId: owner,
      dialled: s.to,
      caller: s.from,
      at: s.startedAt,
      timezone: null,
      decidedBy: null,
      texts: { waiting: '', connect: '', unavailable: '', error: QUEUE_TEXTS.error, recordingNotice: null },
      trace: [],
      voicemail: { afterHours: false, noAnswer: true },
    },
    caller: s.caller,
    from: s.from,
    to: s.to,
    startedAt: s.startedAt,
    fallbackOutcome: 'overflow',
    intro: QUEUE_TEXTS.closing.split('.')[0] + '.',
    firstHangup: s.firstHangup,
    queue: { queueId: s.queueId, waitMs: s.waitMs },
  };
}
