// The simulated carrier's model of call legs: what each Call Control command does to a leg, which
// webhooks that produces, and the scripted humans (callers, callees) with their timings. Platform
// neutral (timers and an injected delivery), so the worker's SimCarrier DO and the Node bench share it.
import * as v from 'valibot';
import { WebhookOutbox, type LogEntry, type PostWebhook, type SimSession } from './delivery';
import { webhook, type LegRef, type WebhookBody } from './payloads';
import { MessageDesk } from './messages';
import {
  BridgeBody,
  DialBody,
  FaultsSchema,
  GatherSpeakBody,
  PlaybackBody,
  RecordBody,
  RejectBody,
  SpeakBody,
  TransferBody,
  type Faults,
  type Party,
  type PlaceCall,
} from './schemas';
import { defined } from '../defined';

type LegState = 'parked' | 'ringing' | 'answered' | 'bridged' | 'ended';
type SimLeg = LegRef & {
  direction: 'incoming' | 'outgoing';
  state: LegState;
  peer: string | null;
  speakUntil: number;
  recording: { id: string; startedAt: string; trim: boolean; channels: 'single' | 'dual' } | null;
  /** The scripted caller says nothing (a silent voicemail). */
  silent: boolean;
  /** Pending scripted actions of this leg, cancelled when it ends. */
  timers: Map<ReturnType<typeof setTimeout>, SimSession>;
  /** The scripted callee hangs up this long after being bridged (talk time). */
  talkMs: number | null;
  /** A looping playback (hold audio) is playing into this leg. */
  playing: boolean;
  /** A supervisor's leg (C12): the leg it supervises and how (monitor, whisper, barge). */
  supervises: { callControlId: string; role: 'barge' | 'whisper' | 'monitor' } | null;
  /**
   * What Telnyx does with this leg when its bridge ends (the opposite leg hangs up or is bridged
   * elsewhere): hang it up (the default), park it (`park_after_unbridge: "self"`) or hold it
   * (`hold_after_unbridge: true`). Set by the bridge command issued on this leg, else by its dial.
   */
  afterUnbridge: AfterUnbridge;
  /** The dial's own `park_after_unbridge: "self"`: the default when the leg is bridged as the other leg. */
  dialAfterUnbridge: AfterUnbridge;
  /** Put on hold when its bridge ended (`hold_after_unbridge`). */
  held: boolean;
  /** Dialled with `bridge_on_answer`: bridge to this leg when answered (`prevent_double_bridge`: not if it is bridged). */
  bridgeOnAnswer: { to: string; preventDouble: boolean } | null;
  /**
   * A gather in progress: the digits pressed so far (only `valid_digits`), ended by the
   * `terminating_digit` (not included), by reaching `maximum_digits`, or by `timeout_millis`.
   */
  gather: { id: string; digits: string; max: number; terminating: string; valid: string } | null;
};
type AfterUnbridge = 'hangup' | 'park' | 'hold';

/** A REST answer as Telnyx would give it, before any HTTP framing; `lost`: carried out, but the answer never arrives. */
export type RestResult = { status: number; body: unknown; lost?: boolean };

export type CarrierConfig = {
  post: PostWebhook;
  privateKey: () => string;
  waitUntil: (p: Promise<unknown>) => void;
  /** Base URL recordings are served from (…/recordings/<id>.mp3). */
  recordingBase: () => string;
  connectionId: () => string;
  messagingProfileId: () => string;
};

const LOG_MAX = 100_000;
const MAX_SESSIONS = 5_000;
const MAX_RECORDINGS = 2_000;
/** One MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz): 417 bytes, 1152 samples ≈ 26.1 ms. */
const FRAME_BYTES = 417;
const FRAME_MS = (1152 / 44_100) * 1000;

/** A push as a push service receives it: where it went, its headers, and the encrypted body's size. */
export type SimPush = { path: string; headers: Record<string, string>; bytes: number; status: number; at: number };
const MAX_PUSHES = 1_000;

/** A saved recording as the simulator serves it: its audio length and where its URL points. */
export type SimRecording = { id: string; session: string; audioMs: number };

/** An mp3 of `ms` of (silent) audio: valid frame headers, so a parser counts its duration. */
export function mp3Of(ms: number): Uint8Array<ArrayBuffer> {
  const frames = Math.max(1, Math.ceil(ms / FRAME_MS));
  const bytes = new Uint8Array(frames * FRAME_BYTES);
  for (let i = 0; i < frames; i++) bytes.set([0xff, 0xfb, 0x90, 0x64], i * FRAME_BYTES);
  return bytes;
}

export function telnyxError(status: number, code: string, title: string, pointer?: string, detail = title): RestResult {
  return { status, body: { errors: [{ code, title, detail, ...(pointer ? { source: { pointer } } : {}) }] } };
}
/** Telnyx's answer to any command on a leg that has ended (OpenAPI UnprocessableEntityResponse, `call_already_ended`). */
export const callEnded = (pointer?: string) =>
  telnyxError(422, '90018', 'Call has already ended', pointer, "This call is no longer active and can't receive commands.");
/** The OpenAPI example `call_not_answered`. */
const notAnswered = () =>
  telnyxError(422, '90034', 'Call not answered yet', undefined, "This call can't receive this command because it has not been answered yet.");
/**
 * `prevent_double_bridge` refused: the reference names no error for it, so a 422 with the generic
 * "Unable to execute command" code (see docs/carrier-commands.md).
 */
const alreadyBridged = () =>
  telnyxError(422, '90033', 'Unable to execute command', '/call_control_id', 'The call to bridge with is already bridged to another call.');
const ok = (): RestResult => ({ status: 200, body: { data: { result: 'ok' } } });

export class CarrierModel {
  readonly legs = new Map<string, SimLeg>();
  readonly sessions = new Map<string, SimSession>();
  private parties = new Map<string, Party>();
  readonly recordings = new Map<string, SimRecording>();
  /** Web Push requests the worker sent to test endpoints (…invalid hosts), newest last. */
  readonly pushes: SimPush[] = [];
  /** Messages accepted (POST /v2/messages), their idempotency keys and messaging faults. */
  readonly messages = new MessageDesk();
  private seenCommands = new Map<string, number>();
  /** Faults for sessions the carrier starts itself (an outbound dial with nothing to link to); none unless set. */
  private defaultFaults: (() => Faults) | null = null;
  readonly log: LogEntry[] = [];
  private seq = 0;
  readonly outbox: WebhookOutbox;

  constructor(private readonly cfg: CarrierConfig) {
    this.outbox = new WebhookOutbox(cfg.post, cfg.privateKey, (e) => this.note(e), cfg.waitUntil);
  }

  // ── clocks, ids, log ─────────────────────────────────────────────────────
  /** The session's clock: real time, shifted when the call was placed at a scripted instant. */
  private tick(sessionId: string): string {
    const s = this.session(sessionId);
    s.lastAt = Math.max(Date.now() + s.offset, s.lastAt + 1);
    return new Date(s.lastAt).toISOString();
  }
  note(e: Omit<LogEntry, 'seq' | 'at'>) {
    this.log.push({ ...e, seq: ++this.seq, at: Date.now() });
    if (this.log.length > LOG_MAX) this.log.splice(0, this.log.length - LOG_MAX);
  }
  session(id: string): SimSession {
    let s = this.sessions.get(id);
    if (!s) {
      this.prune();
      s = {
        id,
        timeScale: 1,
        offset: 0,
        lastAt: 0,
        faults: this.defaultFaults?.() ?? v.parse(FaultsSchema, {}),
        legs: [],
        busy: 0,
        held: null,
        produced: 0,
        deliver: true,
        chain: Promise.resolve(),
      };
      this.sessions.set(id, s);
    }
    return s;
  }
  /** A long demo or bench must not grow without bound: forget the oldest quiet sessions. */
  private prune() {
    if (this.sessions.size < MAX_SESSIONS) return;
    for (const [id, old] of this.sessions) {
      if (this.sessions.size < MAX_SESSIONS * 0.9) break;
      if (old.busy > 0 || old.held) continue;
      for (const legId of old.legs) this.legs.delete(legId);
      this.sessions.delete(id);
    }
    const now = Date.now();
    for (const [key, until] of this.seenCommands) if (until < now) this.seenCommands.delete(key);
  }

  /**
   * Runs `fn` after `ms`, counted as pending work of the session so tests can wait for quiet.
   * Tied to a leg, it is cancelled when that leg ends (a hung-up phone answers nothing).
   */
  private later(s: SimSession, ms: number, fn: () => void, leg?: SimLeg) {
    s.busy++;
    const handle = setTimeout(
      () => {
        leg?.timers.delete(handle);
        try {
          fn();
        } finally {
          s.busy--;
        }
      },
      Math.max(0, ms),
    );
    leg?.timers.set(handle, s);
  }

  private emit(sessionId: string, body: WebhookBody) {
    this.outbox.emit(this.session(sessionId), JSON.stringify(body));
  }

  private recordingUrl(s: SimSession, id: string) {
    if (s.faults.recording === 'elsewhere') return `https://recordings.elsewhere.example/recordings/${id}.mp3`;
    return `${this.cfg.recordingBase().replace(/\/+$/, '')}/recordings/${id}.mp3`;
  }

  /**
   * The recording on this leg stops: its file is kept (its audio length; silence trimmed when asked
   * and the caller said nothing) and call.recording.saved goes out, `afterMs` later.
   */
  private saveRecording(leg: SimLeg, afterMs: number) {
    const rec = leg.recording;
    if (!rec) return;
    leg.recording = null;
    const s = this.session(leg.callSessionId);
    const endedAt = this.tick(leg.callSessionId);
    const audioMs = rec.trim && leg.silent ? 0 : Math.max(0, Date.parse(endedAt) - Date.parse(rec.startedAt));
    this.recordings.set(rec.id, { id: rec.id, session: s.id, audioMs });
    if (this.recordings.size > MAX_RECORDINGS) this.recordings.delete(defined(this.recordings.keys().next().value, 'value'));
    const send = () =>
      this.emit(leg.callSessionId, webhook.recordingSaved(crypto.randomUUID(), endedAt, leg, rec.startedAt, this.recordingUrl(s, rec.id), rec.channels));
    if (afterMs > 0) this.later(s, afterMs, send);
    else send();
  }

  /**
   * A push service for tests: keeps what arrived and answers 201, or 410 for an endpoint whose path
   * starts with /gone (a subscription the browser dropped).
   */
  receivePush(path: string, headers: Headers, bytes: number): number {
    const status = path.startsWith('/gone') ? 410 : 201;
    const keep = ['authorization', 'content-encoding', 'content-type', 'ttl', 'urgency', 'topic'];
    this.pushes.push({
      path,
      headers: Object.fromEntries(keep.flatMap((k) => (headers.has(k) ? [[k, defined(headers.get(k), 'headers.get(k)')]] : []))),
      bytes,
      status,
      at: Date.now(),
    });
    if (this.pushes.length > MAX_PUSHES) this.pushes.shift();
    return status;
  }

  /** A recording's file as the carrier's storage would serve it (faults: missing, slow). */
  async recordingFile(file: string): Promise<{ status: number; bytes: Uint8Array<ArrayBuffer> | null }> {
    const rec = this.recordings.get(file.replace(/\.mp3$/, ''));
    if (!rec) return { status: 404, bytes: null };
    const faults = this.transientRecordingFault(this.sessions.get(rec.session)?.faults);
    if (faults?.recording === 'missing') return { status: 404, bytes: null };
    if (faults?.recording === 'slow') await new Promise((r) => setTimeout(r, faults.slowMs));
    return { status: 200, bytes: mp3Of(rec.audioMs) };
  }

  /** Fault `recordingFaultTimes`: the recording's host fails only that many fetches, then serves it. */
  private transientRecordingFault(faults: Faults | undefined): Faults | undefined {
    if (faults?.recordingFaultTimes === undefined) return faults;
    if (faults.recordingFaultTimes <= 0) return undefined;
    faults.recordingFaultTimes--;
    return faults;
  }

  // ── the leg model ────────────────────────────────────────────────────────
  private newLeg(sessionId: string, direction: SimLeg['direction'], from: string, to: string, connectionId: string, clientState?: string): SimLeg {
    const leg: SimLeg = {
      callControlId: `v3:sim-${crypto.randomUUID()}`,
      callLegId: crypto.randomUUID(),
      callSessionId: sessionId,
      connectionId,
      from,
      to,
      clientState,
      direction,
      state: direction === 'incoming' ? 'parked' : 'ringing',
      peer: null,
      speakUntil: 0,
      recording: null,
      silent: false,
      timers: new Map(),
      talkMs: null,
      playing: false,
      supervises: null,
      afterUnbridge: 'hangup',
      dialAfterUnbridge: 'hangup',
      held: false,
      bridgeOnAnswer: null,
      gather: null,
    };
    this.legs.set(leg.callControlId, leg);
    this.session(sessionId).legs.push(leg.callControlId);
    return leg;
  }

  private answer(leg: SimLeg) {
    if (leg.state !== 'parked' && leg.state !== 'ringing') return;
    leg.state = 'answered';
    this.emit(leg.callSessionId, webhook.answered(crypto.randomUUID(), this.tick(leg.callSessionId), leg));
    // A supervisor who answers joins the supervised call (Telnyx bridges the supervisor in).
    const target = leg.supervises ? this.legs.get(leg.supervises.callControlId) : undefined;
    if (target && target.state === 'bridged') {
      leg.state = 'bridged';
      this.emit(leg.callSessionId, webhook.bridged(crypto.randomUUID(), this.tick(leg.callSessionId), leg));
    } else if (leg.supervises) this.end(leg, 'normal_clearing', 'unknown');
    // bridge_on_answer: joined to the link_to leg now (or hung up, with prevent_double_bridge, when that leg is taken).
    const join = leg.bridgeOnAnswer ? this.legs.get(leg.bridgeOnAnswer.to) : undefined;
    if (leg.bridgeOnAnswer && leg.state === 'answered') {
      if (!join || join.state === 'ended') this.end(leg, 'normal_clearing', 'unknown');
      else if (leg.bridgeOnAnswer.preventDouble && join.state === 'bridged') this.end(leg, 'normal_clearing', 'unknown');
      else if (join.state === 'answered' || join.state === 'bridged') this.join(join, leg, join.afterUnbridge);
    }
  }

  /**
   * The leg's bridge ended because its opposite leg hung up or was bridged elsewhere. As Telnyx
   * documents (BridgeRequest.park_after_unbridge): "If not set, the default behavior is to hang up
   * the leg"; `self` parks it; `hold_after_unbridge: true` holds it.
   */
  private unbridged(leg: SimLeg) {
    leg.peer = null;
    if (leg.state !== 'bridged') return;
    if (leg.afterUnbridge === 'hangup') return this.end(leg, 'normal_clearing', 'unknown');
    leg.state = 'answered';
    leg.held = leg.afterUnbridge === 'hold';
  }

  private end(leg: SimLeg, cause: Parameters<typeof webhook.hangup>[3], source: 'caller' | 'callee' | 'unknown') {
    if (leg.state === 'ended') return;
    const wasSpeaking = leg.speakUntil > Date.now();
    leg.state = 'ended';
    for (const [handle, session] of leg.timers) {
      clearTimeout(handle);
      session.busy--;
    }
    leg.timers.clear();
    if (wasSpeaking) this.emit(leg.callSessionId, webhook.speakEnded(crypto.randomUUID(), this.tick(leg.callSessionId), leg, 'call_hangup'));
    this.emit(leg.callSessionId, webhook.hangup(crypto.randomUUID(), this.tick(leg.callSessionId), leg, cause, source));
    // A recording ends with its leg; Telnyx saves it shortly after the hangup.
    if (leg.recording) this.saveRecording(leg, 20 * this.session(leg.callSessionId).timeScale);
    // The bridge ends with this leg: Telnyx hangs up the opposite leg unless it was bridged to park or hold.
    const peer = leg.peer ? this.legs.get(leg.peer) : undefined;
    leg.peer = null;
    if (peer && peer.peer === leg.callControlId) this.unbridged(peer);
    // A supervisor's leg is not hung up with the leg it supervises (the reference is silent): it
    // stays up, alone, until the product hangs it up, so a flow that forgets it is caught.
    for (const other of this.legs.values()) if (other.supervises?.callControlId === leg.callControlId && other.state === 'bridged') other.state = 'answered';
  }

  private ring(leg: SimLeg, timeoutSecs: number) {
    const s = this.session(leg.callSessionId);
    const party = this.parties.get(leg.to) ?? { number: leg.to, answer: 'manual' as const, afterMs: 0 };
    leg.talkMs = party.hangupAfterMs ?? null;
    if (party.answer === 'busy') return this.later(s, 5, () => this.end(leg, 'user_busy', 'callee'), leg);
    if (party.answer === 'reject') return this.later(s, 5, () => this.end(leg, 'call_rejected', 'callee'), leg);
    if (party.answer === 'after') {
      this.later(s, party.afterMs, () => leg.state === 'ringing' && this.answer(leg), leg);
    }
    // Unanswered legs expire after the dial's timeout_secs, like Telnyx.
    this.later(s, timeoutSecs * 1000 * s.timeScale, () => leg.state === 'ringing' && this.end(leg, 'timeout', 'unknown'), leg);
  }

  private speak(leg: SimLeg, text: string) {
    const s = this.session(leg.callSessionId);
    const now = Date.now();
    const start = Math.max(now, leg.speakUntil);
    const duration = Math.max(5, text.length * 70) * s.timeScale;
    leg.speakUntil = start + duration;
    this.later(s, start - now, () => this.emit(leg.callSessionId, webhook.speakStarted(crypto.randomUUID(), this.tick(leg.callSessionId), leg)), leg);
    this.later(
      s,
      start - now + duration,
      () => this.emit(leg.callSessionId, webhook.speakEnded(crypto.randomUUID(), this.tick(leg.callSessionId), leg, 'completed')),
      leg,
    );
  }

  // ── REST: Call Control and Messaging ─────────────────────────────────────
  /** Fault injection, command_id de-duplication and the log, shared by every command. */
  command(sessionId: string, legId: string | null, action: string, body: Record<string, unknown> | null, run: (body: Record<string, unknown>) => RestResult) {
    const commandId = typeof body?.command_id === 'string' ? body.command_id : null;
    const s = this.session(sessionId);
    const failure = s.faults.failCommands.find((f) => f.action === action && f.times > 0);
    const logIt = (status: number) => this.note({ session: sessionId, kind: 'command', name: action, leg: legId, status, commandId, eventId: null });
    if (failure) {
      failure.times--;
      logIt(failure.status);
      return { status: failure.status, body: { errors: [{ code: '10001', title: 'Injected failure' }] } };
    }
    if (s.faults.failRate > 0 && Math.random() < s.faults.failRate) {
      logIt(503);
      return { status: 503, body: { errors: [{ code: '10001', title: 'Injected failure' }] } };
    }
    if (!body) {
      logIt(422);
      return telnyxError(422, '10015', 'Invalid JSON body');
    }
    const dedupeKey = `${legId ?? 'dial'}|${commandId}`;
    const now = Date.now();
    if (commandId && (this.seenCommands.get(dedupeKey) ?? 0) > now) {
      logIt(200);
      return ok();
    }
    const res = run(body);
    // What a speak or gather said, for the simulator page and flow tests (announcement texts, not numbers).
    const text = typeof body.payload === 'string' ? body.payload : undefined;
    const params =
      action === 'record_start'
        ? Object.fromEntries(['channels', 'play_beep', 'max_length', 'timeout_secs', 'trim'].filter((k) => k in body).map((k) => [k, body[k]]))
        : undefined;
    this.note({
      session: sessionId,
      kind: 'command',
      name: action,
      leg: legId,
      status: res.status,
      commandId,
      eventId: null,
      ...(text !== undefined ? { text } : {}),
      ...(params ? { params } : {}),
    });
    if (commandId && res.status < 300) this.seenCommands.set(dedupeKey, now + 60_000);
    return res;
  }

  dial(body: Record<string, unknown> | null): RestResult {
    const linkTo = typeof body?.link_to === 'string' ? body.link_to : undefined;
    const linked = linkTo ? this.legs.get(linkTo) : undefined;
    const sessionId = linked?.callSessionId ?? crypto.randomUUID();
    return this.command(sessionId, null, 'dial', body, (b) => {
      const p = v.safeParse(DialBody, b);
      if (!p.success) return telnyxError(422, '10015', 'Invalid parameter', `/${v.getDotPath(p.issues[0]) ?? ''}`);
      if (p.output.link_to && !linked) return callEnded('/link_to');
      const supervised = p.output.supervise_call_control_id ? this.legs.get(p.output.supervise_call_control_id) : undefined;
      if (p.output.supervise_call_control_id && (!supervised || supervised.state !== 'bridged'))
        return telnyxError(422, '90018', 'The supervised call is not in a bridge', '/supervise_call_control_id');
      if (p.output.supervisor_role && !p.output.supervise_call_control_id) return telnyxError(422, '10015', 'Invalid parameter', '/supervise_call_control_id');
      // "When park_after_unbridge is set, link_to becomes required" (and so for bridge_on_answer).
      if ((p.output.park_after_unbridge || p.output.bridge_on_answer) && !p.output.link_to)
        return telnyxError(422, '10004', 'Missing required parameter', '/link_to');
      const leg = this.newLeg(sessionId, 'outgoing', p.output.from, p.output.to, p.output.connection_id, p.output.client_state);
      if (supervised) leg.supervises = { callControlId: supervised.callControlId, role: p.output.supervisor_role ?? 'barge' };
      if (p.output.park_after_unbridge === 'self') leg.dialAfterUnbridge = leg.afterUnbridge = 'park';
      if (p.output.bridge_on_answer && linked) leg.bridgeOnAnswer = { to: linked.callControlId, preventDouble: p.output.prevent_double_bridge ?? false };
      this.emit(leg.callSessionId, webhook.initiated(crypto.randomUUID(), this.tick(leg.callSessionId), leg, 'outgoing'));
      this.ring(leg, p.output.timeout_secs);
      return {
        status: 200,
        body: { data: { call_control_id: leg.callControlId, call_leg_id: leg.callLegId, call_session_id: sessionId, is_alive: true, record_type: 'call' } },
      };
    });
  }

  action(callControlId: string, action: string, body: Record<string, unknown> | null): RestResult {
    const leg = this.legs.get(callControlId);
    if (!leg) return telnyxError(404, '90015', 'Call not found');
    return this.loseAnswer(
      leg.callSessionId,
      action,
      this.command(leg.callSessionId, callControlId, action, body, (b) => this.act(leg, action, b)),
    );
  }

  /** A dial with the `loseAnswers` fault of the session it started in (the REST face calls this). */
  dialWithFaults(body: Record<string, unknown> | null): RestResult {
    const res = this.dial(body);
    const sessionId = (res.body as { data?: { call_session_id?: string } } | null)?.data?.call_session_id;
    return sessionId ? this.loseAnswer(sessionId, 'dial', res) : res;
  }

  /** Fault `loseAnswers`: the command was carried out, but its answer is lost on the way back. */
  private loseAnswer(sessionId: string, action: string, res: RestResult): RestResult {
    const lose = this.session(sessionId).faults.loseAnswers.find((f) => f.action === action && f.times > 0);
    if (!lose) return res;
    lose.times--;
    return { ...res, lost: true };
  }

  /** Faults every new carrier-started session gets (null: none); a function draws them per session. */
  setDefaultFaults(faults: Faults | (() => Faults) | null) {
    // Given as faults, their budgets (failCommands' times…) are shared by the sessions started while set:
    // a dial retried after a 5xx starts a new session, and must not meet a fresh failure there.
    this.defaultFaults = faults === null ? null : typeof faults === 'function' ? faults : () => faults;
  }

  /** POST /v2/messages: accepted once per Idempotency-Key (worker/simulator/messages.ts), then message.sent and message.finalized. */
  message(body: Record<string, unknown> | null, idempotencyKey: string | null = null): RestResult {
    const { result, fresh } = this.messages.take(body, idempotencyKey);
    if (fresh) {
      const msg = { id: fresh.id, from: fresh.from, to: fresh.to, text: fresh.text, profileId: this.cfg.messagingProfileId() };
      const final = this.messages.faults.finalStatus;
      const s = this.session(`msg-${msg.id}`);
      this.later(s, 5, () => this.emit(s.id, webhook.message(crypto.randomUUID(), this.tick(s.id), 'message.sent', msg, 'sent')));
      this.later(s, 15, () => this.emit(s.id, webhook.message(crypto.randomUUID(), this.tick(s.id), 'message.finalized', msg, final)));
      this.note({ session: s.id, kind: 'command', name: 'message', leg: null, status: result.status, commandId: idempotencyKey, eventId: null });
    }
    return result;
  }

  private act(leg: SimLeg, action: string, body: Record<string, unknown>): RestResult {
    const invalid = (pointer: string) => telnyxError(422, '10015', 'Invalid parameter', pointer);
    // Every command to a leg that has ended: Telnyx's documented 422.
    if (leg.state === 'ended') return callEnded();
    // "Use this field to add state to every subsequent webhook": the leg's webhooks carry it from now on.
    if (typeof body.client_state === 'string' && body.client_state) leg.clientState = body.client_state;
    const answered = leg.state === 'answered' || leg.state === 'bridged';
    const field = (p: v.SafeParseResult<v.GenericSchema>) => `/${p.issues ? (v.getDotPath(defined(p.issues[0], 'issues')) ?? '') : ''}`;
    const s = this.session(leg.callSessionId);
    switch (action) {
      case 'answer':
        if (leg.direction !== 'incoming') return invalid('/call_control_id');
        this.answer(leg);
        return ok();
      case 'reject': {
        const p = v.safeParse(RejectBody, body);
        if (!p.success) return invalid(field(p));
        if (answered) return invalid('/call_control_id');
        this.end(leg, 'call_rejected', 'callee');
        return ok();
      }
      case 'hangup':
        this.end(leg, 'normal_clearing', 'caller');
        return ok();
      case 'speak': {
        const p = v.safeParse(SpeakBody, body);
        if (!p.success) return invalid(field(p));
        if (!answered) return notAnswered();
        this.speak(leg, p.output.payload);
        return ok();
      }
      case 'bridge':
        return this.bridge(leg, body, answered);
      case 'record_start': {
        const p = v.safeParse(RecordBody, body);
        if (!p.success) return invalid(field(p));
        if (!answered) return notAnswered();
        if (leg.recording) return ok();
        // play_beep: the caller hears a beep as recording starts (no webhook of its own).
        const rec = { id: crypto.randomUUID(), startedAt: this.tick(leg.callSessionId), trim: p.output.trim === 'trim-silence', channels: p.output.channels };
        leg.recording = rec;
        const max = p.output.max_length ?? 0;
        // At max_length the carrier stops and saves the recording; the call stays up.
        if (max > 0) this.later(s, max * 1000 * s.timeScale, () => leg.recording === rec && this.saveRecording(leg, 0), leg);
        return ok();
      }
      case 'record_stop': {
        if (!leg.recording) return invalid('/call_control_id');
        this.saveRecording(leg, 0);
        return ok();
      }
      case 'playback_start': {
        const p = v.safeParse(PlaybackBody, body);
        if (!p.success || !(p.output.audio_url || p.output.media_name || p.output.playback_content)) return invalid('/audio_url');
        if (!answered) return notAnswered();
        this.emit(leg.callSessionId, webhook.playbackStarted(crypto.randomUUID(), this.tick(leg.callSessionId), leg));
        // A looping playback (hold audio) plays into this leg only, bridged or not, until playback_stop.
        leg.playing = p.output.loop === 'infinity';
        if (p.output.loop !== 'infinity') {
          this.later(
            s,
            1000 * s.timeScale,
            () => this.emit(leg.callSessionId, webhook.playbackEnded(crypto.randomUUID(), this.tick(leg.callSessionId), leg, 'completed')),
            leg,
          );
        }
        return ok();
      }
      case 'playback_stop':
        leg.playing = false;
        this.emit(leg.callSessionId, webhook.playbackEnded(crypto.randomUUID(), this.tick(leg.callSessionId), leg, 'cancelled'));
        return ok();
      case 'gather_using_speak':
      case 'gather': {
        if (action === 'gather_using_speak') {
          const p = v.safeParse(GatherSpeakBody, body);
          if (!p.success) return invalid(field(p));
        }
        if (!answered) return notAnswered();
        // Digits come from the page or a test (`/api/legs/:id/dtmf`); the simulator times out otherwise.
        const timeout = typeof body.timeout_millis === 'number' ? body.timeout_millis : 5000;
        const id = crypto.randomUUID();
        leg.gather = {
          id,
          digits: '',
          max: typeof body.maximum_digits === 'number' ? body.maximum_digits : 128,
          // Telnyx: "The digit used to terminate input if fewer than maximum_digits digits have been gathered" (default '#').
          terminating: typeof body.terminating_digit === 'string' ? body.terminating_digit : '#',
          valid: typeof body.valid_digits === 'string' ? body.valid_digits : '0123456789#*',
        };
        this.later(s, timeout * s.timeScale, () => this.endGather(leg, id, 'timeout'), leg);
        return ok();
      }
      case 'transfer': {
        const p = v.safeParse(TransferBody, body);
        if (!p.success) return invalid(field(p));
        const target = this.newLeg(leg.callSessionId, 'outgoing', leg.to, p.output.to, leg.connectionId);
        this.emit(target.callSessionId, webhook.initiated(crypto.randomUUID(), this.tick(target.callSessionId), target, 'outgoing'));
        this.ring(target, p.output.timeout_secs ?? 30);
        return ok();
      }
      default:
        return telnyxError(404, '10005', 'Resource not found');
    }
  }

  private bridge(leg: SimLeg, body: Record<string, unknown>, answered: boolean): RestResult {
    const p = v.safeParse(BridgeBody, body);
    if (!p.success) return telnyxError(422, '10015', 'Invalid parameter', `/${v.getDotPath(defined(p.issues[0], 'issues')) ?? ''}`);
    const other = this.legs.get(p.output.call_control_id);
    if (!other || other === leg) return telnyxError(422, '90015', 'Invalid Call Control ID', '/call_control_id', 'The call_control_id provided was not valid.');
    if (other.state === 'ended') return callEnded('/call_control_id');
    if (!answered || !(other.state === 'answered' || other.state === 'bridged')) return notAnswered();
    if (p.output.prevent_double_bridge && other.state === 'bridged' && other.peer !== leg.callControlId) return alreadyBridged();
    const after: AfterUnbridge = p.output.park_after_unbridge === 'self' ? 'park' : p.output.hold_after_unbridge ? 'hold' : 'hangup';
    this.join(leg, other, after);
    return ok();
  }

  /**
   * `leg` (the command's leg, with its after-unbridge choice) and `other` are bridged. A leg
   * bridged elsewhere before leaves that bridge: its old opposite leg is unbridged (hung up,
   * parked or held as it was bridged).
   */
  private join(leg: SimLeg, other: SimLeg, after: AfterUnbridge) {
    leg.afterUnbridge = after;
    if (leg.peer === other.callControlId && other.peer === leg.callControlId) return;
    for (const l of [leg, other]) {
      const old = l.peer ? this.legs.get(l.peer) : undefined;
      l.peer = null;
      if (old && old.peer === l.callControlId) this.unbridged(old);
    }
    if (leg.state === 'ended' || other.state === 'ended') return;
    // The other leg keeps what its dial asked for (park_after_unbridge on POST /v2/calls), else is hung up.
    other.afterUnbridge = other.dialAfterUnbridge;
    leg.held = false;
    other.held = false;
    leg.state = 'bridged';
    other.state = 'bridged';
    leg.peer = other.callControlId;
    other.peer = leg.callControlId;
    leg.speakUntil = 0;
    other.speakUntil = 0;
    this.emit(leg.callSessionId, webhook.bridged(crypto.randomUUID(), this.tick(leg.callSessionId), leg));
    this.emit(other.callSessionId, webhook.bridged(crypto.randomUUID(), this.tick(other.callSessionId), other));
    // Scripted parties talk for their talk time, then hang up.
    for (const l of [leg, other]) {
      const talk = l.talkMs;
      if (talk !== null)
        this.later(this.session(l.callSessionId), talk, () => this.end(l, 'normal_clearing', l.direction === 'incoming' ? 'caller' : 'callee'), l);
    }
  }

  // ── scripting: the humans ────────────────────────────────────────────────
  setParty(party: Party) {
    this.parties.set(party.number, party);
  }

  /** How each scripted number answers (numbers never scripted ring until someone presses Answer). */
  listParties(): Party[] {
    return [...this.parties.values()];
  }

  /** A citizen dials: an incoming leg and its call.initiated. */
  placeCall(p: PlaceCall): { callSessionId: string; callControlId: string } {
    const sessionId = crypto.randomUUID();
    const s = this.session(sessionId);
    s.timeScale = p.timeScale;
    if (p.at !== undefined) s.offset = p.at - Date.now();
    if (p.faults) s.faults = p.faults;
    s.deliver = p.deliver;
    const leg = this.newLeg(sessionId, 'incoming', p.from, p.to, this.cfg.connectionId());
    leg.silent = p.silent ?? false;
    this.note({ session: sessionId, kind: 'script', name: 'dial', leg: leg.callControlId, status: null, commandId: null, eventId: null });
    this.emit(leg.callSessionId, webhook.initiated(crypto.randomUUID(), this.tick(leg.callSessionId), leg, 'incoming'));
    if (p.hangupAfterMs !== undefined) this.later(s, p.hangupAfterMs, () => this.end(leg, 'normal_clearing', 'caller'), leg);
    return { callSessionId: sessionId, callControlId: leg.callControlId };
  }

  /** A person answers, hangs up or presses digits on a leg; false when not possible in its state. */
  legAction(callControlId: string, act: string, digits = ''): 'ok' | 'not_found' | 'invalid' {
    const leg = this.legs.get(callControlId);
    if (!leg) return 'not_found';
    this.note({ session: leg.callSessionId, kind: 'script', name: act, leg: leg.callControlId, status: null, commandId: null, eventId: null });
    if (act === 'answer' && leg.state === 'ringing') this.answer(leg);
    else if (act === 'hangup') this.end(leg, 'normal_clearing', leg.direction === 'incoming' ? 'caller' : 'callee');
    else if (act === 'dtmf' && leg.state !== 'ended')
      for (const d of digits.replace(/[^0-9*#]/g, '')) {
        this.emit(leg.callSessionId, webhook.dtmf(crypto.randomUUID(), this.tick(leg.callSessionId), leg, d));
        this.gathered(leg, d);
      }
    else return 'invalid';
    return 'ok';
  }

  /** A digit pressed during a gather: the terminating digit or the last digit allowed ends it (`valid`). */
  private gathered(leg: SimLeg, digit: string) {
    const g = leg.gather;
    if (!g) return;
    if (g.terminating && digit === g.terminating) return this.endGather(leg, g.id, 'valid');
    if (!g.valid.includes(digit)) return;
    g.digits += digit;
    if (g.digits.length >= g.max) this.endGather(leg, g.id, 'valid');
  }

  /** `call.gather.ended` with the digits gathered (once per gather; a timeout after the end does nothing). */
  private endGather(leg: SimLeg, id: string, status: 'valid' | 'timeout') {
    const g = leg.gather;
    if (!g || g.id !== id || leg.state === 'ended') return;
    leg.gather = null;
    this.emit(leg.callSessionId, webhook.gatherEnded(crypto.randomUUID(), this.tick(leg.callSessionId), leg, g.digits, status));
  }

  view(s: SimSession) {
    return {
      id: s.id,
      idle: s.busy === 0 && s.held === null,
      legs: s.legs.flatMap((id) => {
        const l = this.legs.get(id);
        return l
          ? [
              {
                callControlId: l.callControlId,
                direction: l.direction,
                from: l.from,
                to: l.to,
                state: l.state,
                recording: l.recording !== null,
                playing: l.playing,
                held: l.held,
                peer: l.peer,
                supervises: l.supervises,
              },
            ]
          : [];
      }),
      log: this.log.filter((e) => e.session === s.id),
    };
  }

  recentCalls(n = 20) {
    return [...this.sessions.values()]
      .filter((s) => !s.id.startsWith('msg-'))
      .slice(-n)
      .reverse()
      .map((s) => this.view(s));
  }
}
