// What the carrier simulator accepts: the scripting API's bodies (parties, calls, faults) and the
// Telnyx REST bodies it validates as Telnyx would (422 with a pointer to the bad field).
import * as v from 'valibot';

export const PartySchema = v.object({
  number: v.pipe(v.string(), v.minLength(1)),
  /** manual: rings until someone presses Answer on the page (or the dial times out). */
  answer: v.picklist(['after', 'never', 'busy', 'reject', 'manual']),
  afterMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(600_000)), 0),
  /** Talk time: hangs up this long after being bridged (never, if never bridged). */
  hangupAfterMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(3_600_000))),
});
export type Party = v.InferOutput<typeof PartySchema>;
export type PartyInput = v.InferInput<typeof PartySchema>;

export const FaultsSchema = v.object({
  duplicate: v.optional(v.boolean(), false),
  reorder: v.optional(v.boolean(), false),
  delayMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(10_000)), 0),
  /**
   * The recording's URL (P5): `missing` serves 404, `slow` answers only after `slowMs`, `elsewhere`
   * points at a host that is not the carrier's.
   */
  recording: v.optional(v.picklist(['missing', 'slow', 'elsewhere'])),
  /** The recording's host fails only this many fetches, then serves it (unset: every fetch). */
  recordingFaultTimes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  slowMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(60_000)), 5_000),
  failCommands: v.optional(
    v.array(
      v.object({
        action: v.string(),
        status: v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599)),
        times: v.pipe(v.number(), v.integer(), v.minValue(1)),
      }),
    ),
    [],
  ),
  /**
   * Timeouts on commands: the carrier carries the command out but its answer never arrives (the
   * client's request times out or the connection drops after the carrier acted), `times` times.
   */
  loseAnswers: v.optional(v.array(v.object({ action: v.string(), times: v.pipe(v.number(), v.integer(), v.minValue(1)) })), []),
  /** Each webhook is delivered once more this long after its first delivery (Telnyx's retry after a missed acknowledgement). */
  redeliverAfterMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(600_000))),
  /** Per-webhook and per-command odds (a soak's background noise): delivered twice, swapped with the next, answered 503. */
  duplicateRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1)), 0),
  reorderRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1)), 0),
  failRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1)), 0),
});
export type Faults = v.InferOutput<typeof FaultsSchema>;
export type FaultsInput = v.InferInput<typeof FaultsSchema>;

export const PlaceCallSchema = v.object({
  from: v.pipe(v.string(), v.minLength(1)),
  to: v.pipe(v.string(), v.minLength(1)),
  /** The caller hangs up this long after dialling (e.g. while the mobile still rings); talk time when bridged. */
  hangupAfterMs: v.optional(v.pipe(v.number(), v.minValue(0))),
  /** Scales carrier-side durations (speech, dial timeouts): 0.001 makes a 30 s ring 30 ms. */
  timeScale: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(10)), 1),
  faults: v.optional(FaultsSchema),
  /** The instant the call is placed at (epoch ms): its events carry times from there (occurred_at). */
  at: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** The caller says nothing into a recording (voicemail): with `trim: trim-silence` it comes back empty. */
  silent: v.optional(v.boolean()),
  /** Keep the webhooks to the log instead of delivering them (for testing the simulator alone). */
  deliver: v.optional(v.boolean(), true),
});
export type PlaceCall = v.InferOutput<typeof PlaceCallSchema>;

// ── Telnyx REST bodies ─────────────────────────────────────────────────────
const nonEmpty = v.pipe(v.string(), v.minLength(1));
export const SpeakBody = v.object({ payload: v.pipe(v.string(), v.minLength(1), v.maxLength(3000)), voice: nonEmpty });
/** What happens to a leg when its bridge ends: Telnyx hangs it up unless told to park or hold it. */
const ParkAfterUnbridge = v.optional(v.literal('self'));
export const BridgeBody = v.object({
  call_control_id: nonEmpty,
  /** `self`: this (the URL's) leg is parked when the bridge ends; unset, Telnyx hangs it up. */
  park_after_unbridge: ParkAfterUnbridge,
  /** true: this leg is put on hold when the bridge ends instead of being hung up. */
  hold_after_unbridge: v.optional(v.boolean()),
  /** true: refuse when the other leg is already bridged to another call. */
  prevent_double_bridge: v.optional(v.boolean()),
  play_ringtone: v.optional(v.boolean()),
});
export const RejectBody = v.object({ cause: v.picklist(['CALL_REJECTED', 'USER_BUSY']) });
export const RecordBody = v.object({
  format: v.picklist(['mp3', 'wav']),
  channels: v.picklist(['single', 'dual']),
  play_beep: v.optional(v.boolean()),
  /** Seconds; 0 = no limit (Telnyx allows up to 14,400). */
  max_length: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(14_400))),
  /** Seconds of silence after speech that stop the recording; 0 = never. */
  timeout_secs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  trim: v.optional(v.literal('trim-silence')),
});
export const TransferBody = v.object({ to: nonEmpty, timeout_secs: v.optional(v.pipe(v.number(), v.minValue(5), v.maxValue(600))) });
export const DialBody = v.object({
  connection_id: nonEmpty,
  to: nonEmpty,
  from: nonEmpty,
  timeout_secs: v.optional(v.pipe(v.number(), v.minValue(5), v.maxValue(600)), 30),
  link_to: v.optional(v.string()),
  /** Bridge the new leg to the `link_to` leg when it answers. */
  bridge_on_answer: v.optional(v.boolean()),
  /** `self`: the new leg is parked when its bridge ends (needs link_to); unset, Telnyx hangs it up. */
  park_after_unbridge: ParkAfterUnbridge,
  /** With bridge_on_answer: hang the new leg up instead of bridging when the link_to leg is already bridged. */
  prevent_double_bridge: v.optional(v.boolean()),
  client_state: v.optional(v.string()),
  /** Join an existing call as a supervisor (C12): the leg supervised and how. */
  supervise_call_control_id: v.optional(v.string()),
  supervisor_role: v.optional(v.picklist(['barge', 'whisper', 'monitor'])),
});
export const MessageBody = v.object({
  from: nonEmpty,
  to: nonEmpty,
  text: v.optional(v.string()),
  subject: v.optional(v.string()),
  media_urls: v.optional(v.array(v.string())),
  type: v.optional(v.picklist(['SMS', 'MMS'])),
  messaging_profile_id: v.optional(v.string()),
  webhook_url: v.optional(v.string()),
});
export const PlaybackBody = v.object({
  audio_url: v.optional(v.string()),
  media_name: v.optional(v.string()),
  playback_content: v.optional(v.string()),
  loop: v.optional(v.union([v.number(), v.literal('infinity')])),
});
export const GatherSpeakBody = v.object({ payload: nonEmpty, voice: nonEmpty });
