// Masked outbound calls (S11, issue 17) through signed webhooks and the carrier simulator:
// click-to-call from the API (the staff member's mobile first, then the citizen showing the
// outbound caller ID, bridged, recorded per org policy) and dial-in to the access number (caller
// recognised by mobile, keypad with `#`, `*` and re-prompts, read-back, policy refusals spoken).
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { rebuildSnapshot } from '../../worker/db/snapshot-compiler';
import { calls, orgs, users, virtualNumbers } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { callerDoes, placeCall, settle, sim, waitForSession, type SimView } from '../fixtures/calls';
import { login, makeOrg, makeUser } from '../fixtures/orgs';
import { randomNumber } from '../fixtures/telnyx-events';

/** An org with an access number, and a staff member with a registered mobile and a safe number (snapshots built). */
async function staffWithAccess(opts: { recording?: boolean; outboundCallerId?: string } = {}) {
  const org = await makeOrg();
  const staff = await makeUser(org.id, { role: 'staff' });
  const mobile = randomNumber('+8210');
  const db = globalDb(env);
  await db
    .update(users)
    .set({ mobile, outboundCallerId: opts.outboundCallerId ?? null })
    .where(eq(users.id, staff.id));
  const safeNumber = randomNumber('+82505');
  const safeId = newId('num');
  await db.insert(virtualNumbers).values({ id: safeId, orgId: org.id, e164: safeNumber, ownerUserId: staff.id });
  const access = randomNumber('+82505');
  const accessId = newId('num');
  await db.insert(virtualNumbers).values({ id: accessId, orgId: org.id, e164: access, kind: 'access' });
  if (opts.recording) await db.update(orgs).set({ recordingEnabled: true }).where(eq(orgs.id, org.id));
  await rebuildSnapshot(env, safeId);
  await rebuildSnapshot(env, accessId);
  return { org, staff, mobile, safeNumber, access };
}

const recordOf = async (sessionId: string) => (await globalDb(env).select().from(calls).where(eq(calls.callSessionId, sessionId)).get()) ?? null;
const simLog = async (sessionId: string) => (await sim<SimView>(`/api/sessions/${sessionId}`)).log;
const spoken = (log: SimView['log']) =>
  log.filter((e) => e.kind === 'command' && (e.name === 'speak' || e.name === 'gather_using_speak')).map((e) => e.text ?? '');

/** The carrier's session holding a leg to `number` (worker-dialled legs live in the carrier's own session). */
async function carrierSessionTo(number: string): Promise<SimView> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = (await sim<{ sessions: SimView[] }>('/api/sessions')).sessions.find((x) => x.legs.some((l) => l.to === number));
    if (found) return sim<SimView>(`/api/sessions/${found.id}`);
    if (Date.now() > deadline) throw new Error(`no carrier session to ${number}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the dial-in's keypad gather has reached the carrier (n-th gather), so digits pressed are gathered. */
async function gathering(sessionId: string, n = 1) {
  await waitForSession(sessionId, (v) => v.commands.filter((c) => c.action === 'gather' && c.ok).length >= n && v.state?.phase === 'gathering');
}

describe('click-to-call (S11 a)', () => {
  it('rings the staff mobile showing the access number, says whom, dials the citizen showing the caller ID, bridges and records with the notice', async () => {
    const callerId = '+8221001234';
    const o = await staffWithAccess({ recording: true, outboundCallerId: callerId });
    const citizen = randomNumber('+8210');
    await sim('/api/parties', { number: o.mobile, answer: 'after', afterMs: 10 });
    await sim('/api/parties', { number: citizen, answer: 'after', afterMs: 20, hangupAfterMs: 150 });
    const client = await login(o.org.name, o.staff.loginId);
    const res = await client.fetch('/api/me/outbound-calls', { method: 'POST', json: { to: citizen.replace('+8210', '010') } });
    expect(res.status).toBe(202);
    const { callSessionId } = await res.json<{ callSessionId: string }>();
    const session = await waitForSession(callSessionId, (v) => v.state?.finished === true && v.recordWritten, 30_000);
    expect(session.flow).toBe('masked-click');
    expect(session.commands.filter((c) => c.action === 'dial').map((c) => c.key)).toEqual(['dial:staff', 'dial:citizen']);
    const carrier = await carrierSessionTo(citizen);
    const staffLeg = carrier.legs.find((l) => l.to === o.mobile);
    const citizenLeg = carrier.legs.find((l) => l.to === citizen);
    // The staff member's phone shows the access number; the citizen's the outbound caller ID, never the mobile.
    expect(staffLeg?.from).toBe(o.access);
    expect(citizenLeg?.from).toBe(callerId);
    const said = spoken(carrier.log);
    expect(said.some((t) => t.includes('0 1 0') && t.includes('전화를 겁니다'))).toBe(true);
    expect(said).toContain('이 통화는 녹음될 수 있습니다.');
    const names = carrier.log.filter((e) => e.kind === 'command').map((e) => e.name);
    expect(names.indexOf('bridge')).toBeGreaterThan(names.indexOf('speak'));
    expect(names).toContain('record_start');
    // The citizen hung up: the carrier ended the staff leg with the bridge, the flow sent no hangup.
    expect(session.commands.filter((c) => c.action === 'hangup')).toEqual([]);
    expect(carrier.log.filter((e) => e.kind === 'command' && e.status !== 200)).toEqual([]);
    const record = await recordOf(callSessionId);
    expect(record).toMatchObject({
      kind: 'masked_outbound',
      direction: 'outbound',
      outcome: 'connected',
      ownerUserId: o.staff.id,
      fromNumber: callerId,
      toNumber: citizen,
    });
    expect(record?.durationMs).toBeGreaterThanOrEqual(0);

    // In the staff member's history, with the citizen as the other party and the trace.
    const history = await (await client.fetch('/api/me/calls')).json<{ calls: Record<string, unknown>[] }>();
    expect(history.calls[0]).toMatchObject({
      direction: 'outbound',
      outcome: 'connected',
      caller: { e164: citizen },
      dialled: { e164: callerId },
      trace: null,
    });
    const steps = (history.calls[0]?.outboundTrace as { step: string; matched: boolean }[]).map((s) => s.step);
    expect(steps).toEqual(['started', 'staff_answered', 'citizen_dialled', 'citizen_answered', 'connected', 'hung_up']);
  }, 40_000);

  it('falls back to the safe number as caller ID; a citizen who declines is told to the staff member, who is hung up', async () => {
    const o = await staffWithAccess();
    const citizen = randomNumber('+8210');
    await sim('/api/parties', { number: o.mobile, answer: 'after', afterMs: 10 });
    await sim('/api/parties', { number: citizen, answer: 'reject' });
    const client = await login(o.org.name, o.staff.loginId);
    const res = await client.fetch('/api/me/outbound-calls', { method: 'POST', json: { to: citizen } });
    const { callSessionId } = await res.json<{ callSessionId: string }>();
    const session = await waitForSession(callSessionId, (v) => v.state?.finished === true && v.recordWritten, 30_000);
    const carrier = await carrierSessionTo(citizen);
    expect(carrier.legs.find((l) => l.to === citizen)?.from).toBe(o.safeNumber);
    expect(spoken(carrier.log)).toContain('상대방이 전화를 받지 않습니다. 통화를 종료합니다.');
    expect(session.commands.map((c) => `${c.key}:${c.action}`)).toContain('hangup:staff:hangup');
    expect(session.commands.some((c) => c.action === 'bridge')).toBe(false);
    expect(await recordOf(callSessionId)).toMatchObject({ outcome: 'no_answer', answeredAt: null, durationMs: null, fromNumber: o.safeNumber });
  }, 40_000);

  it('the staff member hanging up while the citizen rings cancels the call: the citizen leg is hung up', async () => {
    const o = await staffWithAccess();
    const citizen = randomNumber('+8210');
    await sim('/api/parties', { number: o.mobile, answer: 'after', afterMs: 10 });
    await sim('/api/parties', { number: citizen, answer: 'manual' });
    const client = await login(o.org.name, o.staff.loginId);
    const { callSessionId } = await (await client.fetch('/api/me/outbound-calls', { method: 'POST', json: { to: citizen } })).json<{ callSessionId: string }>();
    await waitForSession(callSessionId, (v) => v.state?.phase === 'citizen_ringing' && v.commands.some((c) => c.key === 'dial:citizen' && c.ok), 20_000);
    const carrier = await carrierSessionTo(citizen);
    const staffLeg = carrier.legs.find((l) => l.to === o.mobile);
    await sim(`/api/legs/${encodeURIComponent(staffLeg?.callControlId ?? '')}/hangup`, {});
    const session = await waitForSession(callSessionId, (v) => v.state?.finished === true && v.recordWritten, 20_000);
    expect(session.commands.map((c) => `${c.key}:${c.action}:${c.ok}`)).toContain('hangup:citizen:hangup:true');
    const after = await sim<SimView>(`/api/sessions/${carrier.id}`);
    expect(after.legs.every((l) => l.state === 'ended')).toBe(true);
    expect(await recordOf(callSessionId)).toMatchObject({ outcome: 'cancelled', answeredAt: null, hangupSource: 'staff:callee' });
  }, 40_000);
});

describe('dial-in (S11 b)', () => {
  it('recognises the registered mobile, `*` starts over, an international number is refused in words, the read-back, then connected showing the caller ID', async () => {
    const o = await staffWithAccess();
    const citizen = randomNumber('+8210');
    await sim('/api/parties', { number: citizen, answer: 'after', afterMs: 20, hangupAfterMs: 100 });
    const sessionId = await placeCall({ from: o.mobile, to: o.access, timeScale: 0.05 });
    await gathering(sessionId, 1);
    await callerDoes(sessionId, 'dtmf', '0012025550123#');
    await gathering(sessionId, 2);
    const local = citizen.replace('+82', '0');
    await callerDoes(sessionId, 'dtmf', `0109*${local}#`);
    const run = await settle(sessionId, true, 20_000);
    expect(run.session.flow).toBe('masked-dial-in');
    const said = spoken(run.sim.log);
    expect(said[0]).toContain('안심발신입니다');
    expect(said[1]).toMatch(/^국제전화는 걸 수 없습니다\. 안심발신입니다/);
    expect(said.some((t) => t.startsWith(`${local.slice(0, 3).split('').join(' ')}, `) && t.includes('전화를 겁니다'))).toBe(true);
    const dials = run.session.commands.filter((c) => c.action === 'dial');
    expect(dials.map((c) => c.key)).toEqual(['dial:citizen']);
    const citizenLeg = run.sim.legs.find((l) => l.to === citizen);
    expect(citizenLeg?.from).toBe(o.safeNumber);
    expect(run.record).toMatchObject({ kind: 'masked_outbound', outcome: 'connected', ownerUserId: o.staff.id, toNumber: citizen, fromNumber: o.safeNumber });
    const steps = (run.record?.trace as { step: string; detail?: { class?: string } }[]).map((s) => (s.detail?.class ? `${s.step}:${s.detail.class}` : s.step));
    expect(steps).toEqual(['started', 'refused:international', 'entered', 'citizen_dialled', 'citizen_answered', 'connected', 'hung_up']);
  }, 40_000);

  it('an unknown caller hears the refusal and is hung up; nothing is dialled', async () => {
    const o = await staffWithAccess();
    const run = await (async () => {
      const sessionId = await placeCall({ from: randomNumber('+8210'), to: o.access, timeScale: 0.05 });
      return { sessionId, ...(await settle(sessionId, true, 20_000)) };
    })();
    expect(spoken(run.sim.log)).toEqual(['등록된 휴대전화에서 걸어야 안심발신을 이용할 수 있습니다. 전화를 끊겠습니다.']);
    expect(run.session.commands.map((c) => c.action)).toEqual(['answer', 'speak', 'hangup']);
    expect(run.record).toMatchObject({ kind: 'masked_outbound', outcome: 'unknown_caller', ownerUserId: null });
  }, 30_000);

  it('a keypad timeout re-prompts twice, then ends politely', async () => {
    const o = await staffWithAccess();
    const sessionId = await placeCall({ from: o.mobile, to: o.access, timeScale: 0.05 });
    const run = await settle(sessionId, true, 20_000);
    const said = spoken(run.sim.log);
    expect(said.filter((t) => t.startsWith('입력이 없었습니다'))).toHaveLength(2);
    expect(said.at(-1)).toBe('입력이 없어 통화를 종료합니다. 감사합니다.');
    expect(run.session.commands.filter((c) => c.action === 'gather')).toHaveLength(3);
    expect(run.session.commands.some((c) => c.action === 'dial')).toBe(false);
    expect(run.record).toMatchObject({ outcome: 'no_entry', ownerUserId: o.staff.id });
  }, 30_000);

  it('a citizen who does not answer: the dial times out and the staff member is told', async () => {
    const o = await staffWithAccess();
    const citizen = randomNumber('+8210');
    await sim('/api/parties', { number: citizen, answer: 'never' });
    const sessionId = await placeCall({ from: o.mobile, to: o.access, timeScale: 0.05 });
    await gathering(sessionId, 1);
    await callerDoes(sessionId, 'dtmf', `${citizen.replace('+82', '0')}#`);
    const run = await settle(sessionId, true, 20_000);
    expect(run.sim.legs.find((l) => l.to === citizen)?.state).toBe('ended');
    expect(spoken(run.sim.log).at(-1)).toBe('상대방이 전화를 받지 않습니다. 통화를 종료합니다.');
    expect(run.record).toMatchObject({ outcome: 'no_answer', toNumber: citizen, answeredAt: null });
  }, 30_000);
});
