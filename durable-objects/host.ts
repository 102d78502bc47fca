// The one lean host every Durable Object of ours runs its pure reducer on (CallSession, Queue,
// Agent): an inbox, serial steps, named timers behind one alarm, and an outbox of work done after
// each step. State lives in memory and is written once per step as one document (the sync KV API of
// SQLite-backed objects: no statements to compose; only an object that takes many inputs keeps its
// older input ids in a table, host-seen.ts); the alarm is touched only when the earliest deadline
// moves earlier. Durability: an input is stored (reduced into the state,
// or queued in the inbox) before `submit` returns, so an acknowledged event is never lost; work in
// the outbox is redone after an eviction, with the same ids.
import { countStorageWrite, metrics } from '../worker/metrics';
import type { TimerChange } from '../worker/calls/vocabulary';
import { defined } from '../worker/defined';
import { SeenIds, type SeenDoc } from './host-seen';

/** If an instance dies with work in its outbox, the alarm resumes it this soon. */
export const RECOVERY_MS = 30_000;
const NOTES_MAX = 200;
const DOC_KEY = 'doc';

export type Reduction<S, J> = { state: S; jobs: J[]; timers: TimerChange[]; retire?: boolean };

export type HostSpec<S, I, J> = {
  init(): S;
  reduce(state: S, input: I, now: number): Reduction<S, J>;
  /** Carries out one job (a carrier command, an effect); returns the inputs its answer makes. Never throws. */
  run(job: J, id: string): Promise<I[]>;
  timerInput(name: string): I;
  /** Inputs waiting in the inbox are taken in this order (e.g. when the carrier says they occurred). */
  order?(input: I): number;
  /** Names the object in logs (ids only). */
  label(state: S): string;
  /** Told when the object's work is over and its storage deleted. */
  retired?(): void;
  /**
   * The object expects nothing more but its timers (a call that ended and lingers): once its outbox is
   * done, an alarm standing only for recovery is moved to the earliest timer rather than left to wake
   * the object for nothing. Without it the recovery alarm stays (moving it at every settling would
   * cost two alarm writes per burst of work; a run it spares costs about one invocation).
   */
  finished?(state: S): boolean;
};

export type Outgoing<J> = { id: string; job: J };
type Queued<I> = { input: I; order: number; seq: number };

export type HostDoc<S, I, J> = SeenDoc & {
  state: S;
  timers: Record<string, number>;
  outbox: Outgoing<J>[];
  inbox: Queued<I>[];
  /** The alarm we last set (null: none pending that we rely on). */
  alarmAt: number | null;
  seq: number;
  accepted: number;
  /** The object's own journal (e.g. the commands a CallSession sent), newest last, bounded. */
  notes: unknown[];
};

export class StepHost<S, I, J> {
  private doc: HostDoc<S, I, J> | undefined;
  private seen: SeenIds | undefined;
  private running = false;
  private dirty = false;
  /** The running loop (settled() waits on it rather than polling). */
  private looping: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly spec: HostSpec<S, I, J>,
  ) {}

  /** The live document (loaded once per instance). */
  get current(): HostDoc<S, I, J> {
    if (!this.doc) {
      // Stored as JSON text (see save); a document an older version stored as a value reads as it was.
      const stored = this.ctx.storage.kv.get<string | HostDoc<S, I, J>>(DOC_KEY);
      this.doc = (typeof stored === 'string' ? (JSON.parse(stored) as HostDoc<S, I, J>) : stored) ?? {
        state: this.spec.init(),
        timers: {},
        outbox: [],
        inbox: [],
        seen: [],
        alarmAt: null,
        seq: 0,
        accepted: 0,
        notes: [],
      };
      this.seen = new SeenIds(this.ctx.storage.sql, this.doc);
    }
    return this.doc;
  }

  get busy(): boolean {
    return this.running;
  }

  /**
   * Takes one input durably. Idle: reduced at once and stored with the step's one write. Busy (a
   * step's work is in flight): queued in the inbox and stored. Either way, stored before returning.
   */
  submit(input: I, id: string | null, now = Date.now()): { duplicate: boolean } {
    const doc = this.current;
    if (id !== null) {
      const seen = defined(this.seen, 'seen');
      if (seen.has(id)) return { duplicate: true };
      seen.add(id);
    }
    metrics.events++;
    doc.accepted++;
    if (!this.running && doc.outbox.length === 0 && doc.inbox.length === 0) {
      this.step(input, now);
    } else {
      doc.inbox.push({ input, order: this.spec.order?.(input) ?? now, seq: doc.seq++ });
      this.save();
    }
    this.kick();
    return { duplicate: false };
  }

  /** The alarm: resume lost work, fire due timers in order, re-arm for what remains. */
  async alarm(now = Date.now()): Promise<void> {
    const doc = this.current;
    doc.alarmAt = null;
    const due = Object.entries(doc.timers)
      .filter(([, at]) => at <= now)
      .sort((a, b) => a[1] - b[1]);
    for (const [name, at] of due) {
      delete doc.timers[name];
      this.dirty = true;
      const input = this.spec.timerInput(name);
      if (!this.running && doc.outbox.length === 0 && doc.inbox.length === 0) this.step(input, now, true);
      else doc.inbox.push({ input, order: at, seq: doc.seq++ });
      if (this.doc !== doc) return; // retired by that timer
    }
    if (due.length && this.dirty) this.save();
    this.arm(now);
    this.kick();
    await this.settled();
  }

  /** Appends to the journal; stored with the next write. */
  note(entry: unknown) {
    const doc = this.current;
    doc.notes.push(entry);
    if (doc.notes.length > NOTES_MAX) doc.notes.shift();
    this.dirty = true;
  }

  /** Sets a timer's deadline to now (operators and tests: "this timeout has passed"). */
  expire(name: string): boolean {
    const doc = this.current;
    if (doc.timers[name] === undefined) return false;
    doc.timers[name] = 0;
    this.save();
    return true;
  }

  /** Resolves when nothing is running. */
  async settled(): Promise<void> {
    // A loop that ends may have kicked off the next (an input that arrived meanwhile): wait for that too.
    while (this.running) await this.looping.catch(() => undefined);
  }

  // ── internals ──────────────────────────────────────────────────────────────
  /**
   * Reduce one input, apply its timers and jobs, store: the one write of a step. A `stored` input
   * (one queued in the inbox, a due timer: still in storage if the instance dies now) that made no
   * jobs is stored with the write that follows at once, without an await between (the queue's next
   * step or the settling); jobs are always stored before they run. A job's answer is not `stored`:
   * kept until the next job's await, it would make an eviction redo work (a dial) twice.
   */
  private step(input: I, now: number, stored = false) {
    const doc = this.current;
    metrics.steps++;
    let r: Reduction<S, J>;
    try {
      r = this.spec.reduce(doc.state, input, now);
    } catch (err) {
      // A bug must not wedge the object: log ids only, drop the input, let timers clean up.
      console.error(JSON.stringify({ msg: 'reducer failed', object: this.spec.label(doc.state), error: String((err as Error)?.name) }));
      this.save();
      return;
    }
    if (r.retire) {
      this.retire();
      return;
    }
    doc.state = r.state;
    for (const t of r.timers) {
      if (t.at === null) delete doc.timers[t.name];
      else doc.timers[t.name] = t.at;
    }
    for (const job of r.jobs) doc.outbox.push({ id: crypto.randomUUID(), job });
    if (stored && r.jobs.length === 0) this.dirty = true;
    else this.save();
    this.arm(now);
  }

  /** The object's work is over: forget everything (a straggler later starts from nothing). */
  private retire() {
    // An alarm still pending (a recovery deadline, a timer the last step did not clear) would wake
    // the object for nothing: an alarm's run costs the runtime an invocation, its deletion a write.
    if (this.doc?.alarmAt != null) {
      void this.ctx.storage.deleteAlarm();
      metrics.alarmWrites++;
    }
    this.seen?.clear();
    this.ctx.storage.kv.delete(DOC_KEY);
    countStorageWrite();
    metrics.docWrites++;
    this.spec.retired?.();
    this.doc = undefined;
    this.seen = undefined;
    this.dirty = false;
  }

  /**
   * The document goes to storage as JSON text: it is plain data, and V8's JSON.stringify is a fast
   * path where the storage API would serialise an object by structured clone (the write was the
   * host's largest frame in the bench's profile).
   */
  private save() {
    const text = JSON.stringify(this.current);
    this.ctx.storage.kv.put(DOC_KEY, text);
    countStorageWrite(text);
    metrics.docWrites++;
    this.dirty = false;
  }

  /** One alarm for the earliest deadline; moved only when something earlier appears. */
  private arm(now: number) {
    const doc = this.current;
    let at = earliestTimer(doc);
    if (doc.outbox.length || doc.inbox.length) at = Math.min(at, now + RECOVERY_MS);
    if (at === Infinity) return;
    if (doc.alarmAt !== null && doc.alarmAt <= at) return;
    doc.alarmAt = Math.max(at, now);
    metrics.alarmWrites++;
    void this.ctx.storage.setAlarm(doc.alarmAt);
  }

  /**
   * With the outbox and inbox empty, an alarm earlier than every timer was set only to resume lost
   * work: moved to the earliest timer (or deleted). The document is marked for the settling write, so
   * the stored alarmAt says where the alarm is (arm() trusts it after an eviction).
   */
  private disarmRecovery(doc: HostDoc<S, I, J>) {
    if (doc.alarmAt === null) return;
    const at = earliestTimer(doc);
    if (doc.alarmAt >= at) return;
    metrics.alarmWrites++;
    this.dirty = true;
    if (at === Infinity) {
      doc.alarmAt = null;
      void this.ctx.storage.deleteAlarm();
    } else {
      doc.alarmAt = at;
      void this.ctx.storage.setAlarm(at);
    }
  }

  private kick() {
    if (this.running || !this.doc) return;
    if (this.doc.outbox.length === 0 && this.doc.inbox.length === 0) return;
    this.running = true;
    // Not waitUntil: a Durable Object keeps running its work without it, and the caller's answer
    // (the webhook's acknowledgement) must not wait for the step's commands.
    this.looping = this.loop();
  }

  /** Carries out the outbox in order, reducing each answer at once; then the next queued input. */
  private async loop(): Promise<void> {
    try {
      for (;;) {
        const doc = this.doc;
        if (!doc) return;
        const next = doc.outbox[0];
        if (next) {
          const answers = await this.spec.run(next.job, next.id);
          if (this.doc !== doc) return; // retired meanwhile
          doc.outbox.shift();
          this.dirty = true;
          for (const a of answers) this.step(a, Date.now());
          continue;
        }
        if (doc.inbox.length) {
          let best = 0;
          for (let i = 1; i < doc.inbox.length; i++) {
            const q = defined(doc.inbox[i], 'inbox');
            const b = defined(doc.inbox[best], 'inbox');
            if (q.order < b.order || (q.order === b.order && q.seq < b.seq)) best = i;
          }
          const [queued] = doc.inbox.splice(best, 1);
          this.step(defined(queued, 'queued').input, Date.now(), true);
          continue;
        }
        // Settled: the recovery deadline is no longer needed, and the outbox's completions are
        // stored once, not per command.
        if (this.spec.finished?.(doc.state)) this.disarmRecovery(doc);
        if (this.dirty) this.save();
        return;
      }
    } finally {
      this.running = false;
    }
  }
}

/** The earliest timer's deadline (Infinity: none set). */
function earliestTimer(doc: HostDoc<unknown, unknown, unknown>): number {
  let at = Infinity;
  for (const t of Object.values(doc.timers)) at = Math.min(at, t);
  return at;
}
