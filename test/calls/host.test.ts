// The one CallSession host: a second flow runs on it, a session evicted mid-call finishes with the
// same record, and each event costs a bounded, small amount of storage work.
import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { rebuildSnapshot } from '../../worker/db/snapshot-compiler';
import { virtualNumbers } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { metrics } from '../../worker/metrics';
import { RECOVERY_MS } from '../../durable-objects/host';
import { DOC_SEEN_MAX, SEEN_MAX } from '../../durable-objects/host-seen';
import { WORKING_INSTANT } from '../fixtures/flow-kit';
import { commandKeys, runCall, safeNumber, sessionView, settle, sim, waitForSession, type SimView } from '../fixtures/calls';
import { makeOrg } from '../fixtures/orgs';
import { randomNumber } from '../fixtures/telnyx-events';

describe('flows are plug-ins of one host', () => {
  it('a service number runs the announce flow through the same CallSession: answer, announcement, hang up, recorded', async () => {
    const org = await makeOrg();
    const e164 = randomNumber('+82212');
    const numberId = newId('num');
    await globalDb(env).insert(virtualNumbers).values({ id: numberId, orgId: org.id, e164, kind: 'service' });
    await rebuildSnapshot(env, numberId);
    const run = await runCall({ to: e164 });
    expect(run.session.flow).toBe('announce');
    expect(commandKeys(run)).toEqual(['answer:caller:answer:ok', 'speak:caller:announce:speak:ok', 'hangup:caller:hangup:ok']);
    expect(run.record).toMatchObject({ orgId: org.id, numberId, kind: 'queue', outcome: 'unavailable', toNumber: e164 });
  });

  it('a safe number runs the safe-number flow', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'busy' } });
    expect(run.session.flow).toBe('safe-number');
  });
});

const stripVolatile = (r: Record<string, unknown> | null) => {
  if (!r) return r;
  const { id: _i, callSessionId: _s, createdAt: _c, startedAt: _st, answeredAt, endedAt: _e, waitMs: _w, durationMs: _d, fromNumber: _f, ...rest } = r;
  return { ...rest, answered: answeredAt !== null };
};

describe('eviction', () => {
  /** A call whose mobile rings until the test answers it; optionally evict the session while it rings. */
  async function ringThenAnswer(n: Awaited<ReturnType<typeof safeNumber>>, evict: boolean) {
    await sim('/api/parties', { number: n.mobile!, answer: 'manual', hangupAfterMs: 40 });
    const placed = await sim<{ callSessionId: string }>('/api/calls', { from: '+821033334444', to: n.e164, timeScale: 0.01, at: WORKING_INSTANT });
    const id = placed.callSessionId;
    await waitForSession(id, (v) => v.state?.phase === 'ringing' && v.commands.some((c) => c.key === 'dial:callee'));
    if (evict) {
      const stub = env.CALL_SESSION.get(env.CALL_SESSION.idFromName(id));
      await evictDurableObject(stub);
    }
    const legs = await sim<SimView>(`/api/sessions/${id}`);
    const mobile = legs.legs.find((l) => l.direction === 'outgoing')!;
    await sim(`/api/legs/${encodeURIComponent(mobile.callControlId)}/answer`, {});
    const settled = await settle(id, true);
    return { sessionId: id, ...settled };
  }

  it('a CallSession evicted while the mobile rings completes the call with the same commands and the same record', async () => {
    const n = await safeNumber();
    const clean = await ringThenAnswer(n, false);
    const evicted = await ringThenAnswer(n, true);
    expect(commandKeys(evicted)).toEqual(commandKeys(clean));
    expect(commandKeys(evicted)).toContain('bridge:bridge:ok');
    expect(stripVolatile(evicted.record)).toEqual(stripVolatile(clean.record));
    expect(evicted.record?.outcome).toBe('connected');
  });
});

describe('storage work per event', () => {
  it('a connected call costs at most two storage writes per event and a handful of alarm writes', async () => {
    const n = await safeNumber();
    const before = { ...metrics };
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 30 } });
    const events = metrics.events - before.events;
    expect(events).toBe(run.session.eventsSeen);
    expect(metrics.docWrites - before.docWrites).toBeLessThanOrEqual(2 * events);
    // The owner's object writes too (the shield's count, the popup's live call), counted beside.
    expect(metrics.storageWrites - before.storageWrites).toBeGreaterThan(metrics.docWrites - before.docWrites);
    expect(metrics.alarmWrites - before.alarmWrites).toBeLessThanOrEqual(4);
    expect(run.record?.outcome).toBe('connected');
  });

  it('a settled session keeps its alarm for its earliest timer, not for a recovery it no longer needs', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 30 } });
    const view = await sessionView(run.sessionId);
    expect(view.pendingEvents).toBe(0);
    // The connected call lingers for a late recording: that timer is what the alarm waits for. While
    // its commands were in flight the alarm stood 30 s out (RECOVERY_MS), earlier than the linger.
    const earliest = view.timers[0]!.at;
    expect(earliest - Date.now()).toBeGreaterThan(RECOVERY_MS);
    const stub = env.CALL_SESSION.get(env.CALL_SESSION.idFromName(run.sessionId));
    const alarm = await runInDurableObject(stub, (_o, state) => state.storage.getAlarm());
    expect(alarm).toBe(earliest);
  });
});

describe('signals from outside the call', () => {
  it('are stored once per id and reach the session like events', async () => {
    const id = crypto.randomUUID();
    const stub = env.CALL_SESSION.get(env.CALL_SESSION.idFromName(id));
    expect(await stub.signal(id, 'sig-1', 'offer', { agent: 'usr_1' })).toEqual({ duplicate: false });
    expect(await stub.signal(id, 'sig-1', 'offer', { agent: 'usr_1' })).toEqual({ duplicate: true });
    expect(await stub.signal(id, 'sig-2', 'offer', { agent: 'usr_2' })).toEqual({ duplicate: false });
    expect((await sessionView(id)).eventsSeen).toBe(2);
  });
});

describe('input ids remembered for de-duplication', () => {
  const docOf = (stub: DurableObjectStub, sql = false) =>
    runInDurableObject(stub, (_o, state) => ({
      seen: (JSON.parse(state.storage.kv.get<string>('doc') ?? '{}') as { seen?: string[] }).seen ?? [],
      rows: sql ? state.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM host_seen').one().n : null,
    }));

  it(`a long-lived object keeps ${DOC_SEEN_MAX} ids in its document and the rest of the last ${SEEN_MAX} in a table, across an eviction`, async () => {
    const id = crypto.randomUUID();
    const stub = env.CALL_SESSION.get(env.CALL_SESSION.idFromName(id));
    const total = SEEN_MAX + 100;
    for (let i = 0; i < total; i++) expect(await stub.signal(id, `s${i}`, 'note', { i })).toEqual({ duplicate: false });
    const stored = await docOf(stub, true);
    // The document carries only the newest ids; the table the older ones up to the window.
    expect(stored.seen).toHaveLength(DOC_SEEN_MAX);
    expect(stored.seen.at(-1)).toBe(`signal:s${total - 1}`);
    expect(stored.seen.length + stored.rows!).toBeLessThanOrEqual(SEEN_MAX);
    expect(stored.seen.length + stored.rows!).toBeGreaterThanOrEqual(SEEN_MAX - 50);
    await evictDurableObject(stub);
    // In the document, in the table, and past the window: only the first two are duplicates.
    expect(await stub.signal(id, `s${total - 1}`, 'note', {})).toEqual({ duplicate: true });
    expect(await stub.signal(id, `s${total - 300}`, 'note', {})).toEqual({ duplicate: true });
    expect(await stub.signal(id, 's0', 'note', {})).toEqual({ duplicate: false });
  });

  it(`a document stored with all its ids (before the table) moves the excess at once and still knows them`, async () => {
    const id = crypto.randomUUID();
    const stub = env.CALL_SESSION.get(env.CALL_SESSION.idFromName(id));
    expect(await stub.signal(id, 'first', 'note', {})).toEqual({ duplicate: false });
    await runInDurableObject(stub, (_o, state) => {
      const doc = JSON.parse(state.storage.kv.get<string>('doc')!) as { seen: string[] };
      doc.seen = Array.from({ length: SEEN_MAX }, (_, i) => `signal:old${i}`);
      state.storage.kv.put('doc', JSON.stringify(doc));
    });
    await evictDurableObject(stub);
    expect(await stub.signal(id, 'old10', 'note', {})).toEqual({ duplicate: true });
    expect(await stub.signal(id, `old${SEEN_MAX - 1}`, 'note', {})).toEqual({ duplicate: true });
    expect(await stub.signal(id, 'new', 'note', {})).toEqual({ duplicate: false });
    const stored = await docOf(stub, true);
    expect(stored.seen).toHaveLength(DOC_SEEN_MAX);
    expect(stored.rows).toBe(SEEN_MAX - DOC_SEEN_MAX + 1);
  });

  it('a call never fills its document: no table is made', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 30 } });
    const stub = env.CALL_SESSION.get(env.CALL_SESSION.idFromName(run.sessionId));
    const tables = await runInDurableObject(stub, (_o, state) =>
      state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'host_seen'").toArray(),
    );
    expect(run.session.eventsSeen).toBeLessThan(DOC_SEEN_MAX);
    expect(tables).toEqual([]);
  });
});
