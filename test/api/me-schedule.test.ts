// My hours and lunch (S2): the org's values shown where I set none, field-by-field overrides with
// their sources, the org's rules applied to the merged result, and the next call deciding on them.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { schedules } from '../../worker/db/schema';
import { runCall } from '../fixtures/calls';
import { staffWithNumber, spoken, wednesdayAt } from '../fixtures/staff';

type ScheduleAnswer = {
  timezone: string;
  personal: Record<string, string | number | null>;
  org: Record<string, string | number | null>;
  effective: { hours: { start: string; end: string; weekdays: number }; lunch: { start: string; end: string } | null; from: Record<string, string> };
};
type ErrorBody = { error: { code: string; fields: { field: string; code: string; params?: Record<string, number> }[] } };
const NONE = { workStartTime: null, workEndTime: null, weekdays: null, lunchStartTime: null, lunchEndTime: null };

describe('/api/me/schedule', () => {
  it('shows the org’s values (the built-in default before the org saves any) with where each comes from', async () => {
    const s = await staffWithNumber();
    const res = await s.client.fetch('/api/me/schedule');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      timezone: 'Asia/Seoul',
      personal: NONE,
      org: { workStartTime: '09:00', workEndTime: '18:00', weekdays: 31, lunchStartTime: '12:00', lunchEndTime: '13:00' },
      effective: {
        hours: { start: '09:00', end: '18:00', weekdays: 31 },
        lunch: { start: '12:00', end: '13:00' },
        from: { start: 'default', end: 'default', weekdays: 'default', lunch: 'default' },
      },
    });
  });

  it('overrides field by field: my end time over the org’s start; clearing everything removes my row', async () => {
    const s = await staffWithNumber();
    const put = await s.client.fetch('/api/me/schedule', { method: 'PUT', json: { ...NONE, workEndTime: '17:00', weekdays: 0b0111111 } });
    expect(put.status).toBe(200);
    const saved = await put.json<ScheduleAnswer>();
    expect(saved.personal).toEqual({ ...NONE, workEndTime: '17:00', weekdays: 63 });
    expect(saved.effective).toMatchObject({
      hours: { start: '09:00', end: '17:00', weekdays: 63 },
      from: { start: 'default', end: 'personal', weekdays: 'personal' },
    });
    expect(await (await s.client.fetch('/api/me/schedule')).json()).toEqual(saved);

    expect((await s.client.fetch('/api/me/schedule', { method: 'PUT', json: NONE })).status).toBe(200);
    const rows = await globalDb(env).select().from(schedules).where(eq(schedules.userId, s.owner.id)).all();
    expect(rows).toEqual([]);
  });

  it('refuses what the org’s schedule could not be either, each with its field code, and saves nothing', async () => {
    const s = await staffWithNumber();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ workStartTime: '9:00' }, 'workStartTime', 'time'],
      [{ workStartTime: '19:00' }, 'workStartTime', 'end_before_start'],
      [{ workEndTime: '08:00' }, 'workEndTime', 'end_before_start'],
      [{ weekdays: 0 }, 'weekdays', 'no_weekday'],
      [{ weekdays: 128 }, 'weekdays', 'invalid'],
      [{ lunchStartTime: '12:00' }, 'lunchEndTime', 'both_or_neither'],
      [{ lunchStartTime: '13:00', lunchEndTime: '12:00' }, 'lunchEndTime', 'end_before_start'],
      [{ lunchStartTime: '08:00', lunchEndTime: '09:00' }, 'lunchStartTime', 'lunch_outside_hours'],
    ];
    for (const [patch, field, code] of cases) {
      const res = await s.client.fetch('/api/me/schedule', { method: 'PUT', json: { ...NONE, ...patch } });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      const body = await res.json<ErrorBody>();
      expect(body.error.fields[0], JSON.stringify(patch)).toMatchObject({ field, code });
    }
    expect(await globalDb(env).select().from(schedules).where(eq(schedules.userId, s.owner.id)).all()).toEqual([]);
  });

  it('reaches the next call: hours from 13:00 make a Wednesday 11:00 call after hours, with the reason in its trace', async () => {
    const s = await staffWithNumber();
    expect((await s.client.fetch('/api/me/schedule', { method: 'PUT', json: { ...NONE, workStartTime: '13:00' } })).status).toBe(200);
    const run = await runCall({ to: s.e164, at: wednesdayAt('11:00') });
    expect(run.record?.outcome).toBe('after_hours');
    expect(run.record?.trace).toContainEqual({
      rule: 'hours',
      matched: true,
      detail: { local: '11:00', date: '2026-12-02', weekday: 2, start: '13:00', end: '18:00' },
    });
    expect(spoken(run)).toEqual(['지금은 업무시간이 아닙니다. 업무시간에 다시 걸어 주십시오.']);
    // And my own lunch: 13:30 on the same day is lunch.
    await s.client.fetch('/api/me/schedule', { method: 'PUT', json: { ...NONE, workStartTime: '13:00', lunchStartTime: '13:15', lunchEndTime: '14:00' } });
    const lunch = await runCall({ to: s.e164, at: wednesdayAt('13:30') });
    expect(lunch.record?.outcome).toBe('lunch');
  });
});
