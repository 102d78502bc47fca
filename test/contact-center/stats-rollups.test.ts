// Per-hour statistics rollups (issue 20 §3) written as queue calls end: calls driven through signed
// webhooks and the carrier simulator, then the rollup rows, their rebuild on the late writes (the
// agent's ACW, the wrap-up's category), replays that change nothing, and the report read from the
// rollups agreeing with the raw rows.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setCallAcw } from '../../worker/db/agent-states';
import { saveWrapUpForSession } from '../../worker/db/cc-calls';
import { globalDb } from '../../worker/db/client';
import { ccStatsHourly } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { callCounts, statsReport, statsSettings } from '../../worker/db/stats';
import { d1Batch, HOUR_MS, rebuildCallHour } from '../../worker/db/stats-rollups';
import { insertCallRecordOnce } from '../../worker/db/calls';
import { calls } from '../../worker/db/schema';
import { meterEnv } from '../../worker/metering';
import { metrics } from '../../worker/metrics';
import { callerDoes, placeCall, settle, waitForSession } from '../fixtures/calls';
import { makeCategory } from '../fixtures/contact-center';
import { contactCenter, phone, ready } from '../fixtures/contact-center-live';

const TIME_SCALE = 0.02;
const rollups = (orgId: string) => globalDb(env).select().from(ccStatsHourly).where(eq(ccStatsHourly.orgId, orgId)).all();

describe('statistics rollups written as calls end', () => {
  it('an answered call lands in its org, hour, queue and agent row; ACW and the wrap-up category rebuild it; a replay counts nothing twice', async () => {
    const cc = await contactCenter({ agents: 1, afterCall: 'acw' });
    const [a] = cc.agents;
    await phone(a!, { answer: 'after', afterMs: 30, hangupAfterMs: 200 });
    await ready(cc.org.id, a!);
    const sessionId = await placeCall({ to: cc.e164, timeScale: TIME_SCALE });
    const run = await settle(sessionId, true);
    const rec = run.record!;
    expect(rec).toMatchObject({ kind: 'queue', outcome: 'connected', agentUserId: a!.id });

    const [row, ...more] = await rollups(cc.org.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      hourStart: Math.floor(rec.startedAt / HOUR_MS) * HOUR_MS,
      queueId: cc.queueId,
      agentUserId: a!.id,
      categoryId: '',
      inbound: 1,
      answered: 1,
      abandoned: 0,
      callbacks: 0,
      waitCount: 1,
      waitSumMs: rec.waitMs,
      waitMaxMs: rec.waitMs,
      handledCount: 1,
      talkSumMs: rec.durationMs,
      acwSumMs: 0,
    });

    // The after-call work ends later: the row takes it, in the same batch as the call's update.
    const scope = dbFor(env, cc.org.id);
    await setCallAcw(scope, sessionId, 4_000);
    expect((await rollups(cc.org.id))[0]).toMatchObject({ acwSumMs: 4_000, handledCount: 1, inbound: 1 });

    // The wrap-up names a category: the call moves from the "none" row to the category's.
    const cat = await makeCategory(cc.org.id, '세금');
    expect(
      await saveWrapUpForSession(scope, { callSessionId: sessionId, agentUserId: a!.id, categoryId: cat, notes: '', now: rec.endedAt ?? rec.startedAt }),
    ).toBe(true);
    const after = await rollups(cc.org.id);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ categoryId: cat, inbound: 1, acwSumMs: 4_000 });

    // A replayed finish (the record is idempotent by session) and a second rebuild change nothing.
    await d1Batch(scope, [...rebuildCallHour(scope, { callSessionId: sessionId })]);
    await d1Batch(scope, [...rebuildCallHour(scope, { callSessionId: sessionId })]);
    expect(await rollups(cc.org.id)).toEqual(after);
  });

  it('an abandoned call and an answered one in the same queue-hour: the report read from rollups equals the raw rows', async () => {
    const cc = await contactCenter({ agents: 1 });
    const [a] = cc.agents;
    await phone(a!, { answer: 'after', afterMs: 30, hangupAfterMs: 150 });
    await ready(cc.org.id, a!);
    const taken = (await settle(await placeCall({ to: cc.e164, timeScale: TIME_SCALE }), true)).record!;
    expect(taken.outcome).toBe('connected');

    await ready(cc.org.id, a!, 'break');
    const gone = await placeCall({ to: cc.e164, timeScale: TIME_SCALE });
    await waitForSession(gone, (v) => v.state?.phase === 'waiting' && (v.state as { joinedAt: number | null }).joinedAt !== null);
    await new Promise((r) => setTimeout(r, 120));
    await callerDoes(gone, 'hangup');
    const abandoned = (await settle(gone, true)).record!;
    expect(abandoned.outcome).toBe('abandoned');

    const rows = await rollups(cc.org.id);
    const total = rows.reduce((s, r) => ({ inbound: s.inbound + r.inbound, answered: s.answered + r.answered, abandoned: s.abandoned + r.abandoned }), {
      inbound: 0,
      answered: 0,
      abandoned: 0,
    });
    expect(total).toEqual({ inbound: 2, answered: 1, abandoned: 1 });
    // The abandoned call has no agent: its own row ('' agent) unless both fell in different hours.
    expect(rows.find((r) => r.agentUserId === '')).toMatchObject({ abandoned: 1, answered: 0 });

    const scope = dbFor(env, cc.org.id);
    const now = taken.endedAt ?? taken.startedAt;
    const report = await statsReport(scope, { period: 'today', group: 'agent', now });
    const settings = await statsSettings(scope);
    const raw = await callCounts(scope, 'agent', {
      from: report.period.from,
      to: report.period.to,
      now,
      serviceLevelSeconds: settings.serviceLevelSeconds,
      shortAbandonSeconds: settings.shortAbandonSeconds,
    });
    const pick = (r: {
      key: string | null;
      inbound: number;
      answered: number;
      abandoned: number;
      waitSumMs: number;
      waitMaxMs: number | null;
      talkSumMs: number;
    }) => ({
      key: r.key,
      inbound: r.inbound,
      answered: r.answered,
      abandoned: r.abandoned,
      waitSumMs: r.waitSumMs,
      waitMaxMs: r.waitMaxMs,
      talkSumMs: r.talkSumMs,
    });
    const byKey = (x: { key: string | null }, y: { key: string | null }) => String(x.key).localeCompare(String(y.key));
    expect(report.rows.map(pick).sort(byKey)).toEqual(raw.map(pick).sort(byKey));
    expect(report.total.inbound).toBe(2);
  });

  it("a call no rollup counts (an agent's outbound call) is written with one statement, its ACW too; an inbound queue call with its hour's rebuild", async () => {
    const cc = await contactCenter({ agents: 1 });
    const [a] = cc.agents;
    // The statements counted as the bench counts them (worker/metering.ts).
    const scope = dbFor(meterEnv({ ...env, BENCH_METER: 'on' }), cc.org.id);
    const now = Date.now();
    const record = (callSessionId: string, kind: 'agent_outbound' | 'queue', direction: 'outbound' | 'inbound') => ({
      callSessionId,
      kind,
      direction,
      fromNumber: direction === 'outbound' ? cc.e164 : '+821012345678',
      toNumber: direction === 'outbound' ? '+821012345678' : cc.e164,
      queueId: cc.queueId,
      agentUserId: a!.id,
      startedAt: now - 60_000,
      answeredAt: now - 50_000,
      endedAt: now,
      durationMs: 50_000,
      waitMs: direction === 'inbound' ? 3_000 : null,
      outcome: 'connected',
    });
    const counted = async (write: () => Promise<void>) => {
      const before = metrics.d1Statements;
      await write();
      return metrics.d1Statements - before;
    };

    const out = `${cc.org.id}-out`;
    expect(await counted(() => insertCallRecordOnce(scope, record(out, 'agent_outbound', 'outbound')))).toBe(1);
    expect(await counted(() => setCallAcw(scope, out, 7_000, { rollup: false }))).toBe(1);
    const outRow = await globalDb(env).select().from(calls).where(eq(calls.callSessionId, out)).get();
    expect(outRow).toMatchObject({ kind: 'agent_outbound', acwMs: 7_000 });
    expect(await rollups(cc.org.id)).toEqual([]);

    const inbound = `${cc.org.id}-in`;
    expect(await counted(() => insertCallRecordOnce(scope, record(inbound, 'queue', 'inbound')))).toBe(3);
    expect(await counted(() => setCallAcw(scope, inbound, 4_000))).toBe(3);
    const [row, ...more] = await rollups(cc.org.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ queueId: cc.queueId, agentUserId: a!.id, inbound: 1, answered: 1, talkSumMs: 50_000, acwSumMs: 4_000 });
  });
});
