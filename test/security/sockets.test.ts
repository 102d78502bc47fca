// The sockets' security (issue 19 §4, §6): a handshake whose Origin is `null` or junk is another
// origin (403, never a 500), and a socket closes when the authority that opened it ends — logout
// closes that session's sockets, a password change the other sessions', disabling and a role change
// all of the person's, on the Agent object (/api/live) and the Queue objects (the dashboards).
import { describe, expect, it } from 'vitest';
import { REVOKED_CLOSE_CODE } from '../../worker/auth/socket-revocation';
import { contactCenter } from '../fixtures/contact-center-live';
import { DEFAULT_PASSWORD, login, makeUser, orgWithUser, type Client } from '../fixtures/orgs';

type Watched = { ws: WebSocket; closed: Promise<number>; messages: number };

async function open(client: Client, path: string): Promise<Watched> {
  const res = await client.fetch(path, { headers: { upgrade: 'websocket' } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const w: Watched = { ws, messages: 0, closed: new Promise((resolve) => ws.addEventListener('close', (e) => resolve(e.code))) };
  ws.addEventListener('message', () => {
    w.messages++;
  });
  ws.accept();
  return w;
}

/** The close code, or 'open' if the socket is still open after a while. */
async function closedWith(w: Watched, ms = 2_000): Promise<number | 'open'> {
  return Promise.race([w.closed, new Promise<'open'>((r) => setTimeout(() => r('open'), ms))]);
}

describe('socket handshakes from an unreadable origin', () => {
  for (const origin of ['null', 'not a url', 'file://', 'https://evil.example']) {
    it(`Origin: ${origin} → 403 on /api/live and on the queue socket`, async () => {
      const cc = await contactCenter({ agents: 1, supervisor: true });
      const sup = await login(cc.org.name, cc.supervisor!.loginId);
      for (const path of ['/api/live', `/api/cc/live/queues/${cc.queueId}/socket`]) {
        const res = await sup.fetch(path, { headers: { upgrade: 'websocket', origin } });
        expect(res.status, path).toBe(403);
        expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
      }
    });
  }

  it('the same origin still opens both', async () => {
    const cc = await contactCenter({ agents: 1, supervisor: true });
    const sup = await login(cc.org.name, cc.supervisor!.loginId);
    for (const path of ['/api/live', `/api/cc/live/queues/${cc.queueId}/socket`]) (await open(sup, path)).ws.close();
  });
});

describe('sockets end with their authority', () => {
  it('logout closes the sockets opened with that session, not those of another device', async () => {
    const { org, user, client } = await orgWithUser('staff');
    const other = await login(org.name, user.loginId);
    const mine = await open(client, '/api/live');
    const theirs = await open(other, '/api/live');
    expect((await client.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(200);
    expect(await closedWith(mine)).toBe(REVOKED_CLOSE_CODE);
    expect(await closedWith(theirs, 300)).toBe('open');
    theirs.ws.close();
  });

  it('a password change closes the other sessions’ sockets and keeps this one’s', async () => {
    const { org, user, client } = await orgWithUser('staff');
    const other = await login(org.name, user.loginId);
    const here = await open(client, '/api/live');
    const there = await open(other, '/api/live');
    const res = await client.fetch('/api/me/password', { method: 'POST', json: { currentPassword: DEFAULT_PASSWORD, newPassword: 'N3w-passw0rd!' } });
    expect(res.status).toBe(200);
    expect(await closedWith(there)).toBe(REVOKED_CLOSE_CODE);
    expect(await closedWith(here, 300)).toBe('open');
    here.ws.close();
  });

  it('an agent demoted to staff loses the queue dashboard and the console socket', async () => {
    const cc = await contactCenter({ agents: 1 });
    const [a] = cc.agents;
    const agent = await login(cc.org.name, a!.loginId);
    const admin = await login(cc.org.name, (await makeUser(cc.org.id, { role: 'org_admin' })).loginId);
    const queue = await open(agent, `/api/cc/live/queues/${cc.queueId}/socket`);
    const live = await open(agent, '/api/live');
    const res = await admin.fetch(`/api/admin/users/${a!.id}`, { method: 'PATCH', json: { role: 'staff' } });
    expect(res.status).toBe(200);
    expect(await closedWith(queue)).toBe(REVOKED_CLOSE_CODE);
    expect(await closedWith(live)).toBe(REVOKED_CLOSE_CODE);
    // Reconnecting is checked afresh: staff may not watch a queue.
    expect((await agent.fetch(`/api/cc/live/queues/${cc.queueId}/socket`, { headers: { upgrade: 'websocket' } })).status).toBe(403);
  });

  it('disabling a person closes every socket of theirs; a colleague’s stays open', async () => {
    const cc = await contactCenter({ agents: 2, supervisor: true });
    const [a, b] = cc.agents;
    const admin = await login(cc.org.name, (await makeUser(cc.org.id, { role: 'org_admin' })).loginId);
    const sockA = await open(await login(cc.org.name, a!.loginId), `/api/cc/live/queues/${cc.queueId}/socket`);
    const sockB = await open(await login(cc.org.name, b!.loginId), `/api/cc/live/queues/${cc.queueId}/socket`);
    expect((await admin.fetch(`/api/admin/users/${a!.id}`, { method: 'PATCH', json: { disabled: true } })).status).toBe(200);
    expect(await closedWith(sockA)).toBe(REVOKED_CLOSE_CODE);
    expect(await closedWith(sockB, 300)).toBe('open');
    sockB.ws.close();
  });
});
