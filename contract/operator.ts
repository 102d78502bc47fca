// The platform's answers (P1, P3, docs/api.md "Operator", "Health"): the bindings' health check and
// the operator's overview of every organisation. valibot schemas; the web app reads the types.
import * as v from 'valibot';

const num = v.number();
const Check = v.picklist(['ok', 'failed']);

/** GET /api/health (503 with the same shape when a binding fails). */
export const Health = v.object({
  status: v.picklist(['ok', 'degraded']),
  checks: v.object({
    d1: Check,
    r2: v.object({ recordings: Check, files: Check }),
    durableObjects: v.object({ callSession: Check, agent: Check, queue: Check }),
  }),
});
export type Health = v.InferOutput<typeof Health>;

export const OrgOverview = v.object({
  id: v.string(),
  name: v.string(),
  timezone: v.string(),
  disabled: v.boolean(),
  users: v.object({ total: num, disabled: num }),
  numbers: v.object({ safeNumber: num, service: num, access: num }),
  callsToday: v.object({ total: num, answered: num, unanswered: num, lastAt: v.nullable(num) }),
  /** Numbers whose routing snapshot is missing or waiting for the cron tick. */
  staleNumbers: num,
});
export type OrgOverview = v.InferOutput<typeof OrgOverview>;

/** GET /api/operator/overview. */
export const OperatorOverview = v.object({
  at: num,
  health: Health,
  totals: v.object({ organisations: num, numbers: num, callsToday: num, answeredToday: num, staleNumbers: num }),
  organisations: v.array(OrgOverview),
});
export type OperatorOverview = v.InferOutput<typeof OperatorOverview>;
