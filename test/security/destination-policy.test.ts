// The destination policy on every path that makes the carrier dial (issue 19 §1): each API that
// takes a number to ring answers 400 with the refusal code and changes nothing; a premium number
// stored before the policy is never dialled (routing treats it as no mobile, the command client
// refuses it whatever a flow asks).
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { callbacks, routingSnapshots, users } from '../../worker/db/schema';
import { checkOrgFile } from '../../worker/provision/check';
import { DESTINATION_REFUSED, runCommand } from '../../worker/telnyx/commands';
import { callerDoes, placeCall, runCall, settle, sim, waitForSession, type SimView } from '../fixtures/calls';
import { contactCenter, ready } from '../fixtures/contact-center-live';
import { DEFAULT_PASSWORD, login, makeUser, orgWithUser } from '../fixtures/orgs';
import { staffWithNumber } from '../fixtures/staff';

type ErrorBody = { error: { code: string; fields?: { field: string; code: string }[] } };
const PREMIUM = '+82607001234';
const fieldsOf = async (res: Response) => (await res.json<ErrorBody>()).error.fields ?? [];
const mobileOf = async (id: string) => (await globalDb(env).select({ m: users.mobile }).from(users).where(eq(users.id, id)).get())?.m;

describe('a person’s phone: forwarding and agent phones are Korean mobiles', () => {
  it('PUT /api/me/mobile refuses premium, landline, international and 050 numbers (not_mobile) and keeps the mobile', async () => {
    const s = await staffWithNumber();
    const before = await mobileOf(s.owner.id);
    for (const mobile of ['060-700-1234', '02-2100-1234', '+1 900 555 0123', '0505-123-4567', '070-1234-5678']) {
      const res = await s.client.fetch('/api/me/mobile', { method: 'PUT', json: { password: DEFAULT_PASSWORD, mobile } });
      expect(res.status, mobile).toBe(400);
      expect(await fieldsOf(res), mobile).toContainEqual(expect.objectContaining({ field: 'mobile', code: 'not_mobile' }));
    }
    expect(await mobileOf(s.owner.id)).toBe(before);
  });

  it('an org admin cannot set or issue a user with such a mobile', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const agent = await makeUser(org.id, { role: 'agent' });
    for (const mobile of ['+1 900 555 0123', '060-700-1234', '0303-123-4567']) {
      const patch = await client.fetch(`/api/admin/users/${agent.id}`, { method: 'PATCH', json: { mobile } });
      expect(patch.status, mobile).toBe(400);
      expect(await fieldsOf(patch)).toContainEqual(expect.objectContaining({ field: 'mobile', code: 'not_mobile' }));
      const issue = await client.fetch('/api/admin/users', {
        method: 'POST',
        json: { loginId: `n${crypto.randomUUID().slice(0, 6)}`, name: '새사람', role: 'staff', password: 'Passw0rd!x', mobile },
      });
      expect(issue.status, mobile).toBe(400);
      expect(await fieldsOf(issue)).toContainEqual(expect.objectContaining({ field: 'mobile', code: 'not_mobile' }));
    }
    expect(await mobileOf(agent.id)).toBeNull();
    const ok = await client.fetch(`/api/admin/users/${agent.id}`, { method: 'PATCH', json: { mobile: '010-2345-6789' } });
    expect(ok.status).toBe(200);
  });

  it('the organisation file (provisioning apply) refuses a user mobile outside the policy', () => {
    const file = (mobile: string) => ({ org: { name: '정책시청' }, users: [{ loginId: 'u1', name: '일', role: 'staff', password: 'Passw0rd!', mobile }] });
    const r = checkOrgFile(file('060-700-1234'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['users[0].mobile']);
    expect(checkOrgFile(file('010-1234-5678')).ok).toBe(true);
  });

  it('number check fails the mobile step for a premium mobile stored earlier', async () => {
    const s = await staffWithNumber();
    await globalDb(env).update(users).set({ mobile: PREMIUM }).where(eq(users.id, s.owner.id));
    const check = await (await s.client.fetch('/api/me/number-check', { method: 'POST' })).json<{ steps: { id: string; state: string }[] }>();
    expect(check.steps.find((x) => x.id === 'mobile')?.state).toBe('fail');
  });
});

describe('a premium number stored in D1 before the policy is never dialled', () => {
  it('safe number: the routing snapshot carries no mobile and no dial reaches the carrier', async () => {
    const n = await staffWithNumber({ mobile: PREMIUM });
    const snap = await globalDb(env).select().from(routingSnapshots).where(eq(routingSnapshots.e164, n.e164)).get();
    expect((snap?.snapshot as { owner: { mobile: string | null } }).owner.mobile).toBeNull();
    const run = await runCall({ to: n.e164 });
    expect(run.carrierCommands.map((c) => JSON.stringify(c))).not.toContainEqual(expect.stringContaining(PREMIUM));
    expect(run.sim.legs.map((l) => l.to)).not.toContain(PREMIUM);
  });

  it('the command client refuses to dial it, whatever a flow asks, and sends nothing', async () => {
    let sent = 0;
    const cfg = {
      apiKey: 'k',
      apiBase: 'https://api.telnyx.invalid',
      connectionId: 'c',
      fetch: async () => {
        sent++;
        return new Response('{}', { status: 200 });
      },
    };
    for (const to of [PREMIUM, '+19005550123', '+82112', '+825012340001', '+823031234567']) {
      const r = await runCommand(cfg, 's', { key: 'dial:x', leg: 'callee', action: 'dial', to, from: '+8221001234', timeoutSecs: 30 }, 'id');
      expect(r, to).toEqual({ ok: false, attempts: 0, status: null, code: DESTINATION_REFUSED });
    }
    expect(sent).toBe(0);
  });
});

describe('contact center: outbound, callbacks, supervision', () => {
  it('a caller whose number is never called out to (international) cannot leave a callback: none is stored, the caller keeps waiting', async () => {
    const cc = await contactCenter({ agents: 1 });
    await ready(cc.org.id, cc.agents[0]!, 'break');
    const sessionId = await placeCall({ to: cc.e164, from: '+12025550123', timeScale: 0.02 });
    await waitForSession(sessionId, (v) => v.state?.phase === 'waiting' && (v.state as { joinedAt: number | null }).joinedAt !== null);
    await callerDoes(sessionId, 'dtmf', '1');
    await waitForSession(sessionId, (v) => v.state?.phase === 'waiting' && v.state.outcome !== 'callback');
    await callerDoes(sessionId, 'hangup');
    const run = await settle(sessionId, true);
    expect(run.record?.outcome).not.toBe('callback');
    expect(await globalDb(env).select().from(callbacks).where(eq(callbacks.queueId, cc.queueId)).all()).toEqual([]);
  });

  it('POST /api/cc/outbound refuses premium, international, 050 and emergency numbers (not_dialable); nothing is dialled', async () => {
    const cc = await contactCenter({ agents: 1 });
    const [a] = cc.agents;
    const client = await login(cc.org.name, a!.loginId);
    expect((await client.fetch('/api/cc/me/login', { method: 'POST', json: {} })).status).toBe(200);
    const before = (await sim<{ sessions: SimView[] }>('/api/sessions')).sessions.length;
    for (const to of ['060-700-1234', '+1 900 555 0123', '0505-123-4567', '0303-123-4567']) {
      const res = await client.fetch('/api/cc/outbound', { method: 'POST', json: { to } });
      expect(res.status, to).toBe(400);
      expect(await fieldsOf(res), to).toContainEqual(expect.objectContaining({ field: 'to', code: 'not_dialable' }));
    }
    expect((await sim<{ sessions: SimView[] }>('/api/sessions')).sessions.length).toBe(before);
  });

  it('a queue call offered to an agent whose stored phone is premium never dials it; the caller is not left hanging', async () => {
    const cc = await contactCenter({ agents: 1 });
    const [a] = cc.agents;
    await globalDb(env).update(users).set({ mobile: PREMIUM }).where(eq(users.id, a!.id));
    await ready(cc.org.id, a!);
    const sessionId = await placeCall({ to: cc.e164, timeScale: 0.02 });
    await waitForSession(sessionId, (v) => (v.commands ?? []).some((c) => c.action === 'dial'));
    await callerDoes(sessionId, 'hangup');
    const run = await settle(sessionId, true);
    const dials = run.session.commands.filter((c) => c.action === 'dial');
    expect(dials.length).toBeGreaterThan(0);
    expect(dials.every((c) => !c.ok)).toBe(true);
    expect(run.sim.legs.map((l) => l.to)).not.toContain(PREMIUM);
    expect(run.carrierCommands.map((c) => JSON.stringify(c)).filter((c) => c.includes(PREMIUM))).toEqual([]);
  });

  it('an agent or supervisor whose stored phone is premium is told to set a phone (409 no_mobile), nothing dialled', async () => {
    const cc = await contactCenter({ agents: 1, supervisor: true });
    const [a] = cc.agents;
    await globalDb(env).update(users).set({ mobile: PREMIUM }).where(eq(users.id, a!.id));
    const client = await login(cc.org.name, a!.loginId);
    expect((await client.fetch('/api/cc/me/login', { method: 'POST', json: {} })).status).toBe(200);
    const res = await client.fetch('/api/cc/outbound', { method: 'POST', json: { to: '010-5555-6666' } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'no_mobile' } });
  });
});
