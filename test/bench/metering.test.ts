// The bench's operation counters (worker/metering.ts): with BENCH_METER on, each D1 statement is
// counted where it is prepared and each call into an object where it arrives, once, still answering
// as before; off, the env is untouched and no class is wrapped.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { meterEnv, meterObject } from '../../worker/metering';
import { metrics } from '../../worker/metrics';

const on = { ...env, BENCH_METER: 'on' };

describe('meterEnv', () => {
  it('hands the env on untouched when the bench did not ask', () => {
    expect(meterEnv(env)).toBe(env);
  });

  it('counts D1 statements, and the answers are the real ones', async () => {
    const m = meterEnv(on);
    const d1 = metrics.d1Statements;
    const row = await m.DB.prepare('SELECT 41 + 1 AS n').first<{ n: number }>();
    expect(row?.n).toBe(42);
    const [a, b] = await m.DB.batch([m.DB.prepare('SELECT 1 AS n'), m.DB.prepare('SELECT 2 AS n')]);
    expect([a?.results, b?.results]).toEqual([[{ n: 1 }], [{ n: 2 }]]);
    expect(metrics.d1Statements - d1).toBe(3);
  });

  it("counts the statements of a read-replication session (the routing snapshot's read)", async () => {
    const m = meterEnv(on);
    const d1 = metrics.d1Statements;
    const session = m.DB.withSession('first-unconstrained');
    expect((await session.prepare('SELECT 41 + 1 AS n').first<{ n: number }>())?.n).toBe(42);
    await session.batch([session.prepare('SELECT 1'), session.prepare('SELECT 2')]);
    expect(metrics.d1Statements - d1).toBe(3);
  });

  it('counts the statements that write and the batches (one round trip each) apart', async () => {
    const m = meterEnv(on);
    const before = { writes: metrics.d1Writes, batches: metrics.d1Batches, batched: metrics.d1BatchedStatements };
    await m.DB.prepare("UPDATE routing_snapshots SET built_at = built_at WHERE e164 = '+820'").run();
    await m.DB.prepare('SELECT 1').first();
    await m.DB.batch([m.DB.prepare('SELECT 1'), m.DB.prepare("DELETE FROM routing_snapshots WHERE e164 = '+820'"), m.DB.prepare('SELECT 2')]);
    expect([metrics.d1Writes - before.writes, metrics.d1Batches - before.batches, metrics.d1BatchedStatements - before.batched]).toEqual([2, 1, 3]);
  });
});

describe('meterObject', () => {
  // An object class, and a subclass of it as a local runtime wraps one.
  class Base {
    ping() {
      return 'ok';
    }
    alarm() {
      return 'alarm';
    }
  }
  class Obj extends Base {
    add(x: number) {
      return x + 1;
    }
  }
  class Wrapped extends Obj {}

  it('touches no class when the bench did not ask', () => {
    const before = Object.getOwnPropertyDescriptor(Obj.prototype, 'add')?.value as unknown;
    meterObject(new Wrapped(), env);
    expect(Object.getOwnPropertyDescriptor(Obj.prototype, 'add')?.value).toBe(before);
  });

  it('counts each call once where it arrives, alarms apart, and wraps a class once', () => {
    const o = new Wrapped();
    meterObject(o, on);
    meterObject(new Wrapped(), on);
    const dos = metrics.doRequests;
    const alarms = metrics.alarmRuns;
    expect([o.add(41), o.ping(), o.alarm()]).toEqual([42, 'ok', 'alarm']);
    expect([metrics.doRequests - dos, metrics.alarmRuns - alarms]).toEqual([2, 1]);
  });
});
