// SimCarrier: the carrier simulator's state (dev and tests only). A model of legs and their states
// behind the Call Control / Messaging REST subset, webhooks signed and delivered as Telnyx would,
// scripted humans (callers, callees) and fault injection. In-memory: a simulator run is disposable.
import { DurableObject, exports } from 'cloudflare:workers';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { Bindings } from '../env';
import { webhook, type LegRef, type WebhookBody } from './payloads';
import { signWebhook } from './sign';

type LegState = 'parked' | 'ringing' | 'answered' | 'bridged' | 'ended';
type SimLeg = LegRef & {
  direction: 'incoming' | 'outgoing';
  state: LegState;
  peer: string | null;
  speakUntil: number;
  recording: { id: string; startedAt: string } | null;
  /** Pending scripted actions of this leg, cancelled when it ends. */
  timers: Map<ReturnType<typeof setTimeout>, SimSession>;
  /** The scripted callee hangs up this long after being bridged (talk time). */
  talkMs: number | null;
};

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
  /** Keep the webhooks to the log instead of delivering them (for testing the simulator alone). */
  deliver: v.optional(v.boolean(), true),
});

export type LogEntry = {
  seq: number;
  at: number;
  session: string;
  kind: 'command' | 'webhook' | 'script';
  name: string;
  leg: string | null;
  status: number | null;
  commandId: string | null;
  eventId: string | null;
  /** For webhooks: the order the carrier produced them in (delivery order may differ under faults). */
  produced?: number;
};

type SimSession = {
  id: string;
  timeScale: number;
  faults: Faults;
  legs: string[];
  busy: number;
  held: { body: string; produced: number; timer: ReturnType<typeof setTimeout> } | null;
  produced: number;
  deliver: boolean;
  chain: Promise<void>;
};

const STATS_MAX = 100_000;
const MAX_SESSIONS = 5_000;

function telnyxError(c: Context, status: 401 | 404 | 422 | 500 | 503, code: string, title: string, pointer?: string) {
  return c.json({ errors: [{ code, title, detail: title, ...(pointer ? { source: { pointer } } : {}) }] }, status);
}

const Speak = v.object({ payload: v.pipe(v.string(), v.minLength(1), v.maxLength(3000)), voice: v.pipe(v.string(), v.minLength(1)) });
const Bridge = v.object({ call_control_id: v.pipe(v.string(), v.minLength(1)) });
const Reject = v.object({ cause: v.picklist(['CALL_REJECTED', 'USER_BUSY']) });
const Record = v.object({ format: v.picklist(['mp3', 'wav']), channels: v.picklist(['single', 'dual']) });
const Transfer = v.object({ to: v.pipe(v.string(), v.minLength(1)), timeout_secs: v.optional(v.pipe(v.number(), v.minValue(5), v.maxValue(600))) });
const Dial = v.object({
  connection_id: v.pipe(v.string(), v.minLength(1)),
  to: v.pipe(v.string(), v.minLength(1)),
  from: v.pipe(v.string(), v.minLength(1)),
  timeout_secs: v.optional(v.pipe(v.number(), v.minValue(5), v.maxValue(600)), 30),
  link_to: v.optional(v.string()),
  client_state: v.optional(v.string()),
});
const Message = v.object({
  from: v.pipe(v.string(), v.minLength(1)),
  to: v.pipe(v.string(), v.minLength(1)),
  text: v.optional(v.string()),
  media_urls: v.optional(v.array(v.string())),
});
const Playback = v.object({
  audio_url: v.optional(v.string()),
  media_name: v.optional(v.string()),
  playback_content: v.optional(v.string()),
  loop: v.optional(v.union([v.number(), v.literal('infinity')])),
});
const GatherSpeak = v.object({ payload: v.pipe(v.string(), v.minLength(1)), voice: v.pipe(v.string(), v.minLength(1)) });

export class SimCarrier extends DurableObject<Bindings> {
  private legs = new Map<string, SimLeg>();
  private sessions = new Map<string, SimSession>();
  private parties = new Map<string, Party>();
  private seenCommands = new Map<string, number>();
  private log: LogEntry[] = [];
  private seq = 0;
  private lastAt = 0;
  private latencies: number[] = [];
  private readonly app = this.routes();

  override async fetch(request: Request): Promise<Response> {
    return this.app.fetch(request, this.env);
  }

  // ── clocks, ids, log ─────────────────────────────────────────────────────
  private tick(): string {
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    return new Date(this.lastAt).toISOString();
  }
  private note(e: Omit<LogEntry, 'seq' | 'at'>) {
    this.log.push({ ...e, seq: ++this.seq, at: Date.now() });
    if (this.log.length > STATS_MAX) this.log.splice(0, this.log.length - STATS_MAX);
  }
  private session(id: string): SimSession {
    let s = this.sessions.get(id);
    if (!s) {
      this.prune();
      s = { id, timeScale: 1, faults: v.parse(FaultsSchema, {}), legs: [], busy: 0, held: null, produced: 0, deliver: true, chain: Promise.resolve() };
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

  // ── webhook delivery ─────────────────────────────────────────────────────
  private emit(sessionId: string, body: WebhookBody) {
    const s = this.session(sessionId);
    const text = JSON.stringify(body);
    const produced = s.produced++;
    if (s.faults.reorder) {
      // Hold each webhook until the next one of the session is produced, then send both swapped.
      if (s.held) {
        const held = s.held;
        s.held = null;
        clearTimeout(held.timer);
        s.busy--;
        this.push(s, text, produced);
        this.push(s, held.body, held.produced);
      } else {
        s.busy++;
        s.held = {
          body: text,
          produced,
          timer: setTimeout(() => {
            if (s.held?.body === text) {
              s.held = null;
              s.busy--;
              this.push(s, text, produced);
            }
          }, 30),
        };
      }
      return;
    }
    this.push(s, text, produced);
  }

  private push(s: SimSession, body: string, produced: number) {
    s.busy++;
    const times = s.faults.duplicate ? 2 : 1;
    s.chain = s.chain
      .then(async () => {
        if (s.faults.delayMs) await new Promise((r) => setTimeout(r, s.faults.delayMs));
        for (let i = 0; i < times; i++) await this.deliver(s, body, produced);
      })
      .finally(() => {
        s.busy--;
      });
    this.ctx.waitUntil(s.chain);
  }

  private async deliver(s: SimSession, body: string, produced: number) {
    const parsed = JSON.parse(body) as { data: { id: string; event_type: string; payload: { call_control_id?: string } } };
    if (!s.deliver) {
      this.note({
        session: s.id,
        kind: 'webhook',
        name: parsed.data.event_type,
        leg: parsed.data.payload.call_control_id ?? null,
        status: null,
        commandId: null,
        eventId: parsed.data.id,
        produced,
      });
      return;
    }
    for (let attempt = 1; attempt <= 3; attempt++) {
      const headers = await signWebhook(this.env.SIMULATOR_PRIVATE_KEY ?? '', body);
      const started = performance.now();
      let status = 0;
      try {
        const res = await exports.default.fetch(new Request('http://simulator.internal/telnyx/webhook', { method: 'POST', headers, body }));
        status = res.status;
        await res.arrayBuffer();
      } catch {
        status = 0;
      }
      this.latencies.push(performance.now() - started);
      if (this.latencies.length > STATS_MAX) this.latencies.shift();
      this.note({
        session: s.id,
        kind: 'webhook',
        name: parsed.data.event_type,
        leg: parsed.data.payload.call_control_id ?? null,
        status,
        commandId: null,
        eventId: parsed.data.id,
        produced,
      });
      if (status >= 200 && status < 300) return;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
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
      timers: new Map(),
      talkMs: null,
    };
    this.legs.set(leg.callControlId, leg);
    this.session(sessionId).legs.push(leg.callControlId);
    return leg;
  }

  private answer(leg: SimLeg) {
    if (leg.state !== 'parked' && leg.state !== 'ringing') return;
    leg.state = 'answered';
    this.emit(leg.callSessionId, webhook.answered(crypto.randomUUID(), this.tick(), leg));
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
    if (wasSpeaking) this.emit(leg.callSessionId, webhook.speakEnded(crypto.randomUUID(), this.tick(), leg, 'call_hangup'));
    this.emit(leg.callSessionId, webhook.hangup(crypto.randomUUID(), this.tick(), leg, cause, source));
    // Telnyx does not hang up the other side of a bridge: it is left answered, alone.
    const peer = leg.peer ? this.legs.get(leg.peer) : undefined;
    if (peer && peer.state === 'bridged') {
      peer.state = 'answered';
      peer.peer = null;
    }
    if (leg.recording) {
      const rec = leg.recording;
      leg.recording = null;
      const s = this.session(leg.callSessionId);
      this.later(s, 20 * s.timeScale, () =>
        this.emit(
          leg.callSessionId,
          webhook.recordingSaved(
            crypto.randomUUID(),
            this.tick(),
            leg,
            rec.startedAt,
            `${this.env.TELNYX_API_BASE.replace(/\/+$/, '')}/recordings/${rec.id}.mp3`,
          ),
        ),
      );
    }
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
    this.later(s, start - now, () => this.emit(leg.callSessionId, webhook.speakStarted(crypto.randomUUID(), this.tick(), leg)), leg);
    this.later(s, start - now + duration, () => this.emit(leg.callSessionId, webhook.speakEnded(crypto.randomUUID(), this.tick(), leg, 'completed')), leg);
  }

  // ── REST ─────────────────────────────────────────────────────────────────
  private routes() {
    const app = new Hono<{ Bindings: Bindings }>();

    app.use('/v2/*', async (c, next) => {
      if (c.req.header('authorization') !== `Bearer ${c.env.TELNYX_API_KEY ?? ''}` || !c.env.TELNYX_API_KEY) {
        return telnyxError(c, 401, '10009', 'Authentication failed');
      }
      await next();
    });

    /** Fault injection, command_id de-duplication and the log, shared by every command. */
    const command = async (c: Context, sessionId: string, legId: string | null, action: string, run: (body: Record<string, unknown>) => Response) => {
      const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
      const commandId = typeof body?.command_id === 'string' ? body.command_id : null;
      const s = this.session(sessionId);
      const failure = s.faults.failCommands.find((f) => f.action === action && f.times > 0);
      const logIt = (status: number) => this.note({ session: sessionId, kind: 'command', name: action, leg: legId, status, commandId, eventId: null });
      if (failure) {
        failure.times--;
        logIt(failure.status);
        return c.json({ errors: [{ code: '10001', title: 'Injected failure' }] }, failure.status as 500);
      }
      if (!body) {
        logIt(422);
        return telnyxError(c, 422, '10015', 'Invalid JSON body');
      }
      const dedupeKey = `${legId ?? 'dial'}|${commandId}`;
      const now = Date.now();
      if (commandId && (this.seenCommands.get(dedupeKey) ?? 0) > now) {
        logIt(200);
        return c.json({ data: { result: 'ok' } });
      }
      const res = run(body);
      logIt(res.status);
      if (commandId && res.status < 300) this.seenCommands.set(dedupeKey, now + 60_000);
      return res;
    };

    app.post('/v2/calls', async (c) => {
      const raw = (await c.req.raw
        .clone()
        .json()
        .catch(() => ({}))) as { link_to?: string };
      const linked = raw.link_to ? this.legs.get(raw.link_to) : undefined;
      const sessionId = linked?.callSessionId ?? crypto.randomUUID();
      return command(c, sessionId, null, 'dial', (body) => {
        const p = v.safeParse(Dial, body);
        if (!p.success) return telnyxError(c, 422, '10015', 'Invalid parameter', `/${v.getDotPath(p.issues[0]) ?? ''}`);
        if (p.output.link_to && !linked) return telnyxError(c, 422, '90018', 'Call has already ended', '/link_to');
        const leg = this.newLeg(sessionId, 'outgoing', p.output.from, p.output.to, p.output.connection_id, p.output.client_state);
        this.emit(leg.callSessionId, webhook.initiated(crypto.randomUUID(), this.tick(), leg, 'outgoing'));
        this.ring(leg, p.output.timeout_secs);
        return c.json({
          data: { call_control_id: leg.callControlId, call_leg_id: leg.callLegId, call_session_id: sessionId, is_alive: true, record_type: 'call' },
        });
      });
    });

    app.post('/v2/calls/:id/actions/:action', async (c) => {
      const id = decodeURIComponent(c.req.param('id'));
      const action = c.req.param('action');
      const leg = this.legs.get(id);
      if (!leg) return telnyxError(c, 404, '90015', 'Call not found');
      return command(c, leg.callSessionId, id, action, (body) => this.act(c, leg, action, body));
    });

    app.post('/v2/messages', async (c) => {
      const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
      const p = v.safeParse(Message, body);
      if (!p.success || (!p.output.text && !p.output.media_urls?.length)) return telnyxError(c, 422, '10015', 'Invalid parameter', '/text');
      const msg = { id: crypto.randomUUID(), from: p.output.from, to: p.output.to, text: p.output.text ?? '', profileId: c.env.TELNYX_MESSAGING_PROFILE_ID };
      const s = this.session(`msg-${msg.id}`);
      this.later(s, 5, () => this.emit(s.id, webhook.message(crypto.randomUUID(), this.tick(), 'message.sent', msg, 'sent')));
      this.later(s, 15, () => this.emit(s.id, webhook.message(crypto.randomUUID(), this.tick(), 'message.finalized', msg, 'delivered')));
      this.note({ session: s.id, kind: 'command', name: 'message', leg: null, status: 200, commandId: null, eventId: null });
      return c.json({ data: { id: msg.id, record_type: 'message', parts: 1, to: [{ phone_number: msg.to, status: 'queued' }] } });
    });

    app.get('/recordings/:file', (c) => {
      // A tiny valid MPEG frame header followed by silence: enough to be "an mp3" for copying.
      const bytes = new Uint8Array(417);
      bytes.set([0xff, 0xfb, 0x90, 0x64]);
      return c.body(bytes, 200, { 'content-type': 'audio/mpeg' });
    });

    // ── scripting API ──────────────────────────────────────────────────────
    app.post('/api/parties', async (c) => {
      const p = v.safeParse(PartySchema, await c.req.json().catch(() => null));
      if (!p.success) return c.json({ error: { code: 'invalid', message: 'Invalid party.' } }, 400);
      this.parties.set(p.output.number, p.output);
      return c.json({ party: p.output });
    });

    app.post('/api/calls', async (c) => {
      const p = v.safeParse(PlaceCallSchema, await c.req.json().catch(() => null));
      if (!p.success) return c.json({ error: { code: 'invalid', message: 'Invalid call.' } }, 400);
      const sessionId = crypto.randomUUID();
      const s = this.session(sessionId);
      s.timeScale = p.output.timeScale;
      if (p.output.faults) s.faults = p.output.faults;
      s.deliver = p.output.deliver;
      const leg = this.newLeg(sessionId, 'incoming', p.output.from, p.output.to, c.env.TELNYX_CONNECTION_ID);
      this.note({ session: sessionId, kind: 'script', name: 'dial', leg: leg.callControlId, status: null, commandId: null, eventId: null });
      this.emit(leg.callSessionId, webhook.initiated(crypto.randomUUID(), this.tick(), leg, 'incoming'));
      if (p.output.hangupAfterMs !== undefined) this.later(s, p.output.hangupAfterMs, () => this.end(leg, 'normal_clearing', 'caller'), leg);
      return c.json({ callSessionId: sessionId, callControlId: leg.callControlId });
    });

    app.post('/api/legs/:id/:act', async (c) => {
      const leg = this.legs.get(decodeURIComponent(c.req.param('id')));
      if (!leg) return c.json({ error: { code: 'not_found', message: 'No such leg.' } }, 404);
      const act = c.req.param('act');
      const body = (await c.req.json().catch(() => ({}))) as { digits?: string };
      this.note({ session: leg.callSessionId, kind: 'script', name: act, leg: leg.callControlId, status: null, commandId: null, eventId: null });
      if (act === 'answer' && leg.state === 'ringing') this.answer(leg);
      else if (act === 'hangup') this.end(leg, 'normal_clearing', leg.direction === 'incoming' ? 'caller' : 'callee');
      else if (act === 'dtmf' && leg.state !== 'ended')
        for (const d of (body.digits ?? '').replace(/[^0-9*#]/g, '')) this.emit(leg.callSessionId, webhook.dtmf(crypto.randomUUID(), this.tick(), leg, d));
      else return c.json({ error: { code: 'invalid', message: 'Not possible in this state.' } }, 409);
      return c.json({ ok: true });
    });

    app.get('/api/sessions/:id', (c) => {
      const s = this.sessions.get(c.req.param('id'));
      if (!s) return c.json({ error: { code: 'not_found', message: 'No such session.' } }, 404);
      return c.json(this.view(s));
    });

    app.get('/api/sessions', (c) => {
      const recent = [...this.sessions.values()]
        .filter((s) => !s.id.startsWith('msg-'))
        .slice(-20)
        .reverse();
      return c.json({ sessions: recent.map((s) => this.view(s)) });
    });

    app.get('/api/stats', (c) => {
      const sorted = [...this.latencies].sort((a, b) => a - b);
      const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : null);
      return c.json({ deliveries: sorted.length, p50: q(0.5), p99: q(0.99), max: sorted.at(-1) ?? null, sessions: this.sessions.size });
    });

    app.post('/api/stats/reset', (c) => {
      this.latencies = [];
      return c.json({ ok: true });
    });
    return app;
  }

  private view(s: SimSession) {
    return {
      id: s.id,
      idle: s.busy === 0 && s.held === null,
      legs: s.legs.map((id) => {
        const l = this.legs.get(id)!;
        return { callControlId: l.callControlId, direction: l.direction, from: l.from, to: l.to, state: l.state, recording: l.recording !== null };
      }),
      log: this.log.filter((e) => e.session === s.id),
    };
  }

  private act(c: Context, leg: SimLeg, action: string, body: Record<string, unknown>): Response {
    const ok = () => c.json({ data: { result: 'ok' } });
    const invalid = (pointer: string) => telnyxError(c, 422, '10015', 'Invalid parameter', pointer);
    const gone = () => telnyxError(c, 422, '90018', 'Call has already ended');
    if (leg.state === 'ended') return gone();
    const answered = leg.state === 'answered' || leg.state === 'bridged';
    const notAnswered = () => telnyxError(c, 422, '90034', 'Call is not answered');
    const field = (p: v.SafeParseResult<v.GenericSchema>) => `/${p.issues ? (v.getDotPath(p.issues[0]!) ?? '') : ''}`;
    switch (action) {
      case 'answer':
        if (leg.direction !== 'incoming') return invalid('/call_control_id');
        this.answer(leg);
        return ok();
      case 'reject': {
        const p = v.safeParse(Reject, body);
        if (!p.success) return invalid(field(p));
        if (answered) return invalid('/call_control_id');
        this.end(leg, 'call_rejected', 'callee');
        return ok();
      }
      case 'hangup':
        this.end(leg, 'normal_clearing', 'caller');
        return ok();
      case 'speak': {
        const p = v.safeParse(Speak, body);
        if (!p.success) return invalid(field(p));
        if (!answered) return notAnswered();
        this.speak(leg, p.output.payload);
        return ok();
      }
      case 'bridge': {
        const p = v.safeParse(Bridge, body);
        if (!p.success) return invalid(field(p));
        const other = this.legs.get(p.output.call_control_id);
        if (!other || other.state === 'ended') return gone();
        if (!answered || !(other.state === 'answered' || other.state === 'bridged')) return notAnswered();
        leg.state = 'bridged';
        other.state = 'bridged';
        leg.peer = other.callControlId;
        other.peer = leg.callControlId;
        leg.speakUntil = 0;
        other.speakUntil = 0;
        this.emit(leg.callSessionId, webhook.bridged(crypto.randomUUID(), this.tick(), leg));
        this.emit(other.callSessionId, webhook.bridged(crypto.randomUUID(), this.tick(), other));
        // Scripted parties talk for their talk time, then hang up.
        for (const l of [leg, other]) {
          const talk = l.talkMs;
          if (talk !== null)
            this.later(this.session(l.callSessionId), talk, () => this.end(l, 'normal_clearing', l.direction === 'incoming' ? 'caller' : 'callee'), l);
        }
        return ok();
      }
      case 'record_start': {
        const p = v.safeParse(Record, body);
        if (!p.success) return invalid(field(p));
        if (!answered) return notAnswered();
        leg.recording ??= { id: crypto.randomUUID(), startedAt: this.tick() };
        return ok();
      }
      case 'record_stop': {
        if (!leg.recording) return invalid('/call_control_id');
        const rec = leg.recording;
        leg.recording = null;
        this.emit(
          leg.callSessionId,
          webhook.recordingSaved(
            crypto.randomUUID(),
            this.tick(),
            leg,
            rec.startedAt,
            `${this.env.TELNYX_API_BASE.replace(/\/+$/, '')}/recordings/${rec.id}.mp3`,
          ),
        );
        return ok();
      }
      case 'playback_start': {
        const p = v.safeParse(Playback, body);
        if (!p.success || !(p.output.audio_url || p.output.media_name || p.output.playback_content)) return invalid('/audio_url');
        if (!answered) return notAnswered();
        this.emit(leg.callSessionId, webhook.playbackStarted(crypto.randomUUID(), this.tick(), leg));
        if (p.output.loop !== 'infinity') {
          const s = this.session(leg.callSessionId);
          this.later(s, 1000 * s.timeScale, () => this.emit(leg.callSessionId, webhook.playbackEnded(crypto.randomUUID(), this.tick(), leg, 'completed')), leg);
        }
        return ok();
      }
      case 'playback_stop':
        this.emit(leg.callSessionId, webhook.playbackEnded(crypto.randomUUID(), this.tick(), leg, 'cancelled'));
        return ok();
      case 'gather_using_speak':
      case 'gather': {
        if (action === 'gather_using_speak') {
          const p = v.safeParse(GatherSpeak, body);
          if (!p.success) return invalid(field(p));
        }
        if (!answered) return notAnswered();
        const s = this.session(leg.callSessionId);
        // Digits come from the page or a test (`/api/legs/:id/dtmf`); the simulator times out otherwise.
        const timeout = typeof body.timeout_millis === 'number' ? body.timeout_millis : 5000;
        this.later(
          s,
          timeout * s.timeScale,
          () => this.emit(leg.callSessionId, webhook.gatherEnded(crypto.randomUUID(), this.tick(), leg, '', 'timeout')),
          leg,
        );
        return ok();
      }
      case 'transfer': {
        const p = v.safeParse(Transfer, body);
        if (!p.success) return invalid(field(p));
        const target = this.newLeg(leg.callSessionId, 'outgoing', leg.to, p.output.to, leg.connectionId);
        this.emit(target.callSessionId, webhook.initiated(crypto.randomUUID(), this.tick(), target, 'outgoing'));
        this.ring(target, p.output.timeout_secs ?? 30);
        return ok();
      }
      default:
        return telnyxError(c, 404, '10005', 'Resource not found');
    }
  }
}
