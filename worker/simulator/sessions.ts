// The simulated carrier's bookkeeping, under its leg model (legs.ts) and its REST face (model.ts):
// sessions with their clocks, the log, pending scripted work, the webhooks out, and what it keeps
// for tests and the page (pushes received, recordings saved and served as mp3).
import * as v from 'valibot';
import { WebhookOutbox, type LogEntry, type PostWebhook, type SimSession } from './delivery';
import type { SimLeg } from './legs';
import { webhook, type WebhookBody } from './payloads';
import { FaultsSchema, type Faults } from './schemas';
import { defined } from '../defined';

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

export class CarrierSessions {
  /** Every leg by its call control id (the leg model, legs.ts, gives them their life). */
  readonly legs = new Map<string, SimLeg>();
  readonly sessions = new Map<string, SimSession>();
  readonly recordings = new Map<string, SimRecording>();
  /** Web Push requests the worker sent to test endpoints (…invalid hosts), newest last. */
  readonly pushes: SimPush[] = [];
  /** Messages accepted (POST /v2/messages), their idempotency keys and messaging faults. */
  protected seenCommands = new Map<string, number>();
  /** Faults for sessions the carrier starts itself (an outbound dial with nothing to link to); none unless set. */
  protected defaultFaults: (() => Faults) | null = null;
  readonly log: LogEntry[] = [];
  private seq = 0;
  readonly outbox: WebhookOutbox;

  constructor(protected readonly cfg: CarrierConfig) {
    this.outbox = new WebhookOutbox(cfg.post, cfg.privateKey, (e) => this.note(e), cfg.waitUntil);
  }

  // ── clocks, ids, log ─────────────────────────────────────────────────────
  /** The session's clock: real time, shifted when the call was placed at a scripted instant. */
  protected tick(sessionId: string): string {
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
  protected later(s: SimSession, ms: number, fn: () => void, leg?: SimLeg) {
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

  protected emit(sessionId: string, body: WebhookBody) {
    this.outbox.emit(this.session(sessionId), JSON.stringify(body));
  }

  protected recordingUrl(s: SimSession, id: string) {
    if (s.faults.recording === 'elsewhere') return `https://recordings.elsewhere.example/recordings/${id}.mp3`;
    return `${this.cfg.recordingBase().replace(/\/+$/, '')}/recordings/${id}.mp3`;
  }

  /**
   * The recording on this leg stops: its file is kept (its audio length; silence trimmed when asked
   * and the caller said nothing) and call.recording.saved goes out, `afterMs` later.
   */
  protected saveRecording(leg: SimLeg, afterMs: number) {
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
}
