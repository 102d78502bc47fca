import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { auditLog, teams } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { insertTeam } from '../../worker/db/teams';
import { login, makeUser, orgWithUser, request } from '../fixtures/orgs';

type TeamsBody = { teams: { id: string; name: string; userCount: number }[] };
type ErrorBody = { error: { code: string; fields?: { field: string }[] } };

describe('admin teams', () => {
  it('creates, lists with member counts, renames and deletes a team, auditing each step', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const created = await client.fetch('/api/admin/teams', { method: 'POST', json: { name: ' 민원팀 ' } });
    expect(created.status).toBe(201);
    const { team } = await created.json<{ team: { id: string; name: string } }>();
    expect(team.name).toBe('민원팀');

    await makeUser(org.id, { teamId: team.id });
    await makeUser(org.id, { teamId: team.id });
    const list = await (await client.fetch('/api/admin/teams')).json<TeamsBody>();
    expect(list.teams).toEqual([{ id: team.id, name: '민원팀', userCount: 2 }]);

    const renamed = await client.fetch(`/api/admin/teams/${team.id}`, { method: 'PATCH', json: { name: '복지팀' } });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toEqual({ team: { id: team.id, name: '복지팀' } });

    const empty = await insertTeam(dbFor(env, org.id), '빈팀');
    const deleted = await client.fetch(`/api/admin/teams/${empty.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(await globalDb(env).select().from(teams).where(eq(teams.id, empty.id)).get()).toBeUndefined();

    const actions = (await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, org.id)).all()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['team.created', 'team.renamed', 'team.deleted']));
  });

  it('answers 409 to a duplicate name, on create and on rename', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const a = await insertTeam(dbFor(env, org.id), '가팀');
    await insertTeam(dbFor(env, org.id), '나팀');
    const dup = await client.fetch('/api/admin/teams', { method: 'POST', json: { name: '나팀' } });
    expect(dup.status).toBe(409);
    expect((await dup.json<ErrorBody>()).error.code).toBe('conflict');
    const rename = await client.fetch(`/api/admin/teams/${a.id}`, { method: 'PATCH', json: { name: '나팀' } });
    expect(rename.status).toBe(409);
    // Renaming to its own name is not a clash.
    expect((await client.fetch(`/api/admin/teams/${a.id}`, { method: 'PATCH', json: { name: '가팀' } })).status).toBe(200);
  });

  it('the same team name may exist in two organisations', async () => {
    const a = await orgWithUser('org_admin');
    const b = await orgWithUser('org_admin');
    expect((await a.client.fetch('/api/admin/teams', { method: 'POST', json: { name: '상담팀' } })).status).toBe(201);
    expect((await b.client.fetch('/api/admin/teams', { method: 'POST', json: { name: '상담팀' } })).status).toBe(201);
  });

  it('refuses to delete a team that still has users, and keeps it', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const team = await insertTeam(dbFor(env, org.id), '상담1팀');
    await makeUser(org.id, { teamId: team.id });
    const res = await client.fetch(`/api/admin/teams/${team.id}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    expect(await globalDb(env).select().from(teams).where(eq(teams.id, team.id)).get()).toBeDefined();
  });

  it('validates the name with field errors', async () => {
    const { client } = await orgWithUser('org_admin');
    for (const json of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(51) }, { name: 5 }]) {
      const res = await client.fetch('/api/admin/teams', { method: 'POST', json });
      expect(res.status).toBe(400);
      expect((await res.json<ErrorBody>()).error.fields?.map((f) => f.field)).toEqual(['name']);
    }
  });

  it('404 for an unknown team', async () => {
    const { client } = await orgWithUser('org_admin');
    expect((await client.fetch('/api/admin/teams/team_nope', { method: 'PATCH', json: { name: 'x' } })).status).toBe(404);
    expect((await client.fetch('/api/admin/teams/team_nope', { method: 'DELETE' })).status).toBe(404);
  });

  it('is for admins only: staff, agents and supervisors get 403, anonymous 401', async () => {
    const { org } = await orgWithUser('org_admin');
    const team = await insertTeam(dbFor(env, org.id), '보호팀');
    for (const role of ['staff', 'agent', 'supervisor'] as const) {
      const u = await makeUser(org.id, { role });
      const client = await login(org.name, u.loginId);
      expect((await client.fetch('/api/admin/teams')).status).toBe(403);
      expect((await client.fetch('/api/admin/teams', { method: 'POST', json: { name: `${role}팀` } })).status).toBe(403);
      expect((await client.fetch(`/api/admin/teams/${team.id}`, { method: 'PATCH', json: { name: 'x' } })).status).toBe(403);
      expect((await client.fetch(`/api/admin/teams/${team.id}`, { method: 'DELETE' })).status).toBe(403);
    }
    const row = await globalDb(env).select().from(teams).where(eq(teams.id, team.id)).get();
    expect(row?.name).toBe('보호팀');
    expect((await request('/api/admin/teams')).status).toBe(401);
    const operator = await makeUser(org.id, { role: 'operator' });
    const op = await login(org.name, operator.loginId);
    expect((await op.fetch('/api/admin/teams')).status).toBe(200);
  });
});
