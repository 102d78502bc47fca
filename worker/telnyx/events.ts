// Telnyx webhook shapes (Call Control v2 + Messaging v2): the valibot envelope, one payload schema
// per event we use, and their mapping into the call flows' own vocabulary (worker/calls/vocabulary).
// Field names follow the `telnyx` SDK's webhook types; where TELNYX.md and the types differ the types win.
import * as v from 'valibot';
import { HANGUP_CAUSES, type CallEvent, type CallEventType, type HangupCause } from '../calls/vocabulary';
import { decodeClientState } from './client-state';

const isoTime = v.pipe(v.string(), v.isoTimestamp());
const str = v.string();
const optStr = v.optional(v.nullable(v.string()));

/** The envelope every webhook shares. `meta` is typed only for messaging; call events may carry it. */
export const EnvelopeSchema = v.object({
  data: v.object({
    record_type: v.optional(v.string()),
    event_type: v.pipe(str, v.minLength(1), v.maxLength(100)),
    id: v.pipe(str, v.minLength(1), v.maxLength(200)),
    occurred_at: isoTime,
    payload: v.record(v.string(), v.unknown()),
  }),
  meta: v.optional(v.object({ attempt: v.optional(v.number()), delivered_to: v.optional(v.string()) })),
});
export type Envelope = v.InferOutput<typeof EnvelopeSchema>;

const legCommon = {
  call_control_id: str,
  call_leg_id: str,
  call_session_id: str,
  connection_id: optStr,
  // Real deliveries carry null when unset; the SDK types say string | undefined. Both are accepted.
  client_state: optStr,
  from: optStr,
  to: optStr,
};

const leg = <E extends Record<string, v.GenericSchema>>(extra: E) => v.looseObject({ ...legCommon, ...extra });

export { HANGUP_CAUSES, type HangupCause };

/** Payload schemas by event type: the events of TELNYX.md "Events we use". */
export const VOICE_PAYLOADS = {
  'call.initiated': leg({
    direction: v.picklist(['incoming', 'outgoing']),
    state: v.optional(v.string()),
    start_time: v.optional(isoTime),
  }),
  'call.answered': leg({ start_time: v.optional(isoTime) }),
  'call.bridged': leg({}),
  'call.hangup': leg({
    // Unknown causes fold to `unspecified` rather than failing the whole delivery.
    hangup_cause: v.optional(v.fallback(v.picklist(HANGUP_CAUSES), 'unspecified'), 'unspecified'),
    hangup_source: v.optional(v.fallback(v.picklist(['caller', 'callee', 'unknown']), 'unknown'), 'unknown'),
    sip_hangup_cause: optStr,
  }),
  'call.speak.ended': leg({ status: v.optional(v.string()) }),
  'call.playback.ended': leg({ status: v.optional(v.string()) }),
  'call.dtmf.received': leg({ digit: v.pipe(str, v.regex(/^[0-9*#A-D]$/)) }),
  'call.gather.ended': leg({ digits: v.optional(v.string(), ''), status: v.string() }),
  // The typed payload has no call_control_id; the recording belongs to a leg by call_leg_id.
  'call.recording.saved': v.looseObject({
    call_control_id: optStr,
    call_leg_id: str,
    call_session_id: str,
    client_state: optStr,
    connection_id: optStr,
    channels: v.optional(v.picklist(['single', 'dual'])),
    recording_started_at: v.optional(isoTime),
    recording_ended_at: v.optional(isoTime),
    recording_urls: v.object({ mp3: optStr, wav: optStr }),
  }),
  'call.machine.detection.ended': leg({ result: v.optional(v.string()) }),
} as const;
export type VoiceEventType = keyof typeof VOICE_PAYLOADS;

const messageParty = v.looseObject({ phone_number: v.optional(v.string()), status: v.optional(v.string()) });
export const MESSAGE_PAYLOADS = {
  'message.sent': v.looseObject({ id: str, to: v.array(messageParty) }),
  'message.finalized': v.looseObject({ id: str, to: v.array(messageParty) }),
  'message.received': v.looseObject({
    id: str,
    from: messageParty,
    to: v.array(messageParty),
    text: v.optional(v.nullable(v.string())),
    media: v.optional(v.array(v.unknown())),
  }),
} as const;
export type MessageEventType = keyof typeof MESSAGE_PAYLOADS;

export function isVoiceEventType(t: string): t is VoiceEventType {
  return Object.hasOwn(VOICE_PAYLOADS, t);
}
export function isMessageEventType(t: string): t is MessageEventType {
  return Object.hasOwn(MESSAGE_PAYLOADS, t);
}

/** Telnyx event types → the flows' words. */
const EVENT_TYPES: Record<VoiceEventType, CallEventType> = {
  'call.initiated': 'initiated',
  'call.answered': 'answered',
  'call.bridged': 'bridged',
  'call.hangup': 'hangup',
  'call.speak.ended': 'speak_ended',
  'call.playback.ended': 'playback_ended',
  'call.dtmf.received': 'dtmf',
  'call.gather.ended': 'gather_ended',
  'call.recording.saved': 'recording_saved',
  'call.machine.detection.ended': 'machine_detection_ended',
};

export type ParsedWebhook =
  /** `sessionId`: our session named by the leg's client_state, else the carrier's call_session_id. */
  | { kind: 'voice'; sessionId: string; event: CallEvent }
  | {
      kind: 'message';
      type: MessageEventType;
      id: string;
      occurredAt: number;
      carrierMessageId: string;
      statuses: { number: string | null; status: string | null }[];
    }
  | { kind: 'ignored'; type: string };

export type ParseResult = { ok: true; value: ParsedWebhook } | { ok: false; issues: string[] };

function issuesOf(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((i) => `${v.getDotPath(i) ?? '(body)'}: ${i.message}`).slice(0, 5);
}

/** Envelope, then the event's own payload schema. Unknown event types are valid but ignored. */
export function parseWebhook(json: unknown): ParseResult {
  const env = v.safeParse(EnvelopeSchema, json);
  if (!env.success) return { ok: false, issues: issuesOf(env.issues) };
  const { event_type: type, id, occurred_at, payload } = env.output.data;
  const occurredAt = Date.parse(occurred_at);
  if (isVoiceEventType(type)) {
    const p = v.safeParse(VOICE_PAYLOADS[type] as v.GenericSchema<unknown, Record<string, unknown>>, payload);
    if (!p.success) return { ok: false, issues: issuesOf(p.issues) };
    const o = p.output;
    const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : null);
    const urls = o.recording_urls as { mp3?: string | null; wav?: string | null } | undefined;
    const url = urls?.mp3 ?? urls?.wav ?? null;
    const time = (k: string) => (typeof o[k] === 'string' ? Date.parse(o[k] as string) : null);
    const ours = decodeClientState(s('client_state'));
    const carrierSessionId = o.call_session_id as string;
    return {
      ok: true,
      value: {
        kind: 'voice',
        sessionId: ours?.sessionId ?? carrierSessionId,
        event: {
          id,
          type: EVENT_TYPES[type],
          at: occurredAt,
          callControlId: s('call_control_id'),
          callLegId: o.call_leg_id as string,
          carrierSessionId,
          role: ours?.role ?? null,
          from: s('from'),
          to: s('to'),
          direction: (s('direction') as CallEvent['direction']) ?? null,
          hangupCause: (s('hangup_cause') as HangupCause | null) ?? null,
          hangupSource: (s('hangup_source') as CallEvent['hangupSource']) ?? null,
          status: s('status') ?? s('result'),
          digit: s('digit'),
          digits: s('digits'),
          recording: url
            ? {
                url,
                channels: (s('channels') as 'single' | 'dual' | null) ?? null,
                startedAt: time('recording_started_at'),
                endedAt: time('recording_ended_at'),
              }
            : null,
        },
      },
    };
  }
  if (isMessageEventType(type)) {
    const p = v.safeParse(MESSAGE_PAYLOADS[type] as v.GenericSchema<unknown, Record<string, unknown>>, payload);
    if (!p.success) return { ok: false, issues: issuesOf(p.issues) };
    const to = p.output.to as { phone_number?: string; status?: string }[];
    return {
      ok: true,
      value: {
        kind: 'message',
        type,
        id,
        occurredAt,
        carrierMessageId: p.output.id as string,
        statuses: to.map((t) => ({ number: t.phone_number ?? null, status: t.status ?? null })),
      },
    };
  }
  return { ok: true, value: { kind: 'ignored', type } };
}
