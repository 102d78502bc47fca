// Effective hours: personal over org field by field, the org's over the default it works before saving.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, mergeSchedule, type ScheduleFields } from '../../worker/routing/schedule';

const unset: ScheduleFields = { workStartTime: null, workEndTime: null, weekdays: null, lunchStartTime: null, lunchEndTime: null };
const org: ScheduleFields = { workStartTime: '08:30', workEndTime: '17:30', weekdays: 0b0011111, lunchStartTime: '11:30', lunchEndTime: '12:30' };

describe('mergeSchedule', () => {
  it('an org that saved nothing works the default, and says so', () => {
    expect(mergeSchedule(null, null)).toEqual({
      hours: { start: DEFAULT_SCHEDULE.workStartTime, end: DEFAULT_SCHEDULE.workEndTime, weekdays: DEFAULT_SCHEDULE.weekdays },
      lunch: { start: '12:00', end: '13:00' },
      from: { start: 'default', end: 'default', weekdays: 'default', lunch: 'default' },
    });
  });

  it('personal fields override one by one; unset ones fall back to the org', () => {
    const mine = { ...unset, workEndTime: '20:00', weekdays: 0b1000001 };
    expect(mergeSchedule(org, mine)).toEqual({
      hours: { start: '08:30', end: '20:00', weekdays: 0b1000001 },
      lunch: { start: '11:30', end: '12:30' },
      from: { start: 'org', end: 'personal', weekdays: 'personal', lunch: 'org' },
    });
  });

  it('personal fields over the default when the org saved nothing', () => {
    expect(mergeSchedule(null, { ...unset, workStartTime: '07:00' }).hours).toEqual({ start: '07:00', end: '18:00', weekdays: 0b0011111 });
  });

  it('a saved org without lunch has none; a personal lunch needs both times to replace the org’s', () => {
    expect(mergeSchedule({ ...org, lunchStartTime: null, lunchEndTime: null }, null).lunch).toBeNull();
    expect(mergeSchedule(org, { ...unset, lunchStartTime: '13:00', lunchEndTime: '14:00' })).toMatchObject({
      lunch: { start: '13:00', end: '14:00' },
      from: { lunch: 'personal' },
    });
    expect(mergeSchedule(org, { ...unset, lunchStartTime: '13:00' }).lunch).toEqual({ start: '11:30', end: '12:30' });
  });
});
