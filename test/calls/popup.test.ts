// The live popup (S14) through the real socket: the web app's WebSocket, authenticated by the
// session cookie, held by the user's Agent object; every open tab gets each turn of a call
// (ringing, answered, ended), named from the owner's phonebook; nobody else's socket hears of it.
import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../durable-objects/agent/live';
import { globalDb } from '../../worker/db/client';
import { contactGroups, contacts, users } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { placeCall, runCall, safeNumber, settle } from '../fixtures/calls';
import { login, makeUser, request } from '../fixtures/orgs';

type Socket = { ws: WebSocket; messages: ServerMessage[] };

async function openSocket(cookie: string, origin = 'http://app.test'): Promise<Socket> {
  const res = await exports.default.fetch(new Request('http://app.test/api/live', { headers: { upgrade: 'websocket', cookie, origin } }));
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const messages: ServerMessage[] = [];
  ws.addEventListener('message', (e) => messages.push(JSON.parse(String(e.data)) as ServerMessage));
  ws.accept();
  return { ws, messages };
}

async function until(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('never happened');
    await new Promise((r) => setTimeout(r, 15));
  }
}

const states = (s: Socket) => s.messages.flatMap((m) => (m.type === 'call' ? [m.call.state] : []));

async function ownerCookie(orgName: string, userId: string) {
  const row = await globalDb(env).select({ loginId: users.loginId }).from(users).where(eq(users.id, userId)).get();
  return (await login(orgName, row!.loginId)).cookie;
}

describe('live popup over the Agent object’s WebSocket (S14)', () => {
  it('two open tabs both see ringing, answered and ended, with the caller named from the phonebook', async () => {
    const n = await safeNumber();
    const caller = '+821098765432';
    const groupId = newId('grp');
    await globalDb(env).insert(contactGroups).values({ id: groupId, orgId: n.org.id, userId: n.owner.id, name: '민원인' });
    await globalDb(env)
      .insert(contacts)
      .values({ id: newId('con'), orgId: n.org.id, userId: n.owner.id, groupId, name: '김민원', number: caller });

    const cookie = await ownerCookie(n.org.name, n.owner.id);
    const tabs = [await openSocket(cookie), await openSocket(cookie)];
    await until(() => tabs.every((t) => t.messages.some((m) => m.type === 'calls')));
    const colleague = await makeUser(n.org.id, { role: 'staff' });
    const other = await openSocket((await login(n.org.name, colleague.loginId)).cookie);

    const run = await runCall({ to: n.e164, from: caller, callee: { number: n.mobile!, answer: 'after', afterMs: 30, hangupAfterMs: 80 } });
    expect(run.record?.outcome).toBe('connected');
    for (const tab of tabs) {
      await until(() => states(tab).includes('ended'));
      expect(states(tab)).toEqual(['ringing', 'answered', 'ended']);
      const ringing = tab.messages.find((m) => m.type === 'call' && m.call.state === 'ringing');
      expect(ringing).toMatchObject({
        call: { sessionId: run.sessionId, caller: { number: caller, national: '010-9876-5432', name: '김민원', group: '민원인' }, numberId: n.numberId },
      });
      const ended = tab.messages.find((m) => m.type === 'call' && m.call.state === 'ended');
      expect(ended).toMatchObject({ call: { outcome: 'connected' } });
    }
    expect(other.messages.filter((m) => m.type === 'call')).toEqual([]);
    for (const s of [...tabs, other]) s.ws.close();
  });

  it('an unknown caller is shown by number only; a missed call ends as missed', async () => {
    const n = await safeNumber();
    const tab = await openSocket(await ownerCookie(n.org.name, n.owner.id));
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'never' } });
    await until(() => states(tab).includes('ended'));
    expect(states(tab)).toEqual(['ringing', 'missed', 'ended']);
    const last = tab.messages.at(-1);
    expect(last).toMatchObject({ type: 'call', call: { state: 'ended', outcome: 'missed', caller: { name: null, group: null } } });
    expect(run.record?.outcome).toBe('missed');
    tab.ws.close();
  });

  it('a tab opened while the phone rings is told of the call at once', async () => {
    const n = await safeNumber();
    const sessionId = await placeCall({ to: n.e164, callee: { number: n.mobile!, answer: 'manual' }, timeScale: 1, hangupAfterMs: 1_500 });
    const cookie = await ownerCookie(n.org.name, n.owner.id);
    // Wait for the ringing state to be kept, then open the tab.
    const deadline = Date.now() + 5_000;
    let tab: Socket | undefined;
    while (Date.now() < deadline) {
      tab = await openSocket(cookie);
      await until(() => tab!.messages.length > 0);
      const first = tab.messages[0];
      if (first?.type === 'calls' && first.calls.some((c) => c.sessionId === sessionId)) break;
      tab.ws.close();
      tab = undefined;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(tab).toBeDefined();
    expect(tab!.messages[0]).toMatchObject({ type: 'calls', calls: [{ sessionId, state: 'ringing' }] });
    await settle(sessionId, true);
    await until(() => states(tab!).includes('ended'));
    tab!.ws.close();
  });

  it('the socket needs a session and the same origin', async () => {
    const n = await safeNumber();
    const anonymous = await exports.default.fetch(new Request('http://app.test/api/live', { headers: { upgrade: 'websocket' } }));
    expect(anonymous.status).toBe(401);
    const cookie = await ownerCookie(n.org.name, n.owner.id);
    const foreign = await exports.default.fetch(
      new Request('http://app.test/api/live', { headers: { upgrade: 'websocket', cookie, origin: 'https://evil.example' } }),
    );
    expect(foreign.status).toBe(403);
    const plain = await request('/api/live', { cookie });
    expect(plain.status).toBe(426);
  });
});
