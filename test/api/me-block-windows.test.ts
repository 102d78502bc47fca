// My block windows (S4): CRUD of my own, the announcement each speaks (one I may use, of the block
// type), and the next call in a window is blocked with that window's text.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { insertAnnouncement } from '../../worker/db/announcements';
import { dbFor } from '../../worker/db/scope';
import { runCall } from '../fixtures/calls';
import { makeUser } from '../fixtures/orgs';
import { staffWithNumber, spoken, wednesdayAt } from '../fixtures/staff';

type Window = { id: string; name: string; startTime: string; endTime: string; weekdays: number; announcementId: string | null; enabled: boolean };
type ErrorBody = { error: { code: string; fields: { field: string; code: string; params?: Record<string, number> }[] } };

const meeting = { name: '주간회의', startTime: '10:30', endTime: '11:30', weekdays: 0b0000100 };

describe('/api/me/block-windows', () => {
  it('adds, lists, changes and deletes my windows', async () => {
    const s = await staffWithNumber();
    const created = await s.client.fetch('/api/me/block-windows', { method: 'POST', json: meeting });
    expect(created.status).toBe(201);
    const { blockWindow } = await created.json<{ blockWindow: Window }>();
    expect(blockWindow).toMatchObject({ ...meeting, announcementId: null, enabled: true });
    // Crossing midnight is a night window; start = end the whole day.
    const night = await s.client.fetch(`/api/me/block-windows/${blockWindow.id}`, {
      method: 'PUT',
      json: { ...meeting, startTime: '22:00', endTime: '06:00', weekdays: 127, enabled: false },
    });
    expect(night.status).toBe(200);
    const list = await (await s.client.fetch('/api/me/block-windows')).json<{ blockWindows: Window[] }>();
    expect(list.blockWindows).toEqual([{ ...blockWindow, startTime: '22:00', endTime: '06:00', weekdays: 127, enabled: false }]);
    expect((await s.client.fetch(`/api/me/block-windows/${blockWindow.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await s.client.fetch(`/api/me/block-windows/${blockWindow.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses bad windows with their codes', async () => {
    const s = await staffWithNumber();
    const cases: [Record<string, unknown>, string, string, Record<string, number>?][] = [
      [{ name: '' }, 'name', 'required'],
      [{ name: '가'.repeat(41) }, 'name', 'too_long', { max: 40 }],
      [{ startTime: '25:00' }, 'startTime', 'time'],
      [{ weekdays: 0 }, 'weekdays', 'no_weekday'],
      [{ enabled: 'yes' }, 'enabled', 'choice'],
    ];
    for (const [patch, field, code, params] of cases) {
      const res = await s.client.fetch('/api/me/block-windows', { method: 'POST', json: { ...meeting, ...patch } });
      expect(res.status).toBe(400);
      const body = await res.json<ErrorBody>();
      expect(body.error.fields[0]).toEqual({ field, code, message: expect.any(String), ...(params ? { params } : {}) });
    }
    expect((await (await s.client.fetch('/api/me/block-windows')).json<{ blockWindows: Window[] }>()).blockWindows).toEqual([]);
  });

  it('speaks only an announcement I may use for blocked calls', async () => {
    const s = await staffWithNumber();
    const scope = dbFor(env, s.org.id);
    const colleague = await makeUser(s.org.id);
    const theirs = await insertAnnouncement(scope, {
      scope: 'personal',
      teamId: null,
      userId: colleague.id,
      type: 'block',
      name: '남의 것',
      text: '남의 멘트',
    });
    const lunchText = await insertAnnouncement(scope, { scope: 'org', teamId: null, userId: null, type: 'lunch', name: '점심', text: '점심' });
    const post = (announcementId: string) => s.client.fetch('/api/me/block-windows', { method: 'POST', json: { ...meeting, announcementId } });
    expect((await (await post(theirs.id)).json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'announcementId', code: 'not_available' });
    expect((await (await post(lunchText.id)).json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'announcementId', code: 'wrong_type' });
    expect((await post('ann_nothing')).status).toBe(400);
  });

  it('reaches the next call: a call inside the window is blocked with the window’s announcement', async () => {
    const s = await staffWithNumber();
    const mine = await s.client.fetch('/api/me/announcements', { method: 'POST', json: { type: 'block', name: '회의', text: '지금은 회의 중입니다.' } });
    const { announcement } = await mine.json<{ announcement: { id: string } }>();
    expect((await s.client.fetch('/api/me/block-windows', { method: 'POST', json: { ...meeting, announcementId: announcement.id } })).status).toBe(201);
    // Wednesday = bit 2.
    const run = await runCall({ to: s.e164, at: wednesdayAt('11:00') });
    expect(run.record?.outcome).toBe('blocked');
    expect(spoken(run)).toEqual(['지금은 회의 중입니다.']);
    expect(run.record?.trace?.at(-1)).toEqual({
      rule: 'block_window',
      matched: true,
      detail: { local: '11:00', date: '2026-12-02', weekday: 2, name: '주간회의', start: '10:30', end: '11:30', weekdays: 4 },
    });
  });
});
