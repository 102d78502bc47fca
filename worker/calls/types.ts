// The vocabulary of call flows: commands a reducer asks for, timers it sets, and the inputs it
// consumes. Plain data only, so reducers stay pure and the DO can persist and replay them.
import type { VoiceEvent } from '../telnyx/events';
import type { LegRole } from '../telnyx/client-state';
import type { Decision } from '../routing/decide';

export type { LegRole };

/** Korean voice from Telnyx's catalogue; `speak` requires a voice. */
export const VOICE = 'AWS.Polly.Seoyeon-Neural';
export const LANGUAGE = 'ko-KR';

type Base = { key: string; leg: LegRole };
export type Command =
  | (Base & { action: 'answer'; callControlId: string })
  | (Base & { action: 'reject'; callControlId: string; cause: 'CALL_REJECTED' | 'USER_BUSY' })
  | (Base & { action: 'hangup'; callControlId: string })
  | (Base & { action: 'speak'; callControlId: string; text: string })
  | (Base & { action: 'bridge'; callControlId: string; otherCallControlId: string })
  | (Base & { action: 'record_start'; callControlId: string })
  | (Base & { action: 'dial'; to: string; from: string; timeoutSecs: number; linkTo: string });
export type CommandAction = Command['action'];

export type TimerName = 'ring' | 'silence' | 'linger';
/** Set (at = epoch ms) or clear (at = null) a named timer; the DO keeps one alarm for the earliest. */
export type TimerChange = { name: TimerName; at: number | null };

/** What the reducer consumes: carrier events, plus what the DO learned on its behalf. */
export type FlowInput =
  | { kind: 'event'; event: VoiceEvent; role: LegRole | null }
  /** The first inbound call.initiated, with the routing decision the DO computed for it. */
  | { kind: 'inbound'; event: VoiceEvent; decision: Decision }
  | { kind: 'dialled'; key: string; callControlId: string; callLegId: string }
  | { kind: 'command_failed'; key: string; action: CommandAction; leg: LegRole }
  | { kind: 'timer'; name: TimerName };
