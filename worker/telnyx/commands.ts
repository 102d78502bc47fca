// The command client: flow commands become Telnyx Call Control requests through the `telnyx` SDK.
// One retry policy (ours; the SDK's own is off), the command_id the host gave the command (stored
// with it, so a retry or a redo after an eviction reuses it), client_state on every command, and
// carrier quirks (hangup on a gone leg, bridge right after answer).
import Telnyx, { APIConnectionError, APIError } from 'telnyx';
import { LANGUAGE, VOICE, type Command } from '../calls/vocabulary';
import { encodeClientState } from './client-state';
import type { Fetch } from './transport';

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

// Building a Telnyx client instantiates every API resource of the SDK: build each one once.
const clients = new Map<string, Telnyx>();
const clientsByFetch = new WeakMap<Fetch, Map<string, Telnyx>>();

export function telnyxClient(cfg: CommandConfig): Telnyx {
  const cacheKey = `${cfg.apiBase}|${cfg.apiKey}`;
  let cache = clients;
  if (cfg.fetch) {
    cache = clientsByFetch.get(cfg.fetch) ?? new Map();
    clientsByFetch.set(cfg.fetch, cache);
  }
  let client = cache.get(cacheKey);
  if (!client) {
    client = new Telnyx({
      apiKey: cfg.apiKey,
      baseURL: `${cfg.apiBase.replace(/\/+$/, '')}/v2`,
      // Exactly one retry policy: ours (runCommand), which knows which errors are safe to repeat.
      maxRetries: 0,
      timeout: 10_000,
      ...(cfg.fetch ? { fetch: cfg.fetch } : {}),
    });
    cache.set(cacheKey, client);
  }
  return client;
}

function errorCode(err: APIError): string | null {
  const body = err.error as { errors?: { code?: unknown }[] } | undefined;
  const code = body?.errors?.[0]?.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : null;
}

async function send(client: Telnyx, cmd: Command, sessionId: string, id: string, connectionId: string) {
  const client_state = encodeClientState({ sessionId, role: cmd.leg });
  const common = { client_state, command_id: id };
  if (cmd.action === 'dial') {
    return client.calls.dial({
      ...common,
      connection_id: connectionId,
      to: cmd.to,
      from: cmd.from,
      timeout_secs: cmd.timeoutSecs,
      ...(cmd.linkTo ? { link_to: cmd.linkTo } : {}),
      ...(cmd.timeLimitSecs ? { time_limit_secs: cmd.timeLimitSecs } : {}),
      ...(cmd.supervise ? { supervise_call_control_id: cmd.supervise.callControlId, supervisor_role: cmd.supervise.role } : {}),
    });
  }
  const a = client.calls.actions;
  const ccid = cmd.callControlId;
  switch (cmd.action) {
    case 'answer':
      return a.answer(ccid, common);
    case 'reject':
      return a.reject(ccid, { ...common, cause: cmd.cause });
    case 'hangup':
      return a.hangup(ccid, common);
    case 'speak':
      return a.speak(ccid, { ...common, payload: cmd.text, payload_type: 'text', voice: VOICE, language: LANGUAGE });
    case 'bridge':
      return a.bridge(ccid, { ...common, call_control_id_to_bridge_with: cmd.otherCallControlId });
    case 'record_start':
      return a.startRecording(ccid, {
        ...common,
        format: 'mp3',
        channels: cmd.channels ?? 'dual',
        ...(cmd.playBeep ? { play_beep: true } : {}),
        ...(cmd.maxLengthSecs ? { max_length: cmd.maxLengthSecs } : {}),
        ...(cmd.trimSilence ? { trim: 'trim-silence' as const } : {}),
        ...(cmd.silenceTimeoutSecs ? { timeout_secs: cmd.silenceTimeoutSecs } : {}),
      });
    case 'record_stop':
      return a.stopRecording(ccid, common);
    case 'playback_start':
      return a.startPlayback(ccid, { ...common, audio_url: cmd.audioUrl, ...(cmd.loop !== undefined ? { loop: cmd.loop } : {}) });
    case 'playback_stop':
      return a.stopPlayback(ccid, common);
    case 'gather':
      return a.gatherUsingSpeak(ccid, {
        ...common,
        payload: cmd.text,
        voice: VOICE,
        language: LANGUAGE,
        minimum_digits: cmd.minDigits,
        maximum_digits: cmd.maxDigits,
        timeout_millis: cmd.timeoutMs,
        ...(cmd.terminatingDigit ? { terminating_digit: cmd.terminatingDigit } : {}),
        ...(cmd.validDigits ? { valid_digits: cmd.validDigits } : {}),
      });
  }
}

/** The log line for a command the carrier refused: ids and codes only, never numbers or text. */
function logRefusal(sessionId: string, cmd: Command, status: number | null, code: string | null, attempts: number) {
  console.warn(JSON.stringify({ msg: 'telnyx command failed', sessionId, key: cmd.key, action: cmd.action, leg: cmd.leg, status, code, attempts }));
}

/** Sends one command with our retry policy; `id` is its command_id (the same on every attempt and redo). */
export async function runCommand(cfg: CommandConfig, sessionId: string, cmd: Command, id: string): Promise<CommandResult> {
  const client = telnyxClient(cfg);
  const sleep = cfg.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const backoff = cfg.backoffMs ?? DEFAULT_BACKOFF;
  let attempts = 0;
  let bridgeRetries = 0;
  for (;;) {
    attempts++;
    try {
      const res = await send(client, cmd, sessionId, id, cfg.connectionId);
      if (cmd.action === 'dial') {
        const data = (res as { data?: { call_control_id?: string; call_leg_id?: string } }).data;
        if (!data?.call_control_id || !data.call_leg_id) return { ok: false, attempts, status: 200, code: 'no_call_control_id' };
        return { ok: true, attempts, dialled: { callControlId: data.call_control_id, callLegId: data.call_leg_id } };
      }
      return { ok: true, attempts };
    } catch (err) {
      const network = err instanceof APIConnectionError;
      if (!network && !(err instanceof APIError)) {
        // Not a carrier answer (e.g. the client refused its configuration): fail this command so
        // the flow ends the call safely, rather than throwing and leaving legs up.
        console.error(JSON.stringify({ msg: 'telnyx command error', sessionId, key: cmd.key, action: cmd.action, error: String((err as Error)?.name) }));
        return { ok: false, attempts, status: null, code: 'client_error' };
      }
      const status = network ? null : ((err as APIError).status ?? null);
      const code = network ? null : errorCode(err as APIError);
      if (cmd.action === 'hangup' && status === 422 && code === LEG_GONE) return { ok: true, attempts };
      if (cmd.action === 'bridge' && status === 422 && bridgeRetries < BRIDGE_422_BACKOFF.length) {
        await sleep(BRIDGE_422_BACKOFF[bridgeRetries++]!);
        continue;
      }
      const retryable = network || (status !== null && status >= 500);
      const retryIndex = attempts - 1 - bridgeRetries;
      if (retryable && retryIndex < backoff.length) {
        await sleep(backoff[retryIndex]!);
        continue;
      }
      logRefusal(sessionId, cmd, status, code, attempts);
      return { ok: false, attempts, status, code };
    }
  }
}
