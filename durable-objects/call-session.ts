// CallSession: one per call session. Stores every voice event of its call (deduplicated by event
// id) before the webhook is acknowledged, processes them one at a time in occurred_at order through
// the pure flow reducer, runs the commands it asks for, keeps its timers in one alarm, and writes
// the call record to D1 exactly once when the call is over.
import { DurableObject } from 'cloudflare:workers';
import { callRecordOf, initialState, reduce, type FlowState } from '../worker/calls/safe-number';
import type { Command, FlowInput, TimerName } from '../worker/calls/types';
import { insertCallRecordOnce } from '../worker/db/calls';
import { snapshotForCall } from '../worker/db/routing-snapshots';
import { dbFor } from '../worker/db/scope';
import { simulatorEnabled, type Bindings } from '../worker/env';
import { decide } from '../worker/routing/decide';
import { simulatorCommandFetch } from '../worker/simulator/loopback';
import { decodeClientState } from '../worker/telnyx/client-state';
import { commandId, runCommand, type CommandConfig } from '../worker/telnyx/commands';
import type { VoiceEvent } from '../worker/telnyx/events';

/** If processing is interrupted (eviction, crash), the alarm picks the inbox up again this soon. */
const RECOVERY_MS = 30_000;

export type IssuedCommand = { seq: number; key: string; action: string; leg: string; commandId: string; ok: boolean; attempts: number; status: number | null };
export type SessionView = {
  sessionId: string | null;
  state: FlowState | null;
  commands: IssuedCommand[];
  pendingEvents: number;
  eventsSeen: number;
  recordWritten: boolean;
  timers: { name: string; at: number }[];
};

export class CallSession extends DurableObject<Bindings> {
  private draining: Promise<void> | null = null;
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => this.ensureSchema());
  }

  private ensureSchema(): void {
    this.sql.exec(`CREATE TABLE IF NOT EXISTS events (
      id TEXT PRIMARY KEY, occurred_at INTEGER NOT NULL, arrived INTEGER NOT NULL, body TEXT NOT NULL, processed INTEGER NOT NULL DEFAULT 0)`);
    this.sql.exec('CREATE INDEX IF NOT EXISTS events_pending ON events (processed, occurred_at, arrived)');
    this.sql.exec('CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
    this.sql.exec('CREATE TABLE IF NOT EXISTS timers (name TEXT PRIMARY KEY, due_at INTEGER NOT NULL)');
    this.sql.exec(`CREATE TABLE IF NOT EXISTS commands (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, action TEXT NOT NULL, leg TEXT NOT NULL,
      command_id TEXT NOT NULL, ok INTEGER NOT NULL, attempts INTEGER NOT NULL, status INTEGER)`);
  }

  async ping(): Promise<'ok'> {
    return 'ok';
  }

  /** The durable step of ingress: once this returns, the event is stored and will be processed. */
  async handleEvent(sessionId: string, event: VoiceEvent): Promise<{ duplicate: boolean }> {
    if (this.meta('sessionId') === null) this.setMeta('sessionId', sessionId);
    const arrived = Number(this.sql.exec('SELECT COUNT(*) AS n FROM events').one().n);
    const inserted = this.sql.exec(
      'INSERT INTO events (id, occurred_at, arrived, body) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      event.id,
      event.occurredAt,
      arrived,
      JSON.stringify(event),
    ).rowsWritten;
    if (inserted === 0) return { duplicate: true };
    const alarm = await this.ctx.storage.getAlarm();
    const recovery = Date.now() + RECOVERY_MS;
    if (alarm === null || alarm > recovery) await this.ctx.storage.setAlarm(recovery);
    this.kick();
    return { duplicate: false };
  }

  /** What the session knows and did: for tests, the simulator page and operators. */
  async inspect(): Promise<SessionView> {
    const state = this.meta('state');
    return {
      sessionId: this.meta('sessionId'),
      state: state ? (JSON.parse(state) as FlowState) : null,
      commands: this.sql
        .exec<{ seq: number; key: string; action: string; leg: string; command_id: string; ok: number; attempts: number; status: number | null }>(
          'SELECT * FROM commands ORDER BY seq',
        )
        .toArray()
        .map((r) => ({
          seq: r.seq,
          key: r.key,
          action: r.action,
          leg: r.leg,
          commandId: r.command_id,
          ok: r.ok === 1,
          attempts: r.attempts,
          status: r.status,
        })),
      pendingEvents: Number(this.sql.exec('SELECT COUNT(*) AS n FROM events WHERE processed = 0').one().n),
      eventsSeen: Number(this.sql.exec('SELECT COUNT(*) AS n FROM events').one().n),
      recordWritten: this.meta('recorded') === '1',
      timers: this.sql
        .exec<{ name: string; due_at: number }>('SELECT * FROM timers ORDER BY due_at')
        .toArray()
        .map((t) => ({ name: t.name, at: t.due_at })),
    };
  }

  override async alarm(): Promise<void> {
    await this.drain();
    const now = Date.now();
    const due = this.sql.exec<{ name: TimerName; due_at: number }>('SELECT name, due_at FROM timers WHERE due_at <= ? ORDER BY due_at', now).toArray();
    for (const t of due) {
      this.sql.exec('DELETE FROM timers WHERE name = ?', t.name);
      if (t.name === 'linger') {
        if (this.loadState().finished) {
          // The call is recorded and the late-recording window has passed: forget everything.
          await this.ctx.storage.deleteAlarm();
          await this.ctx.storage.deleteAll();
          this.ensureSchema(); // a straggler event may still arrive and must find the tables
          return;
        }
        continue;
      }
      await this.serial(() => this.step({ kind: 'timer', name: t.name }));
    }
    await this.scheduleAlarm();
  }

  /** One step at a time: inbox processing and timer steps never interleave across awaits. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn);
    this.lock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
  private lock: Promise<void> = Promise.resolve();

  private kick(): void {
    void this.drain();
  }

  /** Processes the inbox until empty; concurrent callers share the one running drain. */
  private drain(): Promise<void> {
    if (!this.draining) {
      this.draining = this.drainLoop().finally(() => {
        this.draining = null;
        if (this.hasPending()) this.kick();
      });
      this.ctx.waitUntil(this.draining);
    }
    return this.draining;
  }

  private hasPending(): boolean {
    return this.sql.exec('SELECT 1 FROM events WHERE processed = 0 LIMIT 1').toArray().length > 0;
  }

  private async drainLoop(): Promise<void> {
    for (;;) {
      const row = this.sql
        .exec<{ id: string; body: string }>('SELECT id, body FROM events WHERE processed = 0 ORDER BY occurred_at, arrived LIMIT 1')
        .toArray()[0];
      if (!row) break;
      await this.serial(async () => {
        try {
          await this.process(JSON.parse(row.body) as VoiceEvent);
        } catch (err) {
          // A bug must not wedge the session: log ids only, skip the event, let timers clean up.
          console.error(
            JSON.stringify({ msg: 'call session event failed', sessionId: this.meta('sessionId'), eventId: row.id, error: String((err as Error)?.name) }),
          );
          // The full error (its message may quote numbers) only where the carrier is simulated.
          if (simulatorEnabled(this.env)) console.error(err);
        }
        this.sql.exec('UPDATE events SET processed = 1 WHERE id = ?', row.id);
      });
    }
    await this.scheduleAlarm();
  }

  private async process(event: VoiceEvent): Promise<void> {
    const state = this.loadState();
    const cs = decodeClientState(event.clientState);
    if (event.type === 'call.initiated' && event.direction === 'incoming' && !cs && state.phase === 'new') {
      // A new inbound call: the one D1 read of the inbound path.
      const snapshot = event.to ? await snapshotForCall(this.env, event.to) : null;
      const decision = decide(snapshot, event.from ?? '', Date.now());
      await this.step({ kind: 'inbound', event, decision });
      return;
    }
    await this.step({ kind: 'event', event, role: cs?.role ?? null });
  }

  /** Reduce, persist, then act: commands in order, their results fed back as further inputs. */
  private async step(first: FlowInput): Promise<void> {
    const queue: FlowInput[] = [first];
    const sessionId = this.meta('sessionId') ?? 'unknown';
    for (let input = queue.shift(); input; input = queue.shift()) {
      const { state, commands, timers } = reduce(this.loadState(), input, Date.now());
      this.setMeta('state', JSON.stringify(state));
      for (const t of timers) {
        if (t.at === null) this.sql.exec('DELETE FROM timers WHERE name = ?', t.name);
        else this.sql.exec('INSERT INTO timers (name, due_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET due_at = excluded.due_at', t.name, t.at);
      }
      for (const cmd of commands) {
        const result = await this.execute(sessionId, cmd);
        if (result.ok && result.dialled) queue.push({ kind: 'dialled', key: cmd.key, ...result.dialled });
        if (!result.ok) queue.push({ kind: 'command_failed', key: cmd.key, action: cmd.action, leg: cmd.leg });
      }
      if (state.finished && this.meta('recorded') !== '1') await this.writeRecord(state);
    }
  }

  private async execute(sessionId: string, cmd: Command) {
    const result = await runCommand(this.commandConfig(), sessionId, cmd);
    this.sql.exec(
      'INSERT INTO commands (key, action, leg, command_id, ok, attempts, status) VALUES (?, ?, ?, ?, ?, ?, ?)',
      cmd.key,
      cmd.action,
      cmd.leg,
      await commandId(sessionId, cmd.key),
      result.ok ? 1 : 0,
      result.attempts,
      result.ok ? 200 : result.status,
    );
    return result;
  }

  private async writeRecord(state: FlowState): Promise<void> {
    const rec = callRecordOf(state);
    if (rec) await insertCallRecordOnce(dbFor(this.env, rec.orgId), rec.record);
    // TODO(recordings issue): on call.recording.saved copy state.recordingUrl into R2 (allowed hosts only).
    this.setMeta('recorded', '1');
  }

  private config: CommandConfig | undefined;
  /** Built once per instance: the SDK client behind it is cached per fetch function. */
  private commandConfig(): CommandConfig {
    if (this.config) return this.config;
    const loopback = simulatorCommandFetch(this.env);
    this.config = {
      apiKey: this.env.TELNYX_API_KEY ?? '',
      apiBase: this.env.TELNYX_API_BASE,
      connectionId: this.env.TELNYX_CONNECTION_ID,
      ...(loopback ? { fetch: loopback } : {}),
    };
    return this.config;
  }

  private async scheduleAlarm(): Promise<void> {
    const next = this.sql.exec<{ at: number | null }>('SELECT MIN(due_at) AS at FROM timers').one().at;
    const pending = this.hasPending() ? Date.now() + RECOVERY_MS : null;
    const at = [next, pending].filter((t): t is number => typeof t === 'number');
    // Overdue timers (e.g. after an eviction) fire at once; setAlarm refuses times <= 0.
    if (at.length) await this.ctx.storage.setAlarm(Math.max(Math.min(...at), Date.now()));
    else await this.ctx.storage.deleteAlarm();
  }

  private loadState(): FlowState {
    const raw = this.meta('state');
    return raw ? (JSON.parse(raw) as FlowState) : initialState(this.meta('sessionId') ?? 'unknown');
  }

  private meta(k: string): string | null {
    const row = this.sql.exec<{ v: string }>('SELECT v FROM meta WHERE k = ?', k).toArray()[0];
    return row ? row.v : null;
  }

  private setMeta(k: string, v: string): void {
    this.sql.exec('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v', k, v);
  }
}
