// The fault suite (issue 19): every call flow — safe number, voicemail, queue with transfer, agent
// outbound, callback — run once cleanly and once under each fault the carrier simulator (or a test
// seam) injects: every webhook twice, reordering within the call, a redelivery after the carrier's
// retry delay, 5xx and lost answers (timeouts) on commands, the CallSession evicted at every phase,
// the call record's D1 write failing at close, the recording's URL answering 404 or stalling. Nothing
// may be lost and nothing done twice: the commands the carrier carried out (one per command_id, by
// action and leg role, order-insensitive), the legs dialled, the final record (minus ids and times)
// and the flow's own rows must equal the clean run's, and no leg may be left up.
import { evictDurableObject, runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { injectedWriteFailures } from '../../durable-objects/call-effects';
import { globalDb } from '../../worker/db/client';
import { callbacks, calls, recordings } from '../../worker/db/schema';
import type { FaultsInput, LogEntry } from '../../worker/simulator/carrier';
import { callerDoes, placeCall, safeNumber, sessionView, sim, waitForSession, type SimView } from '../fixtures/calls';
import { contactCenter, phone, until, view, type CcAgent } from '../fixtures/contact-center-live';
import { login, type Client } from '../fixtures/orgs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A Wednesday 20:00 in Seoul: after the default hours (the voicemail flow). */
const AFTER_HOURS = Date.parse('2026-12-02T20:00:00+09:00');

// ── the faults ───────────────────────────────────────────────────────────────
type Fault = {
  name: string;
  /** What the carrier simulator injects into the call's sessions. */
  faults?: FaultsInput;
  /** Evict the CallSession at every phase it reaches (and resume its work at once). */
  evict?: boolean;
  /** The call record's D1 write fails this many times when the call closes. */
  failWrites?: number;
};

/** 5xx on every kind of command a flow sends (each retried by the worker with its command_id). */
const FAIL_5XX: FaultsInput['failCommands'] = [
  { action: 'answer', status: 500, times: 1 },
  { action: 'dial', status: 503, times: 1 },
  { action: 'speak', status: 502, times: 1 },
  { action: 'bridge', status: 500, times: 2 },
  { action: 'record_start', status: 500, times: 1 },
  { action: 'record_stop', status: 503, times: 1 },
  { action: 'playback_start', status: 500, times: 1 },
  { action: 'playback_stop', status: 500, times: 1 },
  { action: 'gather_using_speak', status: 500, times: 1 },
  { action: 'hangup', status: 503, times: 1 },
];
/** Carried out by the carrier, but the answer never reaches the worker (a timed-out request). */
const TIMEOUTS: FaultsInput['loseAnswers'] = [
  'answer',
  'dial',
  'speak',
  'bridge',
  'record_start',
  'record_stop',
  'playback_start',
  'playback_stop',
  'hangup',
].map((action) => ({ action, times: 1 }));

const FAULTS: Fault[] = [
  { name: 'every webhook delivered twice', faults: { duplicate: true } },
  { name: 'webhooks reordered within the call', faults: { reorder: true } },
  { name: 'every webhook redelivered after the retry delay', faults: { redeliverAfterMs: 400 } },
  { name: 'carrier 5xx on commands', faults: { failCommands: FAIL_5XX } },
  { name: 'command answers lost (timeouts)', faults: { loseAnswers: TIMEOUTS } },
  { name: 'the CallSession evicted at every phase', evict: true },
  { name: 'the call record’s D1 write failing at close', failWrites: 2 },
];
/** For the flows with a recording: its URL answers 404 once, or stalls past the copy's time limit once. */
const RECORDING_FAULTS: Fault[] = [
  { name: 'the recording URL answering 404', faults: { recording: 'missing', recordingFaultTimes: 1 } },
  { name: 'the recording URL stalling', faults: { recording: 'slow', slowMs: 1_500, recordingFaultTimes: 1 } },
];

// ── what a run leaves, normalised ────────────────────────────────────────────
type Normalised = {
  /** Commands the carrier carried out: one per command_id, `action:role`, sorted. */
  commands: string[];
  /** Every leg of the call's carrier sessions: its role and final state, sorted. */
  legs: string[];
  records: Record<string, unknown>[];
  /** The flow's own rows (voicemail, callbacks), normalised. */
  rows: unknown;
};

type RunOut = { norm: Normalised; carrier: SimView[] };

function normaliseCommands(log: LogEntry[], roleOf: (leg: string | null) => string): string[] {
  const done = new Map<string, string>();
  let anonymous = 0;
  for (const e of log) {
    if (e.kind !== 'command' || e.status === null || e.status >= 300) continue;
    done.set(e.commandId ?? `anon-${anonymous++}`, `${e.name}:${roleOf(e.leg)}`);
  }
  return [...done.values()].sort();
}

function normaliseRecord(r: typeof calls.$inferSelect, numberRole: (n: string) => string): Record<string, unknown> {
  const { id: _i, callSessionId: _s, createdAt: _c, startedAt: _st, answeredAt, endedAt, waitMs: _w, durationMs: _d, acwMs: _a, ...rest } = r;
  // Ids a run mints (a callback's id in the trace) differ between runs; what they point at is checked in the rows.
  const trace = JSON.parse(JSON.stringify(r.trace ?? null).replace(/"cb_[0-9a-f]{32}"/g, '"cb_…"')) as unknown;
  return { ...rest, trace, fromNumber: numberRole(r.fromNumber), toNumber: numberRole(r.toNumber), answered: answeredAt !== null, ended: endedAt !== null };
}

function normalise(carrier: SimView[], roles: Record<string, string>, records: (typeof calls.$inferSelect)[], rows: unknown): Normalised {
  const legRole = new Map<string, string>();
  for (const s of carrier) for (const l of s.legs) legRole.set(l.callControlId, l.direction === 'incoming' ? 'caller' : (roles[l.to] ?? `other:${l.to}`));
  const roleOf = (leg: string | null) => (leg === null ? 'new-leg' : (legRole.get(leg) ?? 'unknown'));
  const callers = new Set(carrier.flatMap((s) => s.legs.filter((l) => l.direction === 'incoming').map((l) => l.from)));
  return {
    commands: carrier.flatMap((s) => normaliseCommands(s.log, roleOf)).sort(),
    legs: carrier.flatMap((s) => s.legs.map((l) => `${roleOf(l.callControlId)}:${l.state}`)).sort(),
    records: records.map((r) => normaliseRecord(r, (n) => (callers.has(n) ? 'caller' : (roles[n] ?? n)))),
    rows,
  };
}

// ── driving a call's CallSession through its faults ──────────────────────────
const stubOf = (id: string) => env.CALL_SESSION.get(env.CALL_SESSION.idFromName(id));

/**
 * Watches one CallSession until `stop`: evicts it at each new phase (then runs its alarm, which
 * resumes the work it had in hand), and makes the record and copy retries due at once, so a retry
 * the flow schedules 30 s out happens within the test.
 */
function nurse(sessionId: string, fault: Fault) {
  let stopped = false;
  const evictions: string[] = [];
  const done = (async () => {
    let lastPhase: string | undefined;
    while (!stopped) {
      const v = await sessionView(sessionId);
      const phase = v.state ? `${v.flow}:${v.state.phase}` : undefined;
      if (fault.evict && phase && phase !== lastPhase) {
        lastPhase = phase;
        evictions.push(phase);
        await evictDurableObject(stubOf(sessionId));
        await runDurableObjectAlarm(stubOf(sessionId));
      }
      for (const t of v.timers)
        if ((t.name === 'record' || t.name === 'copy') && t.at > Date.now()) {
          await stubOf(sessionId).expireTimer(t.name);
          await runDurableObjectAlarm(stubOf(sessionId));
        }
      await sleep(10);
    }
  })();
  return {
    evictions,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

/** Waits until the CallSession has finished, written its record (and copied its recording when asked), and its carrier sessions are quiet. */
async function finished(sessionId: string, carrierSessions: () => Promise<string[]>, opts: { copy?: boolean } = {}, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let quietSince = 0;
  for (;;) {
    const v = await sessionView(sessionId);
    const ids = await carrierSessions();
    const views = await Promise.all(ids.map((id) => sim<SimView>(`/api/sessions/${id}`)));
    // The safe-number flow's copy says done; the voicemail flow's has a result or gave up.
    const copy = (v.state as { copy?: { done?: boolean; result?: unknown; gaveUp?: boolean } } | null)?.copy;
    const copied = copy?.done === true || (copy?.result ?? null) !== null || copy?.gaveUp === true;
    const done = v.state?.finished === true && v.recordWritten && v.pendingEvents === 0 && views.every((s) => s.idle) && (!opts.copy || copied);
    if (done) {
      quietSince ||= Date.now();
      if (Date.now() - quietSince > 80) return views;
    } else quietSince = 0;
    if (Date.now() > deadline) throw new Error(`session ${sessionId} did not finish: ${v.flow} ${v.state?.phase} pending ${v.pendingEvents}`);
    await sleep(15);
  }
}

async function recordsOf(sessionIds: string[]) {
  const out = [];
  for (const id of sessionIds) out.push(...(await globalDb(env).select().from(calls).where(eq(calls.callSessionId, id)).all()));
  return out;
}

/** One CallSession's run under a fault: the nurse around it, the D1 seam armed, the record awaited. */
async function underFault<T>(fault: Fault, sessionId: string, body: () => Promise<T>): Promise<{ result: T; evictions: string[] }> {
  if (fault.failWrites) injectedWriteFailures.set(sessionId, fault.failWrites);
  const n = nurse(sessionId, fault);
  try {
    return { result: await body(), evictions: n.evictions };
  } finally {
    await n.stop();
  }
}

afterEach(async () => {
  injectedWriteFailures.clear();
  await sim('/api/faults', null);
});

const post = (c: Client, path: string, json: unknown = {}) => c.fetch(path, { method: 'POST', json });

async function signIn(orgName: string, a: CcAgent) {
  const client = await login(orgName, a.loginId);
  const res = await post(client, '/api/cc/me/login');
  if (res.status !== 200) throw new Error(`agent login: ${res.status}`);
  return client;
}

/** Sessions of the carrier with a leg to `number` that were not there before. */
async function newCarrierSessions(number: string, before: Set<string>): Promise<string[]> {
  const { sessions } = await sim<{ sessions: SimView[] }>('/api/sessions');
  return sessions.filter((s) => !before.has(s.id) && s.legs.some((l) => l.to === number)).map((s) => s.id);
}
async function carrierSessionIds(number: string): Promise<Set<string>> {
  const { sessions } = await sim<{ sessions: SimView[] }>('/api/sessions');
  return new Set(sessions.filter((s) => s.legs.some((l) => l.to === number)).map((s) => s.id));
}

// ── the flows ────────────────────────────────────────────────────────────────
type Flow = {
  name: string;
  recording?: boolean;
  setup(): Promise<(fault: Fault) => Promise<RunOut>>;
};

const safeNumberFlow: Flow = {
  name: 'safe number (connected)',
  async setup() {
    const n = await safeNumber();
    const callee = { number: n.mobile!, answer: 'after' as const, afterMs: 20, hangupAfterMs: 120 };
    return async (fault) => {
      await sim('/api/parties', callee);
      const sessionId = await placeCall({ to: n.e164, timeScale: 0.01, ...(fault.faults ? { faults: fault.faults } : {}) });
      const { result: carrier } = await underFault(fault, sessionId, () => finished(sessionId, async () => [sessionId]));
      return { norm: normalise(carrier, { [n.mobile!]: 'mobile' }, await recordsOf([sessionId]), null), carrier };
    };
  },
};

const voicemailFlow: Flow = {
  name: 'voicemail (after hours)',
  recording: true,
  async setup() {
    const n = await safeNumber({ voicemail: { afterHours: true } });
    return async (fault) => {
      const sessionId = await placeCall({ to: n.e164, at: AFTER_HOURS, timeScale: 0.05, ...(fault.faults ? { faults: fault.faults } : {}) });
      const { result: carrier } = await underFault(fault, sessionId, async () => {
        await waitForSession(sessionId, (v) => v.flow === 'voicemail' && v.state?.phase === 'recording', 20_000);
        await sleep(2_300);
        await callerDoes(sessionId, 'hangup');
        return finished(sessionId, async () => [sessionId], { copy: true });
      });
      const records = await recordsOf([sessionId]);
      const rows = (await globalDb(env).select().from(recordings).where(eq(recordings.callId, records[0]!.id)).all()).map((r) => ({
        kind: r.kind,
        owner: r.ownerUserId,
        channels: r.channels,
        kept: (r.durationMs ?? 0) >= 2_000,
      }));
      return { norm: normalise(carrier, {}, records, rows), carrier };
    };
  },
};

const queueTransferFlow: Flow = {
  name: 'queue with transfer',
  async setup() {
    const cc = await contactCenter({ agents: 2, afterCall: 'ready' });
    const [a, b] = cc.agents as [CcAgent, CcAgent];
    const clientA = await signIn(cc.org.name, a);
    const clientB = await signIn(cc.org.name, b);
    await post(clientB, '/api/cc/me/state', { state: 'break' });
    return async (fault) => {
      await phone(a, { answer: 'after', afterMs: 20 });
      await phone(b, { answer: 'after', afterMs: 20, hangupAfterMs: 150 });
      await until('a ready', async () => (await view(a))?.state === 'ready');
      const sessionId = await placeCall({ to: cc.e164, timeScale: 0.02, ...(fault.faults ? { faults: fault.faults } : {}) });
      const { result: carrier } = await underFault(fault, sessionId, async () => {
        await waitForSession(sessionId, (v) => v.state?.phase === 'connected', 20_000);
        await until('a on call', async () => (await view(a))?.state === 'on_call');
        expect((await post(clientB, '/api/cc/me/state', { state: 'ready' })).status).toBe(200);
        await until('b ready', async () => (await view(b))?.state === 'ready');
        const res = await post(clientA, '/api/cc/me/call/transfer', { toUserId: b.id });
        expect(res.status).toBe(202);
        return finished(sessionId, async () => [sessionId]);
      });
      await until('b after the call', async () => (await view(b))?.state === 'ready');
      expect((await post(clientB, '/api/cc/me/state', { state: 'break' })).status).toBe(200);
      return { norm: normalise(carrier, { [a.mobile]: 'agentA', [b.mobile]: 'agentB' }, await recordsOf([sessionId]), null), carrier };
    };
  },
};

/** An agent's outbound call (C6); with a callback id it is the call back of a callback request. */
async function outboundCall(fault: Fault, cc: Awaited<ReturnType<typeof contactCenter>>, a: CcAgent, client: Client, customer: string, callbackId?: string) {
  await until('agent ready', async () => (await view(a))?.state === 'ready');
  const before = await carrierSessionIds(a.mobile);
  await sim('/api/faults', fault.faults ?? null);
  const res = await post(client, '/api/cc/outbound', { to: customer, ...(callbackId ? { callbackId } : {}) });
  if (res.status !== 202) throw new Error(`outbound: ${res.status} ${await res.text()}`);
  const { callSessionId } = await res.json<{ callSessionId: string }>();
  const { result: carrier } = await underFault(fault, callSessionId, () => finished(callSessionId, () => newCarrierSessions(a.mobile, before)));
  await sim('/api/faults', null);
  expect(carrier.length).toBe(1);
  return { callSessionId, carrier };
}

const outboundFlow: Flow = {
  name: 'agent outbound',
  async setup() {
    const cc = await contactCenter({ agents: 1, afterCall: 'ready' });
    const [a] = cc.agents as [CcAgent];
    const client = await signIn(cc.org.name, a);
    const customer = '+821055556666';
    return async (fault) => {
      await phone(a, { answer: 'after', afterMs: 20 });
      await sim('/api/parties', { number: customer, answer: 'after', afterMs: 30, hangupAfterMs: 120 });
      const { callSessionId, carrier } = await outboundCall(fault, cc, a, client, '010-5555-6666');
      return { norm: normalise(carrier, { [a.mobile]: 'agent', [customer]: 'customer' }, await recordsOf([callSessionId]), null), carrier };
    };
  },
};

const callbackFlow: Flow = {
  name: 'callback (requested in the queue, called back by the agent)',
  async setup() {
    const cc = await contactCenter({ agents: 1, afterCall: 'ready' });
    const [a] = cc.agents as [CcAgent];
    const client = await signIn(cc.org.name, a);
    return async (fault) => {
      await post(client, '/api/cc/me/state', { state: 'break' });
      const from = `+8210${String(Math.floor(10_000_000 + Math.random() * 89_999_999))}`;
      const national = `0${from.slice(3, 5)}-${from.slice(5, 9)}-${from.slice(9)}`;
      // The request: the caller waits, presses 1, and the call ends politely.
      const sessionId = await placeCall({ to: cc.e164, from, timeScale: 0.02, ...(fault.faults ? { faults: fault.faults } : {}) });
      const { result: requestCarrier } = await underFault(fault, sessionId, async () => {
        await waitForSession(sessionId, (v) => v.state?.phase === 'waiting' && (v.state as { joinedAt: number | null }).joinedAt !== null, 20_000);
        await callerDoes(sessionId, 'dtmf', '1');
        return finished(sessionId, async () => [sessionId]);
      });
      const requested = await globalDb(env)
        .select()
        .from(callbacks)
        .where(and(eq(callbacks.queueId, cc.queueId), eq(callbacks.number, from)))
        .all();
      expect(requested).toHaveLength(1);
      // The call back: the agent goes ready and the Queue offers the callback from its line (the
      // agent's phone rings first, then the customer's). Its session is known once the agent has it.
      await phone(a, { answer: 'after', afterMs: 20 });
      await sim('/api/parties', { number: from, answer: 'after', afterMs: 30, hangupAfterMs: 120 });
      const before = await carrierSessionIds(a.mobile);
      const lastBefore = (await view(a))?.lastCall?.callSessionId ?? null;
      await sim('/api/faults', fault.faults ?? null);
      expect((await post(client, '/api/cc/me/state', { state: 'ready' })).status).toBe(200);
      const backId = await until('callback offered', async () => {
        const v = await view(a);
        return v?.call?.callSessionId ?? (v?.lastCall && v.lastCall.callSessionId !== lastBefore ? v.lastCall.callSessionId : null);
      });
      const { result: backCarrier } = await underFault(fault, backId, () => finished(backId, () => newCarrierSessions(a.mobile, before)));
      await sim('/api/faults', null);
      const back = { callSessionId: backId, carrier: backCarrier };
      const done = await until('callback done', async () => {
        const row = await globalDb(env).select().from(callbacks).where(eq(callbacks.id, requested[0]!.id)).get();
        return row?.status === 'done' ? row : null;
      });
      const records = await recordsOf([sessionId, back.callSessionId]);
      const carrier = [...requestCarrier, ...back.carrier];
      const rows = { requests: requested.length, status: done.status, handledBy: done.handledBy === a.id, callIsTheCallBack: done.callId === records[1]?.id };
      return { norm: normalise(carrier, { [a.mobile]: 'agent', [from]: 'customer' }, records, rows), carrier };
    };
  },
};

// ── the suite ────────────────────────────────────────────────────────────────
/** Nothing left up, nothing carried out twice, every record there once. */
function checkInvariants(out: RunOut, records: number) {
  for (const s of out.carrier) expect(s.legs.filter((l) => l.state !== 'ended')).toEqual([]);
  // Each leg answered and hung up at most once as the carrier saw it (distinct events of its webhooks).
  const events = new Map<string, Set<string | null>>();
  for (const s of out.carrier)
    for (const e of s.log)
      if (e.kind === 'webhook' && (e.name === 'call.answered' || e.name === 'call.hangup')) {
        const key = `${e.name} ${e.leg}`;
        events.set(key, (events.get(key) ?? new Set()).add(e.eventId));
      }
  expect([...events].filter(([, ids]) => ids.size !== 1)).toEqual([]);
  expect(out.norm.records).toHaveLength(records);
}

const FLOWS: { flow: Flow; records: number }[] = [
  { flow: safeNumberFlow, records: 1 },
  { flow: voicemailFlow, records: 1 },
  { flow: queueTransferFlow, records: 1 },
  { flow: outboundFlow, records: 1 },
  { flow: callbackFlow, records: 2 },
];

for (const { flow, records } of FLOWS) {
  describe(`fault suite: ${flow.name}`, () => {
    const faults = flow.recording ? [...FAULTS, ...RECORDING_FAULTS] : FAULTS;
    it(`under each fault, the carried-out commands, the legs, the record and the flow's rows equal the clean run's`, async () => {
      const run = await flow.setup();
      const clean = await run({ name: 'clean' });
      checkInvariants(clean, records);
      for (const fault of faults) {
        const out = await run(fault).catch((err: unknown) => {
          throw new Error(`${fault.name}: ${err instanceof Error ? err.message : String(err)}`);
        });
        checkInvariants(out, records);
        expect({ fault: fault.name, ...out.norm }).toEqual({ fault: fault.name, ...clean.norm });
      }
    }, 240_000);
  });
}

describe('the faults really happen', () => {
  it('duplicates, reordering, redeliveries, 5xx, lost answers, evictions and failed writes each show in the logs', async () => {
    const n = await safeNumber();
    const callee = { number: n.mobile!, answer: 'after' as const, afterMs: 20, hangupAfterMs: 120 };
    const logOf = async (fault: Fault) => {
      await sim('/api/parties', callee);
      const sessionId = await placeCall({ to: n.e164, timeScale: 0.01, ...(fault.faults ? { faults: fault.faults } : {}) });
      const { result, evictions } = await underFault(fault, sessionId, () => finished(sessionId, async () => [sessionId]));
      return { log: result[0]!.log, session: await sessionView(sessionId), evictions };
    };
    const clean = await logOf({ name: 'clean' });
    const webhooks = (l: LogEntry[]) => l.filter((e) => e.kind === 'webhook');
    const dup = await logOf(FAULTS[0]!);
    expect(webhooks(dup.log).length).toBe(2 * webhooks(clean.log).length);
    const reordered = await logOf(FAULTS[1]!);
    const order = webhooks(reordered.log).map((w) => w.produced!);
    expect(order.some((p, i) => i > 0 && p < order[i - 1]!)).toBe(true);
    const redelivered = await logOf(FAULTS[2]!);
    expect(webhooks(redelivered.log).length).toBe(2 * webhooks(clean.log).length);
    // The redeliveries came after the call had ended at the carrier.
    const first = new Map<string | null, number>();
    for (const w of webhooks(redelivered.log)) if (!first.has(w.eventId)) first.set(w.eventId, w.seq);
    const ended = Math.max(
      ...webhooks(redelivered.log)
        .filter((w) => w.name === 'call.hangup')
        .map((w) => first.get(w.eventId)!),
    );
    expect(webhooks(redelivered.log).filter((w) => w.seq > ended && first.get(w.eventId)! < w.seq).length).toBeGreaterThan(0);
    const failed = await logOf(FAULTS[3]!);
    expect(failed.log.filter((e) => e.kind === 'command' && e.status! >= 500).length).toBeGreaterThanOrEqual(4);
    // A lost answer: the worker retried with the same command_id and the carrier acted once.
    const lost = await logOf(FAULTS[4]!);
    const answers = lost.log.filter((e) => e.kind === 'command' && e.name === 'answer');
    expect(answers.length).toBe(2);
    expect(new Set(answers.map((a) => a.commandId)).size).toBe(1);
    expect(lost.session.commands.find((c) => c.key === 'answer:caller')).toMatchObject({ ok: true, attempts: 2 });
    expect(webhooks(lost.log).filter((w) => w.name === 'call.answered' && w.leg === answers[0]!.leg)).toHaveLength(1);
    const evicted = await logOf(FAULTS[5]!);
    expect(evicted.evictions.length).toBeGreaterThanOrEqual(3);
    const unwritten = await logOf(FAULTS[6]!);
    expect(unwritten.session.state).toMatchObject({ recordAttempts: 3, recorded: true });
  }, 60_000);

  it('a record write that fails every time is retried a bounded number of times and the session still finishes', async () => {
    const n = await safeNumber();
    await sim('/api/parties', { number: n.mobile!, answer: 'busy' });
    const sessionId = await placeCall({ to: n.e164, timeScale: 0.01 });
    injectedWriteFailures.set(sessionId, 100);
    const { result: view } = await underFault({ name: 'always', failWrites: 100 }, sessionId, () =>
      waitForSession(
        sessionId,
        (v) => v.state?.finished === true && (v.state as { recordAttempts: number }).recordAttempts >= 5 && !v.timers.some((t) => t.name === 'record'),
        20_000,
      ),
    );
    expect(view.recordWritten).toBe(false);
    expect(await recordsOf([sessionId])).toHaveLength(0);
  });
});
