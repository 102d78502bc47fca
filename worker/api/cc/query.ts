// What the contact-center lists and reports take in their query strings, beyond their schemas
// (contract/requests/cc.ts): a date range resolved in the org's zone, and filters that must name the
// org's own queues, agents and categories (another org's id is `not_in_org`).
import { addDays, localDateOf, periodRange, startOfLocalDay, type PeriodName } from '../../contact-center/periods';
import { findCategory } from '../../db/consult-categories';
import { statsSettings } from '../../db/stats';
import { queueInOrg } from '../../db/queues';
import { findUser } from '../../db/users';
import type { OrgDb } from '../../db/scope';
import { badRequest, fieldError, type FieldError } from '../../errors';

export const RANGE_MAX_DAYS = 366;

export type ResolvedRange = { from: number; to: number; firstDate: string; lastDate: string; period: PeriodName | 'custom'; timezone: string };

/** The instants a query's range covers in the org's zone; 400 naming `to` when the dates do not make a range. */
export async function resolveRange(
  scope: OrgDb,
  q: { period?: PeriodName; from?: string; to?: string },
  now: number,
  fallback: PeriodName,
): Promise<ResolvedRange> {
  const { timezone } = await statsSettings(scope);
  if (q.from === undefined && q.to === undefined) {
    const p = periodRange(q.period ?? fallback, now, timezone);
    return { from: p.from, to: p.to, firstDate: p.firstDate, lastDate: p.lastDate, period: p.name, timezone };
  }
  if (q.from === undefined || q.to === undefined)
    throw badRequest('Give both dates or neither.', [fieldError(q.from === undefined ? 'from' : 'to', 'both_or_neither', 'Give both dates or neither.')]);
  if (q.to < q.from) throw badRequest('The range ends before it starts.', [fieldError('to', 'end_before_start', 'The range ends before it starts.')]);
  if (addDays(q.from, RANGE_MAX_DAYS - 1) < q.to)
    throw badRequest(`At most ${RANGE_MAX_DAYS} days.`, [fieldError('to', 'out_of_range', `At most ${RANGE_MAX_DAYS} days.`, { min: 1, max: RANGE_MAX_DAYS })]);
  return {
    from: startOfLocalDay(q.from, timezone),
    to: startOfLocalDay(addDays(q.to, 1), timezone),
    firstDate: q.from,
    lastDate: q.to,
    period: 'custom',
    timezone,
  };
}

/** Today's local date in the org zone (for labels). */
export function todayIn(timezone: string, now: number): string {
  return localDateOf(now, timezone);
}

/** Filters must name the org's own queue, user and category (`none` = without a category). */
export async function checkFilters(scope: OrgDb, f: { queueId?: string; agentId?: string; categoryId?: string }): Promise<void> {
  const problems: FieldError[] = [];
  const missing = (field: string) => fieldError(field, 'not_in_org', 'Not found in your organisation.');
  if (f.queueId && !(await queueInOrg(scope, f.queueId))) problems.push(missing('queueId'));
  if (f.agentId && !(await findUser(scope, f.agentId))) problems.push(missing('agentId'));
  if (f.categoryId && f.categoryId !== 'none' && !(await findCategory(scope, f.categoryId))) problems.push(missing('categoryId'));
  if (problems.length > 0) throw badRequest('Unknown filter.', problems);
}
