// Phonebook names on the live popup (issue 17), driven through signed webhooks: the owner's contact
// names the caller, the name costs no D1 statement before the carrier's first command (the
// owner's Agent object reads it after the call is ringing), and nobody else's phonebook names it.
import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../durable-objects/agent/live';
import { globalDb } from '../../worker/db/client';
import { contacts, users } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { runCall, safeNumber } from '../fixtures/calls';
import { login, makeOrg, makeUser } from '../fixtures/orgs';

type Socket = { ws: WebSocket; messages: ServerMessage[] };

async function openSocket(orgName: string, userId: string): Promise<Socket> {
  const row = await globalDb(env).select({ loginId: users.loginId }).from(users).where(eq(users.id, userId)).get();
  const { cookie } = await login(orgName, row?.loginId ?? '');
  const res = await exports.default.fetch(new Request('http://app.test/api/live', { headers: { upgrade: 'websocket', cookie, origin: 'http://app.test' } }));
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) throw new Error(`no socket: ${res.status}`);
  const messages: ServerMessage[] = [];
  ws.addEventListener('message', (e) => {
    messages.push(JSON.parse(String(e.data)) as ServerMessage);
  });
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

async function addContact(orgId: string, userId: string, name: string, number: string) {
  await globalDb(env)
    .insert(contacts)
    .values({ id: newId('ctc'), orgId, userId, name, number });
}

type Prepare = (this: unknown, query: string) => unknown;
type StubFetch = (this: unknown, input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
const undo: (() => void)[] = [];
afterEach(() => {
  for (const u of undo.splice(0)) u();
});

/**
 * Everything this isolate's worker and objects do, in order: each D1 statement prepared (the D1
 * binding's and its sessions' prototypes, shared by every object here) and each carrier command the simulator is
 * sent (the object stub's prototype: commands reach the simulator in-process).
 */
function traceIsolate(): string[] {
  const trace: string[] = [];
  const d1 = Object.getPrototypeOf(env.DB) as { prepare: Prepare };
  const prepare = d1.prepare;
  d1.prepare = function (query) {
    trace.push(`d1 ${query}`);
    return prepare.call(this, query);
  };
  // The routing read goes through a read-replication session, which has its own prototype.
  const session = Object.getPrototypeOf(env.DB.withSession('first-unconstrained')) as { prepare: Prepare };
  const sessionPrepare = session.prepare;
  session.prepare = function (query) {
    trace.push(`d1 ${query}`);
    return sessionPrepare.call(this, query);
  };
  const stubProto = Object.getPrototypeOf(Object.getPrototypeOf(env.SIM_CARRIER.get(env.SIM_CARRIER.idFromName('carrier')))) as { fetch: StubFetch };
  const fetch = stubProto.fetch;
  stubProto.fetch = function (input, init) {
    const url = input instanceof Request ? input.url : String(input);
    if (/\/v2\/calls\/[^/]+\/actions\//.test(url)) trace.push(`command ${url.replace(/.*\/actions\//, '')}`);
    return fetch.call(this, input, init);
  };
  undo.push(() => {
    d1.prepare = prepare;
    session.prepare = sessionPrepare;
    stubProto.fetch = fetch;
  });
  return trace;
}

const beforeFirstCommand = (trace: string[]) =>
  trace.slice(
    0,
    trace.findIndex((t) => t.startsWith('command ')),
  );

describe('phonebook names on the popup (issue 17)', () => {
  it('names the caller from the owner’s phonebook with no D1 statement before the first command beyond the routing read', async () => {
    const n = await safeNumber();
    const known = '+821055501234';
    await addContact(n.org.id, n.owner.id, '박이웃', known);
    const tab = await openSocket(n.org.name, n.owner.id);
    await until(() => tab.messages.some((m) => m.type === 'calls'));

    const counts: number[] = [];
    for (const from of [known, '+821055509999']) {
      const trace = traceIsolate();
      const run = await runCall({ to: n.e164, from, callee: { number: n.mobile ?? '', answer: 'after', afterMs: 30, hangupAfterMs: 80 } });
      expect(run.record?.outcome).toBe('connected');
      const before = beforeFirstCommand(trace);
      expect(trace.findIndex((t) => t.startsWith('command '))).toBeGreaterThan(0);
      // One statement (the snapshot joined with the caller's list entries) and it is not the phonebook's.
      expect(before.filter((t) => t.startsWith('d1 '))).toHaveLength(1);
      expect(before.join('\n')).not.toContain('"contacts"');
      counts.push(before.length);
      // The name is read only after the call rang, by the Agent object that pushes the popup.
      if (from === known) expect(trace.findIndex((t) => t.includes('from "contacts"'))).toBeGreaterThan(trace.findIndex((t) => t.startsWith('command ')));
      await until(() => tab.messages.some((m) => m.type === 'call' && m.call.sessionId === run.sessionId && m.call.state === 'ended'));
      for (const u of undo.splice(0)) u();
    }
    expect(counts[0]).toBe(counts[1]);

    const shown = tab.messages.flatMap((m) => (m.type === 'call' && m.call.state === 'ringing' ? [m.call.caller] : []));
    expect(shown).toEqual([
      { number: known, national: '010-5550-1234', name: '박이웃', group: null },
      { number: '+821055509999', national: '010-5550-9999', name: null, group: null },
    ]);
    tab.ws.close();
  });

  it('a colleague’s or another organisation’s contact never names my caller', async () => {
    const n = await safeNumber();
    const caller = '+821055507777';
    const colleague = await makeUser(n.org.id, { role: 'staff' });
    await addContact(n.org.id, colleague.id, '동료의 지인', caller);
    const elsewhere = await makeOrg();
    const stranger = await makeUser(elsewhere.id, { role: 'staff' });
    await addContact(elsewhere.id, stranger.id, '남의 기관 연락처', caller);

    const tab = await openSocket(n.org.name, n.owner.id);
    await until(() => tab.messages.some((m) => m.type === 'calls'));
    const run = await runCall({ to: n.e164, from: caller, callee: { number: n.mobile ?? '', answer: 'never' } });
    await until(() => tab.messages.some((m) => m.type === 'call' && m.call.sessionId === run.sessionId && m.call.state === 'ended'));
    const views = tab.messages.flatMap((m) => (m.type === 'call' ? [m.call.caller] : []));
    expect(views.length).toBeGreaterThan(0);
    for (const v of views) expect(v).toEqual({ number: caller, national: '010-5550-7777', name: null, group: null });

    const owner = await login(n.org.name, n.owner.loginId);
    const history = await (await owner.fetch('/api/me/calls')).json<{ calls: { caller: { name: string | null } }[] }>();
    expect(history.calls.map((c) => c.caller.name)).toEqual([null]);
    tab.ws.close();
  });
});
