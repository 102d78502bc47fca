// The platform operator's home (P1, P3): every organisation with its people, numbers, today's calls
// and what needs attention, beside the platform's own health checks. Operators only; everyone else
// gets 403 (an org admin never sees other organisations). Mounted at /api/operator.
import { Hono } from 'hono';
import { requireRole, requireUser } from '../auth/session';
import { globalDb } from '../db/client';
import { operatorOverview } from '../db/operator';
import type { AppEnv } from '../env';
import { platformHealth } from './health';

export const operatorRoutes = new Hono<AppEnv>().use('*', requireUser, requireRole('operator')).get('/overview', async (c) => {
  const now = Date.now();
  const [organisations, health] = await Promise.all([operatorOverview(globalDb(c.env), now), platformHealth(c.env)]);
  const totals = organisations.reduce(
    (t, o) => ({
      organisations: t.organisations + 1,
      numbers: t.numbers + o.numbers.safeNumber + o.numbers.service + o.numbers.access,
      callsToday: t.callsToday + o.callsToday.total,
      answeredToday: t.answeredToday + o.callsToday.answered,
      staleNumbers: t.staleNumbers + o.staleNumbers,
    }),
    { organisations: 0, numbers: 0, callsToday: 0, answeredToday: 0, staleNumbers: 0 },
  );
  return c.json({ at: now, health, totals, organisations });
});
