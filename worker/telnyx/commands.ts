// The command client: flow commands become Telnyx Call Control requests, one `fetch` each. The
// request bodies are typed by the `telnyx` SDK's own parameter types (a type-only import: none of
// the SDK is bundled; its client instantiates every API resource and costs more CPU per command than
// the request itself). One retry policy (ours), the command_id the host gave the command (stored
// with it, so a retry or a redo after an eviction reuses it), client_state on every command, and
// carrier quirks (hangup on a gone leg, bridge right after answer).
import type {
  ActionAnswerParams,
  ActionBridgeParams,
  ActionGatherUsingSpeakParams,
  ActionHangupParams,
  ActionRejectParams,
  ActionSpeakParams,
  ActionStartPlaybackParams,
  ActionStartRecordingParams,
  ActionStopPlaybackParams,
  ActionStopRecordingParams,
} from 'telnyx/resources/calls/actions';
import type { CallDialParams } from 'telnyx/resources/calls/calls';
import { LANGUAGE, VOICE, type Command } from '../calls/vocabulary';
import { dialable } from '../destinations';
import { encodeClientState } from './client-state';
import type { Fetch } from '../outbound';
import { defined } from '../defined';

export type CommandConfig = {
  apiKey: string;
  /** TELNYX_API_BASE without /v2, e.g. https://api.telnyx.com */
  apiBase: string;
  connectionId: string;
  fetch?: Fetch;
  /** Delays between attempts; its length is the number of retries. */
  backoffMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
};

export type CommandResult =
  | { ok: true; attempts: number; dialled?: { callControlId: string; callLegId: string } }
  | { ok: false; attempts: number; status: number | null; code: string | null };

const DEFAULT_BACKOFF = [100, 400, 1200] as const;
/** `bridge` may 422 while the just-answered leg settles: a few short retries, then give up. */
const BRIDGE_422_BACKOFF = [150, 400, 800] as const;
const LEG_GONE = '90018';
/** The code of a dial the destination policy refused before it was sent (worker/destinations.ts). */
export const DESTINATION_REFUSED = 'destination_refused';
const REQUEST_TIMEOUT_MS = 10_000;

/** What one request came to: the carrier's answer (any status), or no answer at all. */
type Reply = { kind: 'answer'; status: number; body: unknown } | { kind: 'network' } | { kind: 'malformed' };

/** A call control id in a path: encoded, but keeping the characters Telnyx ids carry (v3:…). */
const pathId = (id: string) => encodeURIComponent(id).replace(/%(3A|40|24|2C|3B)/gi, (m) => decodeURIComponent(m));

type CarrierRequest = { path: string; body: object };
type WireBridge = Omit<ActionBridgeParams, 'call_control_id_to_bridge_with'> & { call_control_id: string };

function request(cmd: Command, sessionId: string, id: string, connectionId: string): CarrierRequest {
  const client_state = encodeClientState({ sessionId, role: cmd.leg });
  const common = { client_state, command_id: id };
  if (cmd.action === 'dial') {
    const body: CallDialParams = {
      ...common,
      connection_id: connectionId,
      to: cmd.to,
      from: cmd.from,
      timeout_secs: cmd.timeoutSecs,
      ...(cmd.linkTo ? { link_to: cmd.linkTo } : {}),
      ...(cmd.timeLimitSecs ? { time_limit_secs: cmd.timeLimitSecs } : {}),
      ...(cmd.supervise ? { supervise_call_control_id: cmd.supervise.callControlId, supervisor_role: cmd.supervise.role } : {}),
    };
    return { path: '/calls', body };
  }
  const action = (name: string, body: object): CarrierRequest => ({ path: `/calls/${pathId(cmd.callControlId)}/actions/${name}`, body });
  switch (cmd.action) {
    case 'answer':
      return action('answer', common satisfies ActionAnswerParams);
    case 'reject':
      return action('reject', { ...common, cause: cmd.cause } satisfies ActionRejectParams);
    case 'hangup':
      return action('hangup', common satisfies ActionHangupParams);
    case 'speak':
      return action('speak', { ...common, payload: cmd.text, payload_type: 'text', voice: VOICE, language: LANGUAGE } satisfies ActionSpeakParams);
    case 'bridge':
      // On the wire the other leg is `call_control_id` (the SDK's parameter renames it).
      return action('bridge', {
        ...common,
        call_control_id: cmd.otherCallControlId,
        ...(cmd.parkAfterUnbridge ? { park_after_unbridge: 'self' } : {}),
      } satisfies WireBridge);
    case 'record_start':
      return action('record_start', {
        ...common,
        format: 'mp3',
        channels: cmd.channels ?? 'dual',
        ...(cmd.playBeep ? { play_beep: true } : {}),
        ...(cmd.maxLengthSecs ? { max_length: cmd.maxLengthSecs } : {}),
        ...(cmd.trimSilence ? { trim: 'trim-silence' as const } : {}),
        ...(cmd.silenceTimeoutSecs ? { timeout_secs: cmd.silenceTimeoutSecs } : {}),
      } satisfies ActionStartRecordingParams);
    case 'record_stop':
      return action('record_stop', common satisfies ActionStopRecordingParams);
    case 'playback_start':
      return action('playback_start', {
        ...common,
        audio_url: cmd.audioUrl,
        ...(cmd.loop !== undefined ? { loop: cmd.loop } : {}),
      } satisfies ActionStartPlaybackParams);
    case 'playback_stop':
      return action('playback_stop', common satisfies ActionStopPlaybackParams);
    case 'gather':
      return action('gather_using_speak', {
        ...common,
        payload: cmd.text,
        voice: VOICE,
        language: LANGUAGE,
        minimum_digits: cmd.minDigits,
        maximum_digits: cmd.maxDigits,
        timeout_millis: cmd.timeoutMs,
        ...(cmd.terminatingDigit ? { terminating_digit: cmd.terminatingDigit } : {}),
        ...(cmd.validDigits ? { valid_digits: cmd.validDigits } : {}),
      } satisfies ActionGatherUsingSpeakParams);
  }
}

async function post(cfg: CommandConfig, req: CarrierRequest): Promise<Reply> {
  const send = cfg.fetch ?? fetch;
  // A timer cleared with the answer (AbortSignal.timeout would leave one pending per command).
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  try {
    let res: Response;
    let text: string;
    try {
      res = await send(`${cfg.apiBase.replace(/\/+$/, '')}/v2${req.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cfg.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(req.body),
        signal: abort.signal,
      });
      text = await res.text();
    } catch {
      return { kind: 'network' };
    }
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        // An error status with a non-JSON body is still the carrier's answer; a success we cannot read is not.
        if (res.ok) return { kind: 'malformed' };
      }
    }
    return { kind: 'answer', status: res.status, body };
  } finally {
    clearTimeout(timer);
  }
}

function errorCode(body: unknown): string | null {
  const code = (body as { errors?: { code?: unknown }[] } | null)?.errors?.[0]?.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : null;
}

/** The log line for a command the carrier refused: ids and codes only, never numbers or text. */
function logRefusal(sessionId: string, cmd: Command, status: number | null, code: string | null, attempts: number) {
  console.warn(JSON.stringify({ msg: 'telnyx command failed', sessionId, key: cmd.key, action: cmd.action, leg: cmd.leg, status, code, attempts }));
}

/** Sends one command with our retry policy; `id` is its command_id (the same on every attempt and redo). */
export async function runCommand(cfg: CommandConfig, sessionId: string, cmd: Command, id: string): Promise<CommandResult> {
  const sleep = cfg.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const backoff = cfg.backoffMs ?? DEFAULT_BACKOFF;
  // The last guard of the destination policy: whatever a flow asks, a number the policy refuses
  // (premium-rate, international, emergency, 050…) never reaches the carrier. The flow hears a
  // failed dial and ends the call its usual way.
  if (cmd.action === 'dial' && !dialable(cmd.to)) {
    logRefusal(sessionId, cmd, null, DESTINATION_REFUSED, 0);
    return { ok: false, attempts: 0, status: null, code: DESTINATION_REFUSED };
  }
  const req = request(cmd, sessionId, id, cfg.connectionId);
  let attempts = 0;
  let bridgeRetries = 0;
  for (;;) {
    attempts++;
    const reply = await post(cfg, req);
    if (reply.kind === 'malformed') {
      // Not a carrier answer we can read: fail this command so the flow ends the call safely,
      // rather than throwing and leaving legs up.
      console.error(JSON.stringify({ msg: 'telnyx command error', sessionId, key: cmd.key, action: cmd.action, error: 'malformed_reply' }));
      return { ok: false, attempts, status: null, code: 'client_error' };
    }
    if (reply.kind === 'answer' && reply.status >= 200 && reply.status < 300) {
      if (cmd.action === 'dial') {
        const data = (reply.body as { data?: { call_control_id?: string; call_leg_id?: string } } | null)?.data;
        // Accepted without the new leg's ids: the carrier ignored a repeated command_id (a retry after a
        // lost answer, or a redo after an eviction) of a dial it already placed. The leg is real: the
        // flow learns it from its own webhooks (client_state names the session and role). Failing here
        // would leave that leg up with nobody to hang it up.
        if (!data?.call_control_id || !data.call_leg_id) return { ok: true, attempts };
        return { ok: true, attempts, dialled: { callControlId: data.call_control_id, callLegId: data.call_leg_id } };
      }
      return { ok: true, attempts };
    }
    const status = reply.kind === 'answer' ? reply.status : null;
    const code = reply.kind === 'answer' ? errorCode(reply.body) : null;
    if (cmd.action === 'hangup' && status === 422 && code === LEG_GONE) return { ok: true, attempts };
    // A leg that has ended stays ended: only a leg still settling after its answer is worth a retry.
    if (cmd.action === 'bridge' && status === 422 && code !== LEG_GONE && bridgeRetries < BRIDGE_422_BACKOFF.length) {
      await sleep(defined(BRIDGE_422_BACKOFF[bridgeRetries++], 'BRIDGE_422_BACKOFF'));
      continue;
    }
    const retryable = status === null || status >= 500;
    const retryIndex = attempts - 1 - bridgeRetries;
    if (retryable && retryIndex < backoff.length) {
      await sleep(defined(backoff[retryIndex], 'backoff'));
      continue;
    }
    logRefusal(sessionId, cmd, status, code, attempts);
    return { ok: false, attempts, status, code };
  }
}
