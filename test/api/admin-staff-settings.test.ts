// A staff member's effective settings, read-only for their org admin: schedule with sources,
// switches, block windows, announcement choices, shield and the status now; not the lists.
import { describe, expect, it } from 'vitest';
import { login, makeUser } from '../fixtures/orgs';
import { staffWithNumber } from '../fixtures/staff';

describe('GET /api/admin/users/:id/settings', () => {
  it('shows what the staff member set and what they inherit', async () => {
    const s = await staffWithNumber({ mobile: '+821012345678' });
    await s.client.fetch('/api/me/schedule', { method: 'PUT', json: { workEndTime: '17:00' } });
    await s.client.fetch('/api/me/switches', { method: 'PUT', json: { immediateBlock: true } });
    const { announcement } = await (
      await s.client.fetch('/api/me/announcements', { method: 'POST', json: { type: 'block', name: '회의', text: '회의 중입니다.' } })
    ).json<{ announcement: { id: string } }>();
    await s.client.fetch('/api/me/block-windows', {
      method: 'POST',
      json: { name: '회의', startTime: '10:00', endTime: '11:00', weekdays: 1, announcementId: announcement.id },
    });
    await s.client.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'spam', number: '010-4444-5555' } });
    const admin = await login(s.org.name, (await makeUser(s.org.id, { role: 'org_admin' })).loginId);

    const res = await admin.fetch(`/api/admin/users/${s.owner.id}/settings`);
    expect(res.status).toBe(200);
    const view = await res.json<Record<string, unknown>>();
    expect(view).toMatchObject({
      user: { id: s.owner.id, name: s.owner.name },
      number: { e164: s.e164 },
      mobile: { masked: '010-****-5678' },
      switches: { paused: false, immediateBlock: true },
      status: { status: 'blocked', rule: 'immediate_block' },
      schedule: { personal: { workEndTime: '17:00' }, effective: { hours: { end: '17:00' }, from: { end: 'personal', start: 'default' } } },
      blockWindows: [{ name: '회의', announcementName: '회의', weekdays: 1 }],
      shield: { effective: null },
    });
    expect((view.situations as { type: string; source: string }[]).find((x) => x.type === 'block')).toMatchObject({ source: 'builtin' });
    // Lists stay the staff member's own.
    expect(JSON.stringify(view)).not.toContain('4444');
    expect((await s.client.fetch(`/api/admin/users/${s.owner.id}/settings`)).status).toBe(403);
    expect((await admin.fetch('/api/admin/users/usr_nothing/settings')).status).toBe(404);
  });
});
