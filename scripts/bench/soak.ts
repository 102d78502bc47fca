// `npm run soak` (issue 19): a soak, not a test (never part of `npm test`). The bench's machinery — a
// frozen build under `wrangler dev`, and a Node carrier playing Telnyx with the simulator's own leg
// model — carries SOAK_CALLS (default 10,000) calls across every flow: safe number connected, after
// hours, voicemail, queue (half of them transferred to another agent), agent outbound and callback
// (requested in the queue, worked by the Queue when an agent is free). The carrier doubles 20 % of
// webhooks, swaps 10 % with the next one of their call, answers 5 % of commands with a 503, and
// CallSessions are evicted at random mid-call. It reports, and exits non-zero unless all are 0:
//   lost       a call (or callback request) with no call record, or a callback never worked (an offer
//              of a callback that never reached the customer — only the agent's leg dialled — leaves
//              no record by design: the request stays in line and is offered again; it is counted
//              apart, as an offer not taken);
//   doubled    an action the carrier carried out twice on one leg under two command ids;
//   orphans    legs left up at the carrier after their call's end;
//   disagree   records that contradict the carrier's log (answered, connected, numbers, voicemail: the
//              message kept once and as long as the recording the carrier saved, never lost).
// Bounded: it stops placing calls after SOAK_MAX_SECONDS and gives up waiting for calls in flight
// SOAK_DRAIN_SECONDS after the last was placed (those are then lost, never finished).
// Traffic goes to 127.0.0.1 only.
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import type { LogEntry } from '../../worker/simulator/delivery';
import type { CarrierModel } from '../../worker/simulator/model';
import { FaultsSchema, type Faults } from '../../worker/simulator/schemas';
import { decodeClientState } from '../../worker/telnyx/client-state';
import { d1ExecuteFile, d1Query, PROJECT_ROOT, sqlText, type Target } from '../lib/wrangler';
import * as v from 'valibot';
import { prepareRig, startRig, stopRig } from './rig';

const CALLS = Number(process.env.SOAK_CALLS ?? 10_000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 24);
const MAX_SECONDS = Number(process.env.SOAK_MAX_SECONDS ?? 3_600);
const DRAIN_SECONDS = Number(process.env.SOAK_DRAIN_SECONDS ?? 120);
const EVICT_EVERY_MS = Number(process.env.SOAK_EVICT_EVERY_MS ?? 250);
const PORT = Number(process.env.SOAK_PORT ?? 8897);
const TIME_SCALE = 0.02;
const FAULTS: Faults = v.parse(FaultsSchema, { duplicateRate: 0.2, reorderRate: 0.1, failRate: 0.05 });

const ORG = 'org_soak';
const QUEUE = 'que_soak';
const SERVICE = '+82215880000';
const SAFE_NUMBERS = 20;
const VOICEMAIL_NUMBERS = 10;
const QUEUE_AGENTS = 10;
const OUTBOUND_AGENTS = 6;
const WORKING_INSTANT = Date.parse('2026-12-02T11:00:00+09:00');
const AFTER_HOURS = Date.parse('2026-12-02T20:00:00+09:00');

/** `callback_call`: the call the Queue places to work a callback request (not placed by the soak). */
type FlowName = 'safe_number' | 'after_hours' | 'voicemail' | 'queue' | 'queue_transfer' | 'outbound' | 'callback' | 'callback_call';
/** The mix, by share of calls. */
const MIX: [FlowName, number][] = process.env.SOAK_ONLY
  ? [[process.env.SOAK_ONLY as FlowName, 1]]
  : [
      ['safe_number', 0.3],
      ['after_hours', 0.1],
      ['voicemail', 0.1],
      ['queue', 0.15],
      ['queue_transfer', 0.15],
      ['outbound', 0.1],
      ['callback', 0.1],
    ];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

type Agent = { userId: string; mobile: string; cookie: string; busy: boolean };

/** One call as the soak follows it: the CallSession it belongs to and what the carrier saw of it. */
type Tracked = {
  flow: FlowName;
  /** The CallSession's id (the carrier's session for inbound calls; the API's answer for outbound). */
  sessionId: string;
  placedAt: number;
  checkedAt?: number;
  done: boolean;
  transfer?: { from: Agent; tried: boolean };
  agent?: Agent;
  customer?: string;
  callbackNumber?: string;
};
type Leg = { callControlId: string; direction: 'incoming' | 'outgoing'; state: string; to: string; from: string };
type SimLeg = NonNullable<ReturnType<CarrierModel['legs']['get']>>;

async function seed(target: Target) {
  const now = Date.now();
  const stmts = [
    `INSERT INTO orgs (id, name, agent_state_after_login, agent_state_after_call) VALUES ('${ORG}', ${sqlText(`soak-${now}`)}, 'ready', 'ready')`,
    `INSERT INTO queues (id, org_id, name, announce_interval_seconds, max_wait_seconds, tier_widen_seconds, overflow) VALUES ('${QUEUE}', '${ORG}', '소크', 0, 3600, 0, 'callback')`,
    `INSERT INTO virtual_numbers (id, org_id, e164, kind, queue_id) VALUES ('num_soakq', '${ORG}', '${SERVICE}', 'service', '${QUEUE}')`,
    `INSERT INTO routing_snapshots (e164, org_id, number_id, version, snapshot, built_at) VALUES ('${SERVICE}', '${ORG}', 'num_soakq', 0, '{}', 0)`,
  ];
  const safe: { e164: string; mobile: string }[] = [];
  const voicemail: string[] = [];
  for (let i = 0; i < SAFE_NUMBERS + VOICEMAIL_NUMBERS; i++) {
    const e164 = `+82505${String(20_000_000 + i)}`;
    const mobile = `+8210${String(40_000_000 + i)}`;
    const user = `usr_soak${i}`;
    stmts.push(
      `INSERT INTO users (id, org_id, role, login_id, name, password_hash, mobile) VALUES ('${user}', '${ORG}', 'staff', 'soak${i}', '직원${i}', 'x', '${mobile}')`,
      `INSERT INTO virtual_numbers (id, org_id, e164, owner_user_id) VALUES ('num_soak${i}', '${ORG}', '${e164}', '${user}')`,
      `INSERT INTO routing_snapshots (e164, org_id, number_id, version, snapshot, built_at) VALUES ('${e164}', '${ORG}', 'num_soak${i}', 0, '{}', 0)`,
    );
    if (i < SAFE_NUMBERS) safe.push({ e164, mobile });
    else {
      stmts.push(`INSERT INTO personal_settings (user_id, org_id, voicemail_after_hours) VALUES ('${user}', '${ORG}', 1)`);
      voicemail.push(e164);
    }
  }
  const agents = (n: number, offset: number, inQueue: boolean): Agent[] =>
    Array.from({ length: n }, (_, k) => {
      const i = offset + k;
      const userId = `usr_soakagent${i}`;
      const mobile = `+8210${String(50_000_000 + i)}`;
      const token = randomBytes(32).toString('base64url');
      const hash = createHash('sha256').update(token).digest('base64');
      stmts.push(
        `INSERT INTO users (id, org_id, role, login_id, name, password_hash, mobile) VALUES ('${userId}', '${ORG}', 'agent', 'soakagent${i}', '상담사${i}', 'x', '${mobile}')`,
        `INSERT INTO sessions (token_hash, org_id, user_id, created_at, last_seen_at, expires_at) VALUES (${sqlText(hash)}, '${ORG}', '${userId}', ${now}, ${now}, ${now + 8 * 3600_000})`,
      );
      if (inQueue) stmts.push(`INSERT INTO queue_members (org_id, queue_id, user_id, level) VALUES ('${ORG}', '${QUEUE}', '${userId}', 1)`);
      return { userId, mobile, cookie: `sid=${token}`, busy: false };
    });
  const queueAgents = agents(QUEUE_AGENTS, 0, true);
  const outboundAgents = agents(OUTBOUND_AGENTS, QUEUE_AGENTS, false);
  await d1ExecuteFile(target, stmts);
  return { safe, voicemail, queueAgents, outboundAgents };
}

async function main() {
  console.log(
    `▸ soak: ${CALLS} calls, ${CONCURRENCY} at a time; faults: 20 % webhooks doubled, 10 % reordered, 5 % commands 503, evictions every ${EVICT_EVERY_MS} ms`,
  );
  const rig = await prepareRig('soak');
  const { target } = rig;
  const seeded = await seed(target);
  const { carrier, worker } = await startRig(rig, PORT).catch(async (err: unknown) => {
    await stopRig(rig);
    throw err;
  });
  const model = carrier.model;
  // Every carrier-started session (outbound dials, the Queue's callbacks) gets the same odds.
  model.setDefaultFaults(() => structuredClone(FAULTS));
  // The carrier's log, indexed by session as it is written (the model keeps a bounded log of all).
  const logs = new Map<string, LogEntry[]>();
  const note = model.note.bind(model);
  model.note = (e) => {
    note(e);
    let l = logs.get(e.session);
    if (!l) logs.set(e.session, (l = []));
    l.push({ ...e, seq: 0, at: Date.now() } as LogEntry);
  };
  const origin = worker.directUrl;
  const api = async (agent: Agent, method: string, p: string, body?: unknown) => {
    const res = await fetch(`${origin}${p}`, {
      method,
      headers: { cookie: agent.cookie, origin, 'content-type': 'application/json', ...worker.direct },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
  };
  const sessionView = async (id: string) =>
    (await (await fetch(`${origin}/_sim/api/call-sessions/${encodeURIComponent(id)}`, { headers: worker.direct })).json()) as {
      state: { finished?: boolean } | null;
      recordWritten: boolean;
      pendingEvents: number;
    };

  let exitCode = 1;
  try {
    await (await fetch(`${worker.proxyUrl}/cdn-cgi/local/scheduled`)).arrayBuffer();
    for (const n of seeded.safe) model.setParty({ number: n.mobile, answer: 'after', afterMs: 60, hangupAfterMs: 300 });
    for (const a of [...seeded.queueAgents, ...seeded.outboundAgents]) {
      model.setParty({ number: a.mobile, answer: 'after', afterMs: 40, hangupAfterMs: 1_500 });
      const r = await api(a, 'POST', '/api/cc/me/login', {});
      if (r.status !== 200) throw new Error(`agent login: ${r.status}`);
    }

    const tracked: Tracked[] = [];
    const known = new Set<string>();
    const inFlight = new Set<Tracked>();
    const callbackNumbers: string[] = [];
    let placed = 0;
    let outboundRefused = 0;
    let transfers = 0;
    let evictions = 0;
    const started = Date.now();
    const deadline = started + MAX_SECONDS * 1000;
    const mixPick = (): FlowName => {
      let r = Math.random();
      for (const [f, share] of MIX) if ((r -= share) < 0) return f;
      return 'safe_number';
    };
    const inbound = (flow: FlowName, to: string, at: number, extra: { hangupAfterMs?: number; from?: string; timeScale?: number } = {}) => {
      const { callSessionId } = model.placeCall({
        from: extra.from ?? `+8210${String(70_000_000 + placed)}`,
        to,
        timeScale: extra.timeScale ?? TIME_SCALE,
        deliver: true,
        at: at + (Date.now() - started),
        faults: structuredClone(FAULTS),
        ...(extra.hangupAfterMs !== undefined ? { hangupAfterMs: extra.hangupAfterMs } : {}),
      });
      const t: Tracked = { flow, sessionId: callSessionId, placedAt: Date.now(), done: false };
      known.add(callSessionId);
      tracked.push(t);
      inFlight.add(t);
      return t;
    };

    const place = async (): Promise<boolean> => {
      const flow = mixPick();
      switch (flow) {
        case 'safe_number':
          inbound(flow, pick(seeded.safe).e164, WORKING_INSTANT);
          return true;
        case 'after_hours':
          inbound(flow, pick(seeded.safe).e164, AFTER_HOURS);
          return true;
        case 'voicemail':
          // The caller speaks past the two-second minimum, then hangs up (the two-minute limit is 6 s here).
          inbound(flow, pick(seeded.voicemail), AFTER_HOURS, { hangupAfterMs: 3_500, timeScale: 0.05 });
          return true;
        case 'queue':
          inbound(flow, SERVICE, WORKING_INSTANT);
          return true;
        case 'queue_transfer': {
          const t = inbound(flow, SERVICE, WORKING_INSTANT);
          t.transfer = { from: seeded.queueAgents[0]!, tried: false };
          return true;
        }
        case 'callback': {
          const from = `+8210${String(80_000_000 + placed)}`;
          model.setParty({ number: from, answer: 'after', afterMs: 60, hangupAfterMs: 200 });
          const t = inbound(flow, SERVICE, WORKING_INSTANT, { from });
          t.callbackNumber = from;
          callbackNumbers.push(from);
          return true;
        }
        case 'outbound': {
          const agent = seeded.outboundAgents.find((a) => !a.busy);
          if (!agent) return false;
          const customer = `+8210${String(90_000_000 + placed)}`;
          model.setParty({ number: customer, answer: 'after', afterMs: 60, hangupAfterMs: 300 });
          agent.busy = true;
          const r = await api(agent, 'POST', '/api/cc/outbound', { to: customer });
          if (r.status !== 202) {
            agent.busy = false;
            outboundRefused++;
            return false;
          }
          const t: Tracked = { flow, sessionId: String(r.json!.callSessionId), placedAt: Date.now(), done: false, agent, customer };
          known.add(t.sessionId);
          tracked.push(t);
          inFlight.add(t);
          return true;
        }
        default:
          return false;
      }
    };

    /** Carrier sessions of a tracked call: its own (inbound) and those whose legs carry its session id. */
    const carrierOf = new Map<string, Set<string>>();
    // The soak's own index of the carrier's legs, by carrier session, kept for the whole run: the model
    // forgets quiet sessions and their legs once it holds 5,000 (its bounded memory, model.ts prune()),
    // and a call it forgot between its end and the check would otherwise be judged without its legs.
    const legIndex = new Map<string, SimLeg[]>();
    // And of its recordings (it keeps the last 2,000): what the carrier saved, by carrier session.
    const recordingIndex = new Map<string, { id: string; audioMs: number }[]>();
    const indexedRecordings = new Set<string>();
    const indexLegs = () => {
      for (const rec of model.recordings.values()) {
        if (indexedRecordings.has(rec.id)) continue;
        indexedRecordings.add(rec.id);
        recordingIndex.set(rec.session, [...(recordingIndex.get(rec.session) ?? []), { id: rec.id, audioMs: rec.audioMs }]);
      }
      for (const leg of model.legs.values()) {
        if (indexed.has(leg.callControlId)) continue;
        indexed.add(leg.callControlId);
        let l = legIndex.get(leg.callSessionId);
        if (!l) legIndex.set(leg.callSessionId, (l = []));
        l.push(leg);
      }
    };
    const indexed = new Set<string>();
    const legsOf = (ids: string[]): Leg[] =>
      ids.flatMap((id) =>
        (legIndex.get(id) ?? []).map((leg) => ({ callControlId: leg.callControlId, direction: leg.direction, state: leg.state, to: leg.to, from: leg.from })),
      );
    // Outgoing legs carry their CallSession in client_state: that ties carrier sessions to calls, and
    // shows the calls the Queue places itself to work callbacks, which are then followed like the rest.
    const seenLegs = new Set<string>();
    const attach = () => {
      indexLegs();
      for (const leg of model.legs.values()) {
        if (leg.direction !== 'outgoing' || !leg.clientState || seenLegs.has(leg.callControlId)) continue;
        seenLegs.add(leg.callControlId);
        const cs = decodeClientState(leg.clientState);
        if (!cs) continue;
        if (!known.has(cs.sessionId)) {
          known.add(cs.sessionId);
          const t: Tracked = { flow: 'callback_call', sessionId: cs.sessionId, placedAt: Date.now(), done: false };
          tracked.push(t);
          inFlight.add(t);
        }
        let set = carrierOf.get(cs.sessionId);
        if (!set) carrierOf.set(cs.sessionId, (set = new Set()));
        set.add(leg.callSessionId);
      }
    };

    // Callers waiting in line for a callback press 1 once they hear the queue.
    const pressOne = (t: Tracked) => {
      const s = model.sessions.get(t.sessionId);
      const leg = s?.legs.map((id) => model.legs.get(id)).find((l) => l?.direction === 'incoming');
      const log = logs.get(t.sessionId) ?? [];
      if (leg && leg.state === 'answered' && log.some((e) => e.name === 'playback_start' && e.status === 200)) {
        model.legAction(leg.callControlId, 'dtmf', '1');
        t.callbackNumber = `${t.callbackNumber}!`;
      }
    };

    // A transfer: when the caller is bridged to an agent, that agent hands the call to a ready colleague.
    const transfer = async (t: Tracked) => {
      const s = model.sessions.get(t.sessionId);
      const legs = (s?.legs ?? []).map((id) => model.legs.get(id)!).filter(Boolean);
      const agentLeg = legs.find((l) => l.direction === 'outgoing' && l.state === 'bridged');
      if (!agentLeg) return;
      const agent = seeded.queueAgents.find((a) => a.mobile === agentLeg.to);
      if (!agent) return;
      t.transfer!.tried = true;
      const targets = await api(agent, 'GET', '/api/cc/me/call/transfer-targets');
      const to = (targets.json?.agents as { userId: string }[] | undefined)?.[0];
      if (!to) return;
      const r = await api(agent, 'POST', '/api/cc/me/call/transfer', { toUserId: to.userId });
      if (r.status === 202) transfers++;
    };

    let lastEvict = Date.now();
    let lastReport = Date.now();
    // When the last call was placed (or placing stopped at the deadline): the drain is counted from there.
    let placingOver: number | null = null;
    while ((placed < CALLS && Date.now() < deadline) || inFlight.size > 0) {
      if (placingOver === null && (placed >= CALLS || Date.now() >= deadline)) placingOver = Date.now();
      if (placingOver !== null && Date.now() > placingOver + DRAIN_SECONDS * 1000) break;
      while (placed < CALLS && inFlight.size < CONCURRENCY && Date.now() < deadline) {
        if (!(await place())) break;
        placed++;
      }
      attach();
      for (const t of inFlight) {
        if (t.flow === 'callback' && !t.callbackNumber!.endsWith('!')) pressOne(t);
        if (t.transfer && !t.transfer.tried) await transfer(t);
      }
      // Random evictions of calls in progress.
      if (Date.now() - lastEvict >= EVICT_EVERY_MS && inFlight.size) {
        lastEvict = Date.now();
        const victim = pick([...inFlight]);
        await (
          await fetch(`${origin}/_sim/api/call-sessions/${encodeURIComponent(victim.sessionId)}/evict`, { method: 'POST', headers: worker.direct })
        ).arrayBuffer();
        evictions++;
      }
      // A call is over when its session has finished and written its record, and the carrier is quiet.
      for (const t of [...inFlight]) {
        if (Date.now() - t.placedAt < 300 || Date.now() - (t.checkedAt ?? 0) < 200) continue;
        const ids = [t.sessionId, ...(carrierOf.get(t.sessionId) ?? [])];
        if (
          !ids.every((id) => {
            const s = model.sessions.get(id);
            return !s || (s.busy === 0 && s.held === null);
          })
        )
          continue;
        t.checkedAt = Date.now();
        const view = await sessionView(t.sessionId);
        if (view.state?.finished && view.recordWritten && view.pendingEvents === 0) {
          t.done = true;
          inFlight.delete(t);
          if (t.agent) t.agent.busy = false;
        }
      }
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        const secs = (Date.now() - started) / 1000;
        console.log(`  ${secs.toFixed(0)} s: ${placed} placed, ${tracked.length - inFlight.size} done, ${inFlight.size} in flight, ${evictions} evictions`);
      }
      await sleep(20);
    }
    const placing = (Date.now() - started) / 1000;

    // The Queue works the callbacks when agents are free: wait for them (bounded).
    const cbDeadline = Date.now() + DRAIN_SECONDS * 1000;
    let cbRows: { number: string; status: string; call_id: string | null }[] = [];
    while (Date.now() < cbDeadline) {
      cbRows = await d1Query(target, `SELECT number, status, call_id FROM callbacks WHERE org_id = '${ORG}'`);
      if (cbRows.every((r) => r.status === 'done') && cbRows.length >= callbackNumbers.length) break;
      await sleep(2_000);
    }
    // Let the last carrier work (late webhooks, hangups) finish.
    for (let i = 0; i < 100 && [...model.sessions.values()].some((s) => s.busy > 0 || s.held); i++) await sleep(100);
    const seconds = (Date.now() - started) / 1000;
    attach();

    type Row = { call_session_id: string; kind: string; outcome: string; answered_at: number | null; to_number: string; from_number: string };
    const rows = await d1Query<Row>(target, `SELECT call_session_id, kind, outcome, answered_at, to_number, from_number FROM calls WHERE org_id = '${ORG}'`);
    const bySession = new Map(rows.map((r) => [r.call_session_id, r]));
    type RecRow = { call_session_id: string; kind: string; duration_ms: number | null };
    const recRows = await d1Query<RecRow>(
      target,
      `SELECT c.call_session_id, r.kind, r.duration_ms FROM recordings r JOIN calls c ON c.id = r.call_id WHERE r.org_id = '${ORG}'`,
    );
    const keptBySession = new Map<string, RecRow[]>();
    for (const r of recRows) keptBySession.set(r.call_session_id, [...(keptBySession.get(r.call_session_id) ?? []), r]);

    // ── the four figures ─────────────────────────────────────────────────────
    const problems: string[] = [];
    let lost = 0;
    let doubled = 0;
    let orphans = 0;
    let disagree = 0;
    let offersNotTaken = 0;
    const ONCE = new Set(['answer', 'hangup', 'reject', 'record_start', 'record_stop']);
    const check = (t: Tracked | null, sessionId: string, row: Row | undefined, kind: string) => {
      const ids = [sessionId, ...(carrierOf.get(sessionId) ?? [])];
      const legs = legsOf(ids);
      const log = ids.flatMap((id) => logs.get(id) ?? []);
      // Doubled: one leg, one once-only action, carried out under two command ids.
      const done = new Map<string, Set<string>>();
      for (const e of log)
        if (e.kind === 'command' && e.status !== null && e.status < 300 && ONCE.has(e.name) && e.leg) {
          const k = `${e.name} ${e.leg}`;
          done.set(k, (done.get(k) ?? new Set()).add(e.commandId ?? crypto.randomUUID()));
        }
      for (const [k, set] of done)
        if (set.size > 1) {
          doubled++;
          problems.push(`doubled ${k.split(' ')[0]} in ${sessionId} (${kind})`);
        }
      for (const l of legs)
        if (l.state !== 'ended') {
          orphans++;
          problems.push(`orphan leg (${l.direction}, ${l.state}) in ${sessionId} (${kind})`);
        }
      const answered = (l: (typeof legs)[number]) => log.some((e) => e.kind === 'webhook' && e.name === 'call.answered' && e.leg === l.callControlId);
      // A callback offer that never reached the customer: only the agent's leg was dialled (it rang
      // out, or the agent answered after the offer's lease and the Queue refused the answer), and it
      // ended. Every request being worked once is checked below, apart from this.
      if (!row && kind === 'callback_call' && t?.done && legs.length === 1 && legs.every((l) => l.state === 'ended')) {
        offersNotTaken++;
        return;
      }
      if (!row) {
        if (process.env.SOAK_DEBUG)
          for (const e of log)
            console.log(`    LOST ${sessionId.slice(0, 8)} ${e.kind} ${e.name} ${e.leg?.slice(-6) ?? '-'} ${e.status ?? ''} ${e.commandId?.slice(0, 8) ?? ''}`);
        lost++;
        problems.push(`no record for ${sessionId} (${kind}${t && !t.done ? ', never finished' : ''})`);
        return;
      }
      // The record against the carrier's log.
      const outgoing = legs.filter((l) => l.direction === 'outgoing');
      const calleeAnswered =
        row.kind === 'agent_outbound' || row.kind === 'callback' ? outgoing.some((l) => l.to === row.to_number && answered(l)) : outgoing.some(answered);
      const bridged = log.some((e) => e.kind === 'command' && e.name === 'bridge' && e.status === 200);
      const recorded = log.some((e) => e.kind === 'command' && e.name === 'record_start' && e.status === 200);
      const incoming = legs.find((l) => l.direction === 'incoming');
      const wrong: string[] = [];
      // A queue call is answered when an agent took it: an agent whose phone was answered but whose
      // caller had left (or asked for a callback) did not; so only the one direction is checked there.
      const answeredWrong = row.kind === 'queue' ? row.answered_at !== null && !calleeAnswered : (row.answered_at !== null) !== calleeAnswered;
      if (answeredWrong) wrong.push(`answered ${row.answered_at !== null} vs carrier ${calleeAnswered}`);
      if (row.outcome === 'connected' && !bridged) wrong.push('connected without a bridge');
      if (bridged && row.kind === 'safe_number' && row.outcome !== 'connected') wrong.push(`bridged but ${row.outcome}`);
      if (row.outcome === 'voicemail' && !recorded) wrong.push('voicemail without a recording');
      // A voicemail is kept when the carrier saved at least two seconds of it (VOICEMAIL_MIN_MS): the
      // message the product kept is the carrier's, as long; a message the carrier saved is never lost.
      const saved = ids.flatMap((id) => recordingIndex.get(id) ?? []);
      const message = saved.find((r) => r.audioMs >= 2_000);
      const kept = (keptBySession.get(sessionId) ?? []).filter((r) => r.kind === 'voicemail');
      if (row.outcome === 'voicemail') {
        if (!message) wrong.push('voicemail without two seconds saved by the carrier');
        if (kept.length !== 1) wrong.push(`voicemail with ${kept.length} messages kept`);
        else if (message && Math.abs((kept[0]!.duration_ms ?? -1) - message.audioMs) > 50)
          wrong.push(`message of ${kept[0]!.duration_ms} ms vs carrier ${message.audioMs} ms`);
      } else if (message && t?.flow === 'voicemail') wrong.push(`message lost (${row.outcome})`);
      if (row.outcome !== 'voicemail' && kept.length) wrong.push(`${kept.length} messages kept but ${row.outcome}`);
      if (incoming && (incoming.to !== row.to_number || incoming.from !== row.from_number)) wrong.push('numbers');
      if (wrong.length) {
        disagree++;
        problems.push(`record of ${sessionId} (${kind}, ${row.outcome}): ${wrong.join('; ')}`);
      }
      if (process.env.SOAK_DEBUG && (wrong.length || legs.some((l) => l.state !== 'ended'))) {
        const role = (leg: string | null) => (leg === null ? '-' : (legs.find((l) => l.callControlId === leg)?.to.slice(-4) ?? '?'));
        for (const e of log) console.log(`    ${sessionId.slice(0, 8)} ${e.kind} ${e.name} ${role(e.leg)} ${e.status ?? ''} ${e.commandId?.slice(0, 8) ?? ''}`);
      }
    };
    for (const t of tracked) check(t, t.sessionId, bySession.get(t.sessionId), t.flow);
    // The callbacks the Queue worked: each request done once, with its own call record.
    const requested = new Set(callbackNumbers);
    const rowsByNumber = new Map<string, typeof cbRows>();
    for (const r of cbRows) rowsByNumber.set(r.number, [...(rowsByNumber.get(r.number) ?? []), r]);
    let callbacksWorked = 0;
    for (const n of requested) {
      const mine = rowsByNumber.get(n) ?? [];
      const fromTracked = tracked.find((t) => t.callbackNumber?.startsWith(n));
      const outcome = fromTracked ? bySession.get(fromTracked.sessionId)?.outcome : undefined;
      if (outcome !== 'callback') continue; // the caller was served before pressing 1
      if (mine.length !== 1) {
        (mine.length ? (doubled++, problems) : (lost++, problems)).push(`callback requests for one caller: ${mine.length}`);
        continue;
      }
      if (mine[0]!.status !== 'done') {
        lost++;
        problems.push(`callback never worked (${mine[0]!.status})`);
        continue;
      }
      callbacksWorked++;
      // Its call was followed (and checked) above, as a callback_call; here: that it has a record, and
      // that the customer was reached once — two connected callback calls for one request is a customer
      // called twice, an action doubled.
      const reached = rows.filter((r) => r.kind === 'callback' && r.to_number === n && r.outcome === 'connected').length;
      if (!rows.some((r) => r.kind === 'callback' && r.to_number === n)) {
        lost++;
        problems.push('a worked callback without its call record');
      } else if (reached > 1) {
        doubled++;
        problems.push(`customer ${n} reached ${reached} times for one callback request`);
      }
    }
    // Connected callback calls to a number whose request is not counted above (its first call's record
    // did not end as 'callback'): named, so a count of such calls beside callbacksWorked is explained.
    const counted = new Set([...requested].filter((n) => rows.some((r) => r.kind === 'callback' && r.to_number === n)));
    const callbackCallsElsewhere = rows
      .filter((r) => r.kind === 'callback' && r.outcome === 'connected' && !counted.has(r.to_number))
      .map((r) => {
        const first = tracked.find((t) => t.callbackNumber?.startsWith(r.to_number));
        return `${r.to_number}: request from a ${first?.flow ?? 'untracked'} call recorded ${(first && bySession.get(first.sessionId)?.outcome) ?? 'without a record'}`;
      });

    const placedCalls = tracked.filter((t) => t.flow !== 'callback_call').length;
    const byFlow: Record<string, number> = {};
    for (const t of tracked) byFlow[t.flow] = (byFlow[t.flow] ?? 0) + 1;
    const outcomes: Record<string, number> = {};
    for (const r of rows) outcomes[`${r.kind}:${r.outcome}`] = (outcomes[`${r.kind}:${r.outcome}`] ?? 0) + 1;
    const webhooks = carrier.deliveries.length;
    const result = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, load: loadavg()[0] },
      calls: placedCalls,
      callbackCalls: tracked.length - placedCalls,
      byFlow,
      callbacksWorked,
      /** Connected callback calls whose request the count above leaves out, each with why. */
      callbackCallsElsewhere,
      /** Callback offers that never reached the customer: no record by design, the request offered again. */
      offersNotTaken,
      transfers,
      outboundRefused,
      evictions,
      webhookDeliveries: webhooks,
      records: rows.length,
      voicemailsKept: recRows.filter((r) => r.kind === 'voicemail').length,
      outcomes,
      lost,
      doubled,
      orphans,
      disagree,
      carrierSessions: legIndex.size,
      seconds: Number(seconds.toFixed(1)),
      placingSeconds: Number(placing.toFixed(1)),
      /** Calls placed by the soak per second, from the first placed until the last was over. */
      callsPerSecond: Number((placedCalls / placing).toFixed(2)),
    };
    console.log(JSON.stringify(result, null, 2));
    for (const p of problems.slice(0, 30)) console.log(`  ✗ ${p}`);
    await writeFile(path.join(PROJECT_ROOT, 'bench', 'soak.json'), JSON.stringify({ ...result, problems: problems.slice(0, 100) }, null, 2) + '\n');
    const ok = lost === 0 && doubled === 0 && orphans === 0 && disagree === 0 && placedCalls === CALLS;
    console.log(
      `${ok ? '✓' : '✗'} soak: ${placedCalls} calls in ${seconds.toFixed(0)} s (${result.callsPerSecond} calls/s): ${lost} lost, ${doubled} doubled, ${orphans} orphan legs, ${disagree} disagreeing records`,
    );
    exitCode = ok ? 0 : 1;
  } finally {
    await stopRig(rig);
  }
  process.exit(exitCode);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
