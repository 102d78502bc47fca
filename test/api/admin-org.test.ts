import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { auditLog, holidays, orgs, schedules } from '../../worker/db/schema';
import { orgWithUser } from '../fixtures/orgs';

type ErrorBody = { error: { code: string; fields?: { field: string; code: string; message: string; params?: Record<string, number> }[] } };
type Holiday = { id: string; date: string; name: string; builtIn: boolean };

const valid = () => ({
  org: {
    timezone: 'Asia/Seoul',
    recordingEnabled: true,
    recordingRetentionDays: 365,
    recordingNoticeText: '통화 품질 향상을 위해 녹음됩니다.',
    recordingAdminAccess: true,
    serviceLevelSeconds: 30,
    callRetentionMonths: 6,
  },
  schedule: { workStartTime: '08:30', workEndTime: '17:30', weekdays: 0b0111111, lunchStartTime: '11:30', lunchEndTime: '12:30' },
});

describe('org defaults', () => {
  it('reads the fallback hours before anything is saved, then saves and reads back every field', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const first = await (await client.fetch('/api/admin/org')).json();
    expect(first).toEqual({
      org: {
        name: org.name,
        timezone: 'Asia/Seoul',
        recordingEnabled: false,
        recordingRetentionDays: 90,
        recordingNoticeText: null,
        recordingAdminAccess: false,
        serviceLevelSeconds: 20,
        callRetentionMonths: 13,
      },
      schedule: { workStartTime: '09:00', workEndTime: '18:00', weekdays: 31, lunchStartTime: '12:00', lunchEndTime: '13:00' },
    });

    const body = { ...valid(), org: { ...valid().org, name: 'renamed?', timezone: 'america/new_york' } };
    const put = await client.fetch('/api/admin/org', { method: 'PUT', json: body });
    expect(put.status).toBe(200);
    const expected = { org: { ...valid().org, name: org.name, timezone: 'America/New_York' }, schedule: valid().schedule };
    expect(await put.json()).toEqual(expected);
    expect(await (await client.fetch('/api/admin/org')).json()).toEqual(expected);

    // Saving twice keeps one org default row (user_id null).
    await client.fetch('/api/admin/org', { method: 'PUT', json: { ...valid(), schedule: { ...valid().schedule, lunchStartTime: null, lunchEndTime: null } } });
    const rows = await globalDb(env).select().from(schedules).where(eq(schedules.orgId, org.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: null, lunchStartTime: null, workStartTime: '08:30' });

    const audit = await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, org.id)).all();
    expect(audit.filter((a) => a.action === 'org.settings_updated')).toHaveLength(2);
  });

  it('refuses bad values with the fields named, and saves nothing', async () => {
    const { org, client } = await orgWithUser('org_admin');
    // Each with the code the web app translates (and its params), never the English text.
    const bad: [Record<string, unknown>, Record<string, unknown>, string, string, Record<string, number>?][] = [
      [{ timezone: 'Mars/Olympus' }, {}, 'org.timezone', 'timezone'],
      [{ recordingRetentionDays: 0 }, {}, 'org.recordingRetentionDays', 'out_of_range', { min: 1, max: 3650 }],
      [{ recordingRetentionDays: 3651 }, {}, 'org.recordingRetentionDays', 'out_of_range', { min: 1, max: 3650 }],
      [{ recordingNoticeText: '가'.repeat(241) }, {}, 'org.recordingNoticeText', 'too_long', { max: 240 }],
      [{ serviceLevelSeconds: 2.5 }, {}, 'org.serviceLevelSeconds', 'out_of_range', { min: 1, max: 3600 }],
      [{ callRetentionMonths: 0 }, {}, 'org.callRetentionMonths', 'out_of_range', { min: 1, max: 120 }],
      [{ callRetentionMonths: 121 }, {}, 'org.callRetentionMonths', 'out_of_range', { min: 1, max: 120 }],
      [{}, { workStartTime: '9:00' }, 'schedule.workStartTime', 'time'],
      [{}, { workStartTime: '18:00', workEndTime: '09:00' }, 'schedule.workEndTime', 'end_before_start'],
      [{}, { weekdays: 128 }, 'schedule.weekdays', 'invalid'],
      [{}, { weekdays: 0 }, 'schedule.weekdays', 'no_weekday'],
      [{}, { lunchStartTime: '12:00', lunchEndTime: null }, 'schedule.lunchEndTime', 'both_or_neither'],
      [{}, { lunchStartTime: '13:00', lunchEndTime: '12:00' }, 'schedule.lunchEndTime', 'end_before_start'],
      [{}, { lunchStartTime: '07:00', lunchEndTime: '08:00' }, 'schedule.lunchStartTime', 'lunch_outside_hours'],
    ];
    const before = await globalDb(env).select().from(orgs).where(eq(orgs.id, org.id)).get();
    for (const [o, s, field, code, params] of bad) {
      const res = await client.fetch('/api/admin/org', { method: 'PUT', json: { org: { ...valid().org, ...o }, schedule: { ...valid().schedule, ...s } } });
      expect(res.status, field).toBe(400);
      const fields = (await res.json<ErrorBody>()).error.fields;
      expect(fields?.map((f) => f.field)).toContain(field);
      expect(
        fields?.find((f) => f.field === field),
        field,
      ).toEqual({ field, code, message: expect.any(String), ...(params && { params }) });
    }
    expect(await globalDb(env).select().from(orgs).where(eq(orgs.id, org.id)).get()).toEqual(before);
    expect(await globalDb(env).select().from(schedules).where(eq(schedules.orgId, org.id)).all()).toEqual([]);
  });

  it('is for admins only, and an admin changes only their own org', async () => {
    const { org: staffOrg, client: staff } = await orgWithUser('staff');
    expect((await staff.fetch('/api/admin/org')).status).toBe(403);
    expect((await staff.fetch('/api/admin/org', { method: 'PUT', json: valid() })).status).toBe(403);
    expect(await globalDb(env).select().from(orgs).where(eq(orgs.id, staffOrg.id)).get()).toMatchObject({ recordingEnabled: false });

    const { org: adminOrg, client: admin } = await orgWithUser('org_admin');
    await admin.fetch('/api/admin/org', { method: 'PUT', json: valid() });
    expect(await globalDb(env).select().from(orgs).where(eq(orgs.id, adminOrg.id)).get()).toMatchObject({ recordingEnabled: true });
    expect(await globalDb(env).select().from(orgs).where(eq(orgs.id, staffOrg.id)).get()).toMatchObject({ recordingEnabled: false });
  });
});

describe('holidays', () => {
  it('lists the built-in national holidays of the year merged with the org’s own, in date order', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const created = await client.fetch('/api/admin/holidays', { method: 'POST', json: { date: '2026-04-14', name: '개청기념일' } });
    expect(created.status).toBe(201);
    const { holiday } = await created.json<{ holiday: Holiday }>();
    expect(holiday).toEqual({ id: expect.any(String), date: '2026-04-14', name: '개청기념일', builtIn: false });
    await client.fetch('/api/admin/holidays', { method: 'POST', json: { date: '2027-04-14', name: '개청기념일' } });

    const { holidays: list } = await (await client.fetch('/api/admin/holidays?year=2026')).json<{ holidays: Holiday[] }>();
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
    expect(list).toContainEqual({ id: expect.any(String), date: '2026-02-17', name: '설날', builtIn: true });
    expect(list).toContainEqual({ id: expect.any(String), date: '2026-03-02', name: '대체공휴일(3ㆍ1절)', builtIn: true });
    expect(list.filter((h) => !h.builtIn)).toEqual([holiday]);
    expect(new Set(list.map((h) => h.id)).size).toBe(list.length);

    expect((await client.fetch(`/api/admin/holidays/${holiday.id}`, { method: 'DELETE' })).status).toBe(200);
    const rows = await globalDb(env).select().from(holidays).where(eq(holidays.orgId, org.id)).all();
    expect(rows.map((r) => r.date)).toEqual(['2027-04-14']);
    const actions = (await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, org.id)).all()).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('holiday.'))).toEqual(['holiday.created', 'holiday.created', 'holiday.deleted']);
  });

  it('validates the year and the holiday, refuses a second holiday on one date, and 404s built-in and foreign ids', async () => {
    const { org, client } = await orgWithUser('org_admin');
    for (const q of ['', '?year=26', '?year=2012', '?year=2051', '?year=abcd']) {
      const res = await client.fetch(`/api/admin/holidays${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json<ErrorBody>()).error.fields?.[0]?.field).toBe('year');
    }
    for (const [json, field] of [
      [{ date: '2026-02-30', name: 'x' }, 'date'],
      [{ date: '26-01-01', name: 'x' }, 'date'],
      [{ date: '2026-05-02', name: ' ' }, 'name'],
    ] as const) {
      const res = await client.fetch('/api/admin/holidays', { method: 'POST', json });
      expect(res.status).toBe(400);
      expect((await res.json<ErrorBody>()).error.fields?.map((f) => f.field)).toContain(field);
    }
    expect((await client.fetch('/api/admin/holidays', { method: 'POST', json: { date: '2026-05-02', name: '창립일' } })).status).toBe(201);
    expect((await client.fetch('/api/admin/holidays', { method: 'POST', json: { date: '2026-05-02', name: '또' } })).status).toBe(409);
    expect(await globalDb(env).select().from(holidays).where(eq(holidays.orgId, org.id)).all()).toHaveLength(1);

    const { holidays: list } = await (await client.fetch('/api/admin/holidays?year=2026')).json<{ holidays: Holiday[] }>();
    const builtIn = list.find((h) => h.builtIn);
    expect((await client.fetch(`/api/admin/holidays/${builtIn?.id}`, { method: 'DELETE' })).status).toBe(404);

    const other = await orgWithUser('org_admin');
    const own = list.find((h) => !h.builtIn);
    expect((await other.client.fetch(`/api/admin/holidays/${own?.id}`, { method: 'DELETE' })).status).toBe(404);
    const theirs = await (await other.client.fetch('/api/admin/holidays?year=2026')).json<{ holidays: Holiday[] }>();
    expect(theirs.holidays.some((h) => !h.builtIn)).toBe(false);
    expect(await globalDb(env).select().from(holidays).where(eq(holidays.orgId, org.id)).all()).toHaveLength(1);
  });

  it('is for admins only', async () => {
    const { org, client } = await orgWithUser('supervisor');
    expect((await client.fetch('/api/admin/holidays?year=2026')).status).toBe(403);
    expect((await client.fetch('/api/admin/holidays', { method: 'POST', json: { date: '2026-05-02', name: 'x' } })).status).toBe(403);
    expect(await globalDb(env).select().from(holidays).where(eq(holidays.orgId, org.id)).all()).toEqual([]);
  });
});
