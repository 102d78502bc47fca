// Liveness with the bindings checked: D1 answers a query, both R2 buckets answer, a DO answers RPC.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { OBJECT_PLACEMENT } from '../placement';

type Check = 'ok' | 'failed';

async function check(run: () => Promise<unknown>): Promise<Check> {
  try {
    await run();
    return 'ok';
  } catch {
    return 'failed';
  }
}

/** The bindings' checks, for /api/health and the operator's home. */
export async function platformHealth(env: AppEnv['Bindings']) {
  const [d1, recordings, files, callSession, agent, queue] = await Promise.all([
    check(() => env.DB.prepare('select 1 as one').first()),
    check(() => env.RECORDINGS.head('health/probe')),
    check(() => env.FILES.head('health/probe')),
    check(() => env.CALL_SESSION.get(env.CALL_SESSION.idFromName('health')).ping()),
    check(() => env.AGENT.get(env.AGENT.idFromName('health'), OBJECT_PLACEMENT).ping()),
    check(() => env.QUEUE.get(env.QUEUE.idFromName('health'), OBJECT_PLACEMENT).ping()),
  ]);
  const checks = { d1, r2: { recordings, files }, durableObjects: { callSession, agent, queue } };
  const ok = [d1, recordings, files, callSession, agent, queue].every((x) => x === 'ok');
  return { status: ok ? ('ok' as const) : ('degraded' as const), checks };
}

export const healthRoutes = new Hono<AppEnv>().get('/health', async (c) => {
  const health = await platformHealth(c.env);
  return c.json(health, health.status === 'ok' ? 200 : 503);
});
