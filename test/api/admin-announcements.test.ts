// Org and team announcements as an org admin manages them (S5): CRUD of the org's and teams', the
// choice per situation at org and team level, never anyone's personal ones; staff reach none of it.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { insertAnnouncement } from '../../worker/db/announcements';
import { dbFor } from '../../worker/db/scope';
import { insertTeam } from '../../worker/db/teams';
import { updateUser } from '../../worker/db/users';
import { runCall } from '../fixtures/calls';
import { login, makeUser } from '../fixtures/orgs';
import { staffWithNumber, spoken, wednesdayAt } from '../fixtures/staff';

type Announcement = { id: string; scope: string; teamId: string | null; type: string; name: string; text: string };
type Situation = { type: string; source: string; text: string };
type View = { announcements: Announcement[]; teams: { id: string; name: string }[]; situations: { org: Situation[]; teams: Record<string, Situation[]> } };
type ErrorBody = { error: { code: string; fields: { field: string; code: string; params?: Record<string, number> }[] } };

async function setup() {
  const s = await staffWithNumber();
  const scope = dbFor(env, s.org.id);
  const team = await insertTeam(scope, '민원팀');
  await updateUser(scope, s.owner.id, { teamId: team.id });
  const admin = await makeUser(s.org.id, { role: 'org_admin' });
  return { ...s, scope, team, admin: await login(s.org.name, admin.loginId) };
}

describe('/api/admin/announcements', () => {
  it('creates org and team announcements, lists them with the teams, edits and deletes them', async () => {
    const s = await setup();
    const post = (json: unknown) => s.admin.fetch('/api/admin/announcements', { method: 'POST', json });
    const org = await post({ scope: 'org', type: 'after_hours', name: '기관 업무종료', text: '오늘 업무는 끝났습니다.' });
    expect(org.status).toBe(201);
    const team = await post({ scope: 'team', teamId: s.team.id, type: 'lunch', name: '팀 점심', text: '점심시간입니다.' });
    expect(team.status).toBe(201);
    const { announcement } = await team.json<{ announcement: Announcement }>();
    expect(announcement).toMatchObject({ scope: 'team', teamId: s.team.id, type: 'lunch' });
    // A staff member's own announcement is theirs: not listed, not editable here.
    const personal = await insertAnnouncement(s.scope, { scope: 'personal', teamId: null, userId: s.owner.id, type: 'waiting', name: '내 것', text: '개인' });
    const view = await (await s.admin.fetch('/api/admin/announcements')).json<View>();
    expect(view.announcements.map((a) => a.name)).toEqual(['기관 업무종료', '팀 점심']);
    expect(view.teams).toEqual([{ id: s.team.id, name: '민원팀' }]);
    expect((await s.admin.fetch(`/api/admin/announcements/${personal.id}`, { method: 'PUT', json: { name: 'x', text: 'y' } })).status).toBe(404);
    const edited = await s.admin.fetch(`/api/admin/announcements/${announcement.id}`, {
      method: 'PUT',
      json: { name: '팀 점심', text: '지금은 점심시간입니다.' },
    });
    expect((await edited.json<{ announcement: Announcement }>()).announcement.text).toBe('지금은 점심시간입니다.');
    expect((await s.admin.fetch(`/api/admin/announcements/${announcement.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await s.admin.fetch(`/api/admin/announcements/${personal.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a missing or unknown team, and texts over 240 characters', async () => {
    const s = await setup();
    const field = async (json: unknown) =>
      (await (await s.admin.fetch('/api/admin/announcements', { method: 'POST', json })).json<ErrorBody>()).error.fields[0];
    expect(await field({ scope: 'team', type: 'lunch', name: '팀', text: '멘트' })).toMatchObject({ field: 'teamId', code: 'required' });
    expect(await field({ scope: 'team', teamId: 'team_nothing', type: 'lunch', name: '팀', text: '멘트' })).toMatchObject({
      field: 'teamId',
      code: 'not_in_org',
    });
    expect(await field({ scope: 'org', type: 'lunch', name: '팀', text: '가'.repeat(241) })).toMatchObject({
      field: 'text',
      code: 'too_long',
      params: { max: 240 },
    });
    expect(await field({ scope: 'personal', type: 'lunch', name: '팀', text: '멘트' })).toMatchObject({ field: 'scope', code: 'choice' });
  });

  it('chooses per situation at org and team level; the team’s members’ next call speaks it', async () => {
    const s = await setup();
    const post = async (json: unknown) =>
      (await (await s.admin.fetch('/api/admin/announcements', { method: 'POST', json })).json<{ announcement: Announcement }>()).announcement;
    const orgText = await post({ scope: 'org', type: 'after_hours', name: '기관', text: '기관의 업무종료 안내입니다.' });
    const teamText = await post({ scope: 'team', teamId: s.team.id, type: 'after_hours', name: '팀', text: '민원팀 업무종료 안내입니다.' });
    const choose = (json: unknown) => s.admin.fetch('/api/admin/announcement-choices', { method: 'PUT', json });
    const orgChoice = await choose({ scope: 'org', type: 'after_hours', announcementId: orgText.id });
    expect(orgChoice.status).toBe(200);
    const view = await orgChoice.json<View>();
    expect(view.situations.org.find((x) => x.type === 'after_hours')).toMatchObject({ source: 'org', text: '기관의 업무종료 안내입니다.' });
    expect(view.situations.teams[s.team.id]!.find((x) => x.type === 'after_hours')).toMatchObject({ source: 'org' });
    const night = await runCall({ to: s.e164, at: wednesdayAt('20:00') });
    expect(spoken(night)).toEqual(['기관의 업무종료 안내입니다.']);

    // A team announcement cannot be the org's choice; of another type it fits no situation.
    const field = async (res: Response) => (await res.json<ErrorBody>()).error.fields[0];
    expect(await field(await choose({ scope: 'org', type: 'after_hours', announcementId: teamText.id }))).toMatchObject({ code: 'not_available' });
    expect(await field(await choose({ scope: 'team', teamId: s.team.id, type: 'lunch', announcementId: teamText.id }))).toMatchObject({ code: 'wrong_type' });
    expect((await choose({ scope: 'team', teamId: s.team.id, type: 'after_hours', announcementId: teamText.id })).status).toBe(200);
    const again = await runCall({ to: s.e164, at: wednesdayAt('20:00') });
    expect(spoken(again)).toEqual(['민원팀 업무종료 안내입니다.']);
    // Editing the chosen text reaches the next call too.
    await s.admin.fetch(`/api/admin/announcements/${teamText.id}`, { method: 'PUT', json: { name: '팀', text: '고친 안내입니다.' } });
    expect(spoken(await runCall({ to: s.e164, at: wednesdayAt('20:00') }))).toEqual(['고친 안내입니다.']);
  });

  it('is for admins only', async () => {
    const s = await setup();
    expect((await s.client.fetch('/api/admin/announcements')).status).toBe(403);
    expect(
      (await s.client.fetch('/api/admin/announcement-choices', { method: 'PUT', json: { scope: 'org', type: 'waiting', announcementId: null } })).status,
    ).toBe(403);
  });
});
