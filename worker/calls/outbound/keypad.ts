// The dial-in's keypad (S11 b): the prompt once the caller is recognised, `*` to start over, `#` to
// end, re-prompts after silence, and the typed number refused in words (invalid, international,
// a class the destination policy refuses) a few times before giving up. Pure.
import { destinationClass, mayDial } from '../../destinations';
import { toE164 } from '../../phone';
import { live, type StepOut } from '../legs';
import type { CallEvent } from '../vocabulary';
import { announce } from './citizen';
import { decide, KEYPAD_REFUSALS, KEYPAD_REPROMPTS, KEYPAD_TIMEOUT_MS, sayAndEnd, trace, type MaskedState } from './state';
import { OUTBOUND_TEXTS, refusalText } from './texts';

export function gather(o: StepOut, s: MaskedState, text: string) {
  const leg = s.staff;
  if (!live(leg) || !leg.callControlId) return;
  s.phase = 'gathering';
  o.command({
    key: `gather:staff:${++s.n}`,
    leg: 'staff',
    action: 'gather',
    callControlId: leg.callControlId,
    text,
    minDigits: 1,
    maxDigits: 20,
    timeoutMs: KEYPAD_TIMEOUT_MS,
    terminatingDigit: '#',
    validDigits: '0123456789*',
  });
}

/** The dial-in caller is both answered and looked up: prompt for the number, or refuse. */
export function afterIdentified(o: StepOut, s: MaskedState, now: number) {
  if (s.phase !== 'identifying' || s.identified === undefined || !s.staff.answeredAt || !live(s.staff)) return;
  const who = s.identified;
  if (!who) {
    trace(s, 'unknown_caller', now);
    decide(s, 'unknown_caller');
    sayAndEnd(o, s, 'speak:staff:unknown', OUTBOUND_TEXTS.unknownCaller);
    return;
  }
  s.userId = who.userId;
  s.callerId = who.callerId;
  if (!who.callerId) {
    trace(s, 'failed', now);
    decide(s, 'failed');
    sayAndEnd(o, s, 'speak:staff:error', OUTBOUND_TEXTS.error);
    return;
  }
  gather(o, s, OUTBOUND_TEXTS.prompt);
}

/** What was typed: `*` starts over, so only the digits after the last one count. */
export function keyedNumber(digits: string): string {
  const i = digits.lastIndexOf('*');
  return (i >= 0 ? digits.slice(i + 1) : digits).replace(/[^0-9]/g, '');
}

export function onGatherEnded(o: StepOut, s: MaskedState, e: CallEvent, now: number) {
  if (s.phase !== 'gathering') return;
  const typed = keyedNumber(e.digits ?? '');
  if (e.status === 'call_hangup' || e.status === 'cancelled') return;
  if (!typed) {
    if (e.status !== 'timeout' && e.status !== 'invalid') {
      // `*#`: started over and ended without a number — ask again, without counting it as silence.
      gather(o, s, OUTBOUND_TEXTS.prompt);
      return;
    }
    s.timeouts++;
    trace(s, 'keypad_timeout', now, { tries: s.timeouts });
    if (s.timeouts > KEYPAD_REPROMPTS) {
      decide(s, 'no_entry');
      sayAndEnd(o, s, 'speak:staff:no_entry', OUTBOUND_TEXTS.noEntry);
    } else gather(o, s, OUTBOUND_TEXTS.reprompt);
    return;
  }
  // 00…: an international access code (001, 002, 00700 …), refused as international whatever follows.
  const e164 = typed.startsWith('00') ? null : toE164(typed);
  let refusal: string | null = null;
  if (typed.startsWith('00')) {
    trace(s, 'refused', now, { class: 'international' });
    refusal = refusalText('international');
  } else if (!e164) {
    trace(s, 'invalid', now);
    refusal = OUTBOUND_TEXTS.invalid;
  } else if (!mayDial(e164, 'outbound')) {
    const cls = destinationClass(e164);
    trace(s, 'refused', now, { number: e164, class: cls });
    refusal = refusalText(cls);
  }
  if (refusal !== null) {
    s.refusals++;
    if (s.refusals >= KEYPAD_REFUSALS) {
      decide(s, 'refused');
      sayAndEnd(o, s, 'speak:staff:refused', `${refusal} ${OUTBOUND_TEXTS.tooManyTries}`);
    } else gather(o, s, `${refusal} ${OUTBOUND_TEXTS.prompt}`);
    return;
  }
  s.target = e164 ?? null;
  trace(s, 'entered', now, { number: s.target ?? '' });
  announce(o, s, now);
}
