// My announcements (S5): the org's and my team's read-only, my own with a 240-character text, and
// the choice per situation falling back team → org → built-in; the next call speaks the choice.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { insertAnnouncement, saveChoice } from '../../worker/db/announcements';
import { dbFor } from '../../worker/db/scope';
import { insertTeam } from '../../worker/db/teams';
import { updateUser } from '../../worker/db/users';
import { runCall } from '../fixtures/calls';
import { makeUser } from '../fixtures/orgs';
import { staffWithNumber, spoken } from '../fixtures/staff';

type Announcement = { id: string; scope: string; type: string; name: string; text: string; editable: boolean };
type Situation = { type: string; source: string; announcementId: string | null; name: string | null; text: string; chosen: Record<string, string | null> };
type View = { announcements: Announcement[]; situations: Situation[] };
type ErrorBody = { error: { code: string; fields: { field: string; code: string; params?: Record<string, number> }[] } };

async function staffInTeam() {
  const s = await staffWithNumber();
  const scope = dbFor(env, s.org.id);
  const team = await insertTeam(scope, '민원팀');
  const other = await insertTeam(scope, '다른팀');
  await updateUser(scope, s.owner.id, { teamId: team.id });
  const orgWaiting = await insertAnnouncement(scope, { scope: 'org', teamId: null, userId: null, type: 'waiting', name: '기관 대기', text: '기관 대기 멘트' });
  const teamWaiting = await insertAnnouncement(scope, { scope: 'team', teamId: team.id, userId: null, type: 'waiting', name: '팀 대기', text: '팀 대기 멘트' });
  const otherTeam = await insertAnnouncement(scope, { scope: 'team', teamId: other.id, userId: null, type: 'waiting', name: '다른 팀', text: '다른 팀 멘트' });
  const colleague = await makeUser(s.org.id);
  const theirs = await insertAnnouncement(scope, {
    scope: 'personal',
    teamId: null,
    userId: colleague.id,
    type: 'waiting',
    name: '남의 것',
    text: '남의 멘트',
  });
  return { ...s, scope, team, orgWaiting, teamWaiting, otherTeam, theirs };
}

describe('/api/me/announcements', () => {
  it('lists the org’s, my team’s and my own (only mine editable), never another team’s or person’s', async () => {
    const s = await staffInTeam();
    const created = await s.client.fetch('/api/me/announcements', { method: 'POST', json: { type: 'waiting', name: ' 내 대기 ', text: '잠시만요.' } });
    expect(created.status).toBe(201);
    const { announcement } = await created.json<{ announcement: Announcement }>();
    expect(announcement).toMatchObject({ scope: 'personal', type: 'waiting', name: '내 대기', text: '잠시만요.', editable: true });
    const view = await (await s.client.fetch('/api/me/announcements')).json<View>();
    expect(view.announcements.map((a) => [a.id, a.editable])).toEqual([
      [s.orgWaiting.id, false],
      [s.teamWaiting.id, false],
      [announcement.id, true],
    ]);
  });

  it('edits and deletes only my own; the common ones are read-only (403), another person’s are not there (404)', async () => {
    const s = await staffInTeam();
    const { announcement } = await (
      await s.client.fetch('/api/me/announcements', { method: 'POST', json: { type: 'lunch', name: '점심', text: '점심시간입니다.' } })
    ).json<{ announcement: Announcement }>();
    const put = (id: string) => s.client.fetch(`/api/me/announcements/${id}`, { method: 'PUT', json: { name: '새 이름', text: '새 멘트' } });
    expect((await put(announcement.id)).status).toBe(200);
    expect((await put(s.orgWaiting.id)).status).toBe(403);
    expect((await put(s.teamWaiting.id)).status).toBe(403);
    expect((await put(s.theirs.id)).status).toBe(404);
    expect((await s.client.fetch(`/api/me/announcements/${s.orgWaiting.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await s.client.fetch(`/api/me/announcements/${announcement.id}`, { method: 'DELETE' })).status).toBe(200);
    const view = await (await s.client.fetch('/api/me/announcements')).json<View>();
    expect(view.announcements.map((a) => a.id)).not.toContain(announcement.id);
  });

  it('takes at most 240 characters, saying so with the limit; types outside the situations are refused', async () => {
    const s = await staffWithNumber();
    const post = (json: unknown) => s.client.fetch('/api/me/announcements', { method: 'POST', json });
    expect((await post({ type: 'waiting', name: '가득', text: '가'.repeat(240) })).status).toBe(201);
    const long = await (await post({ type: 'waiting', name: '초과', text: '가'.repeat(241) })).json<ErrorBody>();
    expect(long.error.fields).toEqual([{ field: 'text', code: 'too_long', message: expect.any(String), params: { max: 240 } }]);
    const kind = await (await post({ type: 'queue_greeting', name: '대기열', text: '안녕하세요' })).json<ErrorBody>();
    expect(kind.error.fields[0]).toMatchObject({ field: 'type', code: 'choice' });
    const empty = await (await post({ type: 'waiting', name: '빈', text: '   ' })).json<ErrorBody>();
    expect(empty.error.fields[0]).toMatchObject({ field: 'text', code: 'required' });
  });

  it('each situation falls back personal → team → org → built-in, and says where it comes from', async () => {
    const s = await staffInTeam();
    const waiting = (v: View) => v.situations.find((x) => x.type === 'waiting')!;
    let view = await (await s.client.fetch('/api/me/announcements')).json<View>();
    expect(waiting(view)).toMatchObject({ source: 'builtin', announcementId: null, text: '안심번호로 연결 중입니다. 잠시만 기다려 주십시오.' });
    expect(view.situations.map((x) => x.type)).toEqual(['waiting', 'connect', 'after_hours', 'lunch', 'block', 'suspended', 'unavailable', 'limited']);

    await saveChoice(s.scope, { scope: 'org', scopeId: s.org.id }, 'waiting', s.orgWaiting.id);
    view = await (await s.client.fetch('/api/me/announcements')).json<View>();
    expect(waiting(view)).toMatchObject({ source: 'org', text: '기관 대기 멘트', chosen: { org: s.orgWaiting.id, team: null, personal: null } });

    await saveChoice(s.scope, { scope: 'team', scopeId: s.team.id }, 'waiting', s.teamWaiting.id);
    view = await (await s.client.fetch('/api/me/announcements')).json<View>();
    expect(waiting(view)).toMatchObject({ source: 'team', name: '팀 대기', text: '팀 대기 멘트' });

    const { announcement } = await (
      await s.client.fetch('/api/me/announcements', { method: 'POST', json: { type: 'waiting', name: '내 대기', text: '제 번호로 연결합니다.' } })
    ).json<{ announcement: Announcement }>();
    const chose = await s.client.fetch('/api/me/announcement-choices', { method: 'PUT', json: { type: 'waiting', announcementId: announcement.id } });
    expect(chose.status).toBe(200);
    expect(waiting(await chose.json<View>())).toMatchObject({ source: 'personal', text: '제 번호로 연결합니다.' });

    // The next call speaks it; clearing my choice falls back to the team's.
    const run = await runCall({ to: s.e164, callee: { number: s.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 30 } });
    expect(spoken(run)[0]).toBe('제 번호로 연결합니다.');
    const cleared = await (
      await s.client.fetch('/api/me/announcement-choices', { method: 'PUT', json: { type: 'waiting', announcementId: null } })
    ).json<View>();
    expect(waiting(cleared).source).toBe('team');
    const next = await runCall({ to: s.e164, callee: { number: s.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 30 } });
    expect(spoken(next)[0]).toBe('팀 대기 멘트');

    // Deleting a chosen announcement drops the choice with it.
    await s.client.fetch('/api/me/announcement-choices', { method: 'PUT', json: { type: 'waiting', announcementId: announcement.id } });
    await s.client.fetch(`/api/me/announcements/${announcement.id}`, { method: 'DELETE' });
    expect(waiting(await (await s.client.fetch('/api/me/announcements')).json<View>()).source).toBe('team');
  });

  it('chooses only what I may use, of the situation’s type', async () => {
    const s = await staffInTeam();
    const choose = (type: string, announcementId: string) => s.client.fetch('/api/me/announcement-choices', { method: 'PUT', json: { type, announcementId } });
    const field = async (res: Response) => (await res.json<ErrorBody>()).error.fields[0];
    expect(await field(await choose('waiting', s.theirs.id))).toMatchObject({ field: 'announcementId', code: 'not_available' });
    expect(await field(await choose('waiting', s.otherTeam.id))).toMatchObject({ field: 'announcementId', code: 'not_available' });
    expect(await field(await choose('lunch', s.orgWaiting.id))).toMatchObject({ field: 'announcementId', code: 'wrong_type' });
    expect((await choose('waiting', s.teamWaiting.id)).status).toBe(200);
  });
});
