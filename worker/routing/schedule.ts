// Effective weekly hours (S2): a staff member's own schedule over the org's, field by field; the
// org's over the fallback an org works before it saves one. Pure; the snapshot compiler and the
// screens that show "the org's value where unset" use the same merge.
import type { EffectiveSchedule, ScheduleFields, ScheduleSource } from '../../contract/safe-number';

// The shapes are the contract's (the schedule answers carry them): a schedules row's fields, null =
// not set here; the merged week with where each field came from.
export type { EffectiveSchedule, ScheduleFields, ScheduleSource };

/** What an org works before it saves a schedule: 09:00–18:00 Monday to Friday, lunch 12:00–13:00. */
export const DEFAULT_SCHEDULE = {
  workStartTime: '09:00',
  workEndTime: '18:00',
  weekdays: 0b0011111,
  lunchStartTime: '12:00',
  lunchEndTime: '13:00',
} as const satisfies ScheduleFields;

function pick<T>(personal: T | null | undefined, org: T | null | undefined, fallback: T): [T, ScheduleSource] {
  if (personal !== null && personal !== undefined) return [personal, 'personal'];
  if (org !== null && org !== undefined) return [org, 'org'];
  return [fallback, 'default'];
}

/**
 * `org` null = the org saved no schedule (the default applies whole). In a saved org row a null
 * lunch means no lunch break. Lunch is a pair: a staff member's own lunch replaces the org's only
 * when both its times are set.
 */
export function mergeSchedule(org: ScheduleFields | null, personal: ScheduleFields | null): EffectiveSchedule {
  const base = org ?? DEFAULT_SCHEDULE;
  const baseSource: ScheduleSource = org ? 'org' : 'default';
  const [start, fromStart] = pick(personal?.workStartTime, base.workStartTime, DEFAULT_SCHEDULE.workStartTime);
  const [end, fromEnd] = pick(personal?.workEndTime, base.workEndTime, DEFAULT_SCHEDULE.workEndTime);
  const [weekdays, fromWeekdays] = pick(personal?.weekdays, base.weekdays, DEFAULT_SCHEDULE.weekdays);
  const own = personal?.lunchStartTime && personal.lunchEndTime ? { start: personal.lunchStartTime, end: personal.lunchEndTime } : null;
  const inherited = base.lunchStartTime && base.lunchEndTime ? { start: base.lunchStartTime, end: base.lunchEndTime } : null;
  const fix = (s: ScheduleSource): ScheduleSource => (s === 'org' ? baseSource : s);
  return {
    hours: { start, end, weekdays },
    lunch: own ?? inherited,
    from: { start: fix(fromStart), end: fix(fromEnd), weekdays: fix(fromWeekdays), lunch: own ? 'personal' : baseSource },
  };
}
