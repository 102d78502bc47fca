// The voicemail flow alone (pure), through the flow test kit: any delivery order the carrier could
// produce, with duplicates, gives the same commands and the same record as in-order delivery; a
// message is copied once, recorded once, and the owner told once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowStart } from '../../worker/calls/flow';
import { newLeg } from '../../worker/calls/legs';
import type { CopyResult } from '../../worker/calls/media-effects';
import type { Effect } from '../../worker/calls/vocabulary';
import { VOICEMAIL_PROMPT, voicemailFlow, type VoicemailParams, type VoicemailState } from '../../worker/calls/voicemail';
import { route } from '../../worker/routing/route';
import { callEvent as ev, drive, inOrder, resetClock, WORKING_INSTANT, type DriveOptions, type ScriptedEvent } from '../fixtures/flow-kit';
import { snapshotWith } from '../fixtures/routing';

const AFTER_HOURS = WORKING_INSTANT + 9 * 60 * 60_000;
const decision = route({
  snapshot: snapshotWith({ voicemail: { afterHours: true, noAnswer: false } }),
  caller: '+821012345678',
  now: AFTER_HOURS,
  lists: [],
  shield: null,
});

function params(): VoicemailParams {
  const caller = newLeg('ccA', 'legA');
  caller.status = 'answered';
  caller.answeredAt = AFTER_HOURS;
  return {
    reason: 'after_hours',
    decision,
    caller,
    from: '+821012345678',
    to: '+8250512345678',
    startedAt: AFTER_HOURS,
    fallbackOutcome: 'after_hours',
    intro: decision.action === 'announce' ? decision.announcement : null,
    firstHangup: null,
  };
}

const saved = (seconds: number) => ({
  recording: { url: 'http://simulator.invalid/recordings/r.mp3', channels: 'single' as const, startedAt: AFTER_HOURS, endedAt: AFTER_HOURS + seconds * 1000 },
  callControlId: null,
});

/** The caller speaks, then presses #: the carrier saves the recording on record_stop. */
function endsWithHash(): ScriptedEvent[] {
  return [
    { event: ev('speak_ended', 'A', { status: 'completed' }), after: 'vm:speak:intro' },
    { event: ev('speak_ended', 'A', { status: 'completed' }), after: 'vm:speak:prompt' },
    { event: ev('dtmf', 'A', { digit: '#' }), after: 'vm:record' },
    { event: ev('recording_saved', 'A', saved(5)), after: 'vm:record_stop' },
    { event: ev('hangup', 'A', { hangupCause: 'normal_clearing', hangupSource: 'caller' }), after: 'vm:hangup' },
  ];
}

/** The caller speaks, then hangs up: the carrier saves what was said after the hangup. */
function endsWithHangup(): ScriptedEvent[] {
  return [
    { event: ev('speak_ended', 'A', { status: 'completed' }), after: 'vm:speak:intro' },
    { event: ev('speak_ended', 'A', { status: 'completed' }), after: 'vm:speak:prompt' },
    { event: ev('hangup', 'A', { hangupCause: 'normal_clearing', hangupSource: 'caller' }), after: 'vm:record', tag: 'gone' },
    { event: ev('recording_saved', 'A', saved(4)), after: 'event:gone' },
  ];
}

function answer(e: Effect): { ok: boolean; value: unknown } {
  if (e.kind !== 'copy_recording') return { ok: true, value: true };
  const stored: CopyResult = {
    status: 'stored',
    recordingId: null,
    recording: {
      r2Key: `org/${e.orgId}/recordings/2026/12/${e.callSessionId}-voicemail.mp3`,
      kind: 'voicemail',
      contentType: 'audio/mpeg',
      sizeBytes: 1000,
      durationMs: 4000,
      channels: e.channels,
      startedAt: e.startedAt,
      deleteAfter: 0,
      ownerUserId: e.ownerUserId,
    },
  };
  return { ok: true, value: stored };
}

const options = (script: () => ScriptedEvent[]): DriveOptions => {
  resetClock(AFTER_HOURS + 1);
  const start: FlowStart<VoicemailParams> = { kind: 'handoff', sessionId: 'sess', from: 'safe-number', params: params() };
  return { start: start as FlowStart, script, effect: answer };
};

const recordOf = (effects: Effect[]) => effects.filter((e) => e.kind === 'write_call');

describe('voicemail flow (pure)', () => {
  it('in order: intro and prompt, record with beep and limit, # stops and hangs up; copied, recorded and notified once', () => {
    const clean = inOrder(voicemailFlow as never, options(endsWithHash)) as { issued: string[]; effects: Effect[]; state: VoicemailState };
    expect(clean.issued).toEqual(['vm:speak:intro', 'vm:speak:prompt', 'vm:record', 'vm:record_stop', 'vm:hangup']);
    // The popup closes with the missed-call notice, after the record: one message to the owner's Agent.
    expect(clean.effects.map((e) => e.kind)).toEqual(['copy_recording', 'write_call', 'popup']);
    expect(clean.effects.at(-1)).toMatchObject({ call: { state: 'ended', outcome: 'voicemail' }, missed: { outcome: 'voicemail', callSessionId: 'sess' } });
    const [write] = recordOf(clean.effects);
    expect(write).toMatchObject({ record: { outcome: 'voicemail', recording: { kind: 'voicemail' } } });
    expect(clean.state).toMatchObject({ finished: true, recorded: true, outcome: 'voicemail', phase: 'done' });
  });

  it('starts with the prompt text and asks the carrier for a beep, two minutes at most and trimmed silence', () => {
    const step = voicemailFlow.start({ kind: 'handoff', sessionId: 's', from: 'safe-number', params: params() }, 0);
    const texts = step.commands.flatMap((c) => (c.action === 'speak' ? [c.text] : []));
    expect(texts.at(-1)).toBe(VOICEMAIL_PROMPT);
    const later = voicemailFlow.reduce(step.state, { kind: 'event', event: ev('speak_ended', 'A') }, 1);
    const done = voicemailFlow.reduce(later.state, { kind: 'event', event: ev('speak_ended', 'A') }, 2);
    expect(done.commands).toEqual([
      {
        key: 'vm:record',
        leg: 'caller',
        action: 'record_start',
        callControlId: 'ccA',
        channels: 'single',
        playBeep: true,
        maxLengthSecs: 120,
        trimSilence: true,
        silenceTimeoutSecs: 10,
      },
    ]);
  });

  for (const [name, script] of [
    ['ended with #', endsWithHash],
    ['ended by hanging up', endsWithHangup],
  ] as const) {
    it(`${name}: any causally possible order, with duplicates, gives the same commands and the same record`, () => {
      const clean = inOrder(voicemailFlow as never, options(script)) as { issued: string[]; effects: Effect[]; state: VoicemailState };
      expect(clean.state.outcome).toBe('voicemail');
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 10, maxLength: 10 }), fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), (picks, dups) => {
          let i = 0;
          const out = drive(
            voicemailFlow as never,
            options(script),
            () => picks[i++ % picks.length]!,
            (n) => dups[n % dups.length]!,
          ) as { issued: string[]; effects: Effect[]; state: VoicemailState };
          expect([...out.issued].sort()).toEqual([...clean.issued].sort());
          expect(new Set(out.issued).size).toBe(out.issued.length);
          expect(recordOf(out.effects)).toEqual(recordOf(clean.effects));
          expect(out.effects.filter((e) => e.kind === 'copy_recording')).toHaveLength(1);
          expect(out.effects.filter((e) => e.kind === 'popup' && e.missed)).toHaveLength(1);
          expect(out.state).toMatchObject({ finished: true, recorded: true, outcome: 'voicemail' });
        }),
        { numRuns: 300 },
      );
    });
  }

  it('waits for an announcement of the call before still playing (speaks queue) before the beep', () => {
    const p = params();
    p.intro = null;
    p.caller.speaks = 1; // the waiting announcement, not ended yet when the mobile rang out
    const step = voicemailFlow.start({ kind: 'handoff', sessionId: 's', from: 'safe-number', params: p }, 0);
    const one = voicemailFlow.reduce(step.state, { kind: 'event', event: ev('speak_ended', 'A') }, 1);
    expect(one.commands).toEqual([]);
    const two = voicemailFlow.reduce(one.state, { kind: 'event', event: ev('speak_ended', 'A') }, 2);
    expect(two.commands.map((c) => c.action)).toEqual(['record_start']);
  });

  it('a message under two seconds is not copied: the call keeps its after-hours outcome', () => {
    const short = (): ScriptedEvent[] =>
      endsWithHash().map((s) => (s.event.type === 'recording_saved' ? { ...s, event: ev('recording_saved', 'A', saved(1)) } : s));
    const out = inOrder(voicemailFlow as never, options(short)) as { effects: Effect[]; state: VoicemailState };
    expect(out.effects.map((e) => e.kind)).toEqual(['write_call', 'popup']);
    expect(out.effects.at(-1)).toMatchObject({ missed: { outcome: 'after_hours' } });
    expect(recordOf(out.effects)[0]).toMatchObject({ record: { outcome: 'after_hours' } });
    expect((recordOf(out.effects)[0] as { record: { recording?: unknown } }).record.recording).toBeUndefined();
  });
});
