// CallSession: one per call session, the host of every call flow. Each carrier event is stored
// (deduplicated by event id) before its webhook is acknowledged; the session's pure reducer
// (worker/calls/session.ts → the flow registry) turns it into commands, timers and effects, which
// are carried out in order after the step, their answers fed back as inputs.
import { DurableObject } from 'cloudflare:workers';
import { meterEnv, meterObject } from '../worker/metering';
import { reduceSession, newSession, sessionStatus, type SessionInput, type SessionState } from '../worker/calls/session';
import { answersBack, type CallEvent, type Command, type Effect } from '../worker/calls/vocabulary';
import type { Bindings } from '../worker/env';
import { outbound } from '../worker/outbound';
import { runCommand, type CommandConfig } from '../worker/telnyx/commands';
import { jobCounts, metrics } from '../worker/metrics';
import { runEffect } from './call-effects';
import { StepHost } from './host';

export type IssuedCommand = { key: string; action: string; leg: string; commandId: string; ok: boolean; attempts: number; status: number | null };
export type SessionView = {
  sessionId: string | null;
  flow: string | null;
  /** The flow's own state (null before a flow is chosen). */
  state: ({ finished?: boolean; phase?: string; outcome?: string | null } & Record<string, unknown>) | null;
  commands: IssuedCommand[];
  /** Inputs and work not yet done (queued events, commands and effects in flight). */
  pendingEvents: number;
  eventsSeen: number;
  recordWritten: boolean;
  timers: { name: string; at: number }[];
};

type Job = { t: 'command'; c: Command } | { t: 'effect'; e: Effect };

export class CallSession extends DurableObject<Bindings> {
  readonly #host: StepHost<SessionState, SessionInput, Job>;
  #config: CommandConfig | undefined;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, meterEnv(env));
    meterObject(this, env);
    this.#host = new StepHost<SessionState, SessionInput, Job>(ctx, {
      init: () => newSession(''),
      reduce: (s, input, now) => {
        const r = reduceSession(s, input, now);
        const jobs: Job[] = r.commands.map((c): Job => ({ t: 'command', c }));
        for (const e of r.effects) jobs.push({ t: 'effect', e });
        return { state: r.state, jobs, timers: r.timers, ...(r.retire ? { retire: true } : {}) };
      },
      run: (job, id) => this.#run(job, id),
      timerInput: (name) => ({ kind: 'timer', name }),
      order: (input) => (input.kind === 'event' ? input.event.at : Date.now()),
      label: (s) => s.sessionId,
      retired: () => metrics.sessionsRetired++,
      finished: (s) => sessionStatus(s)?.finished === true,
    });
  }

  async ping(): Promise<'ok'> {
    return 'ok';
  }

  /** The durable step of ingress: once this returns, the event is stored and will be acted on. */
  async handleEvent(sessionId: string, event: CallEvent): Promise<{ duplicate: boolean }> {
    this.#identify(sessionId);
    return this.#host.submit({ kind: 'event', event }, event.id);
  }

  /** Starts an outbound session with the flow its starter chose (click-to-call, agent outbound, …). */
  async start(sessionId: string, flow: string, params: unknown): Promise<{ duplicate: boolean }> {
    this.#identify(sessionId);
    return this.#host.submit({ kind: 'start', flow, params }, `start:${sessionId}`);
  }

  /**
   * A message from outside the call to its flow (a Queue's offer, an agent's hold or transfer, a
   * supervisor joining): stored like an event before this returns; `id` makes a retry harmless.
   */
  async signal(sessionId: string, id: string, name: string, value: unknown): Promise<{ duplicate: boolean }> {
    this.#identify(sessionId);
    return this.#host.submit({ kind: 'signal', id, name, value }, `signal:${id}`);
  }

  /** What the session knows and did: for tests, the simulator page and operators. */
  async inspect(): Promise<SessionView> {
    const doc = this.#host.current;
    const status = sessionStatus(doc.state);
    return {
      sessionId: doc.state.sessionId || null,
      flow: doc.state.flow,
      // A session with events but no flow yet (routing, or strays only) is in phase 'new'.
      state: doc.state.flow ? (doc.state.state as SessionView['state']) : doc.accepted ? { phase: 'new', finished: false, outcome: null } : null,
      commands: doc.notes as IssuedCommand[],
      pendingEvents: doc.inbox.length + doc.outbox.length,
      eventsSeen: doc.accepted,
      recordWritten: status?.recorded ?? false,
      timers: Object.entries(doc.timers)
        .map(([name, at]) => ({ name, at }))
        .sort((a, b) => a.at - b.at),
    };
  }

  /**
   * The simulator's eviction fault (the soak; only its /_sim route calls this): the instance is reset
   * as the runtime would evict it, losing what it held in memory; its stored work resumes.
   */
  async evict(): Promise<void> {
    this.ctx.abort('evicted by the carrier simulator');
  }

  /** A timeout has passed now (operators, tests): the next alarm acts on it. */
  async expireTimer(name: string): Promise<boolean> {
    return this.#host.expire(name);
  }

  override async alarm(): Promise<void> {
    await this.#host.alarm();
  }

  #identify(sessionId: string) {
    const doc = this.#host.current;
    // The session's id is its object's name; the first caller tells it (stored with the first step).
    if (!doc.state.sessionId) {
      doc.state.sessionId = sessionId;
      metrics.sessionsStarted++;
    }
  }

  async #run(job: Job, id: string): Promise<SessionInput[]> {
    const kind = job.t === 'effect' ? `effect:${job.e.kind}` : `command:${job.c.action}`;
    jobCounts[kind] = (jobCounts[kind] ?? 0) + 1;
    if (job.t === 'effect') {
      let answer: SessionInput;
      try {
        answer = { kind: 'effect', key: job.e.key, ok: true, value: await runEffect(this.env, job.e) };
      } catch (err) {
        console.error(
          JSON.stringify({ msg: 'call effect failed', sessionId: this.#host.current.state.sessionId, kind: job.e.kind, error: String((err as Error)?.name) }),
        );
        // The full error (its message may quote numbers) only where the carrier is simulated.
        if (outbound(this.env).verboseErrors) console.error(err);
        answer = { kind: 'effect', key: job.e.key, ok: false, value: null };
      }
      return answersBack(job.e) ? [answer] : [];
    }
    const c = job.c;
    const result = await runCommand(this.#commandConfig(), this.#host.current.state.sessionId, c, id);
    this.#host.note({
      key: c.key,
      action: c.action,
      leg: c.leg,
      commandId: id,
      ok: result.ok,
      attempts: result.attempts,
      status: result.ok ? 200 : result.status,
    } satisfies IssuedCommand);
    if (result.ok && result.dialled) return [{ kind: 'dialled', key: c.key, leg: c.leg, ...result.dialled }];
    if (!result.ok) return [{ kind: 'command_failed', key: c.key, action: c.action, leg: c.leg }];
    return [];
  }

  /** Where commands go (the carrier or the simulator, as the entry chose), read once per instance. */
  #commandConfig(): CommandConfig {
    if (this.#config) return this.#config;
    const transport = outbound(this.env).commandFetch(this.env);
    this.#config = {
      apiKey: this.env.TELNYX_API_KEY ?? '',
      apiBase: this.env.TELNYX_API_BASE,
      connectionId: this.env.TELNYX_CONNECTION_ID,
      ...(transport ? { fetch: transport } : {}),
    };
    return this.#config;
  }
}
