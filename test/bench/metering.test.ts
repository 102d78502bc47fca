// The bench's operation counters (worker/metering.ts): with BENCH_METER on, each D1 statement and
// each call to an object stub is counted once and still answers as before; off, the env is untouched.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { meterEnv } from '../../worker/metering';
import { metrics } from '../../worker/metrics';

describe('meterEnv', () => {
  it('hands the env on untouched when the bench did not ask', () => {
    expect(meterEnv(env)).toBe(env);
  });

  it('counts D1 statements and object requests, and the answers are the real ones', async () => {
    const m = meterEnv({ ...env, BENCH_METER: 'on' });
    const d1 = metrics.d1Statements;
    const dos = metrics.doRequests;
    const row = await m.DB.prepare('SELECT 41 + 1 AS n').first<{ n: number }>();
    expect(row?.n).toBe(42);
    const [a, b] = await m.DB.batch([m.DB.prepare('SELECT 1 AS n'), m.DB.prepare('SELECT 2 AS n')]);
    expect([a?.results, b?.results]).toEqual([[{ n: 1 }], [{ n: 2 }]]);
    expect(metrics.d1Statements - d1).toBe(3);

    const stub = m.AGENT.get(m.AGENT.idFromName('usr_meter'));
    expect(await stub.ping()).toBe('ok');
    expect(await m.CALL_SESSION.get(m.CALL_SESSION.idFromName('meter')).ping()).toBe('ok');
    // Reading the stub's id is not a request.
    expect(stub.id.equals(m.AGENT.idFromName('usr_meter'))).toBe(true);
    expect(metrics.doRequests - dos).toBe(2);
  });
});
