// Home = my safe number: the number in national format, the mobile masked, what a caller gets now
// (from the engine's status search), the pause and immediate-block switches (which reach the very
// next call), and today's calls.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { compileSnapshot } from '../../worker/db/snapshot-compiler';
import { calls } from '../../worker/db/schema';
import { globalDb } from '../../worker/db/client';
import { newId } from '../../worker/ids';
import { statusView } from '../../worker/safe-number/status-view';
import { runCall } from '../fixtures/calls';
import { orgWithUser } from '../fixtures/orgs';
import { staffWithNumber, spoken } from '../fixtures/staff';
import { withClock } from '../clock';
import { WORKING_INSTANT } from '../fixtures/flow-kit';

type Home = {
  timezone: string;
  now: number;
  number: { id: string; e164: string; national: string } | null;
  mobile: { masked: string } | null;
  switches: { paused: boolean; immediateBlock: boolean };
  status: { status: string; rule: string | null; until: number | null; untilLocal: unknown; next: string | null } | null;
  today: { calls: number; missed: number; latest: { id: string; outcome: string; caller: { national: string | null } }[] };
};

describe('GET /api/me/home', () => {
  it('shows the number in national format, the mobile masked and the engine’s status now', async () => {
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const s = await staffWithNumber({ mobile: '+821012345678', e164: `+8250${digits}` });
    const res = await s.client.fetch('/api/me/home');
    expect(res.status).toBe(200);
    const home = await res.json<Home>();
    const national = `050-${digits.slice(0, 4)}-${digits.slice(4)}`;
    expect(home.number).toEqual({ id: s.numberId, e164: s.e164, national });
    expect(home.mobile).toEqual({ masked: '010-****-5678' });
    expect(home.timezone).toBe('Asia/Seoul');
    expect(home.switches).toEqual({ paused: false, immediateBlock: false });
    const snapshot = await compileSnapshot(env, s.numberId);
    // The same engine answer for the same instant.
    expect(home.status).toEqual(JSON.parse(JSON.stringify(statusView(snapshot!, home.now))));
    expect(home.today).toEqual({ calls: 0, missed: 0, latest: [] });
  });

  it('a user without a number gets no number and no status, and cannot pause one', async () => {
    const { client } = await orgWithUser('staff');
    const home = await (await client.fetch('/api/me/home')).json<Home>();
    expect(home).toMatchObject({ number: null, status: null, mobile: null, today: { calls: 0, missed: 0 } });
    const res = await client.fetch('/api/me/switches', { method: 'PUT', json: { paused: true } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { fields: [{ field: 'paused', code: 'not_available' }] } });
    // The immediate block is personal and needs no number.
    expect((await client.fetch('/api/me/switches', { method: 'PUT', json: { immediateBlock: true } })).status).toBe(200);
  });

  it('counts today’s calls and the missed ones (spam and connected are not missed), newest first', async () => {
    // A Wednesday 11:00 in Seoul: rows seconds before now are today's whatever the real hour.
    await withClock(WORKING_INSTANT, async () => {
      const s = await staffWithNumber();
      const now = Date.now();
      const row = (outcome: string, startedAt: number) => ({
        id: newId('call'),
        orgId: s.org.id,
        callSessionId: crypto.randomUUID(),
        direction: 'inbound' as const,
        kind: 'safe_number' as const,
        numberId: s.numberId,
        fromNumber: '+821099990000',
        toNumber: s.e164,
        ownerUserId: s.owner.id,
        startedAt,
        outcome,
      });
      await globalDb(env)
        .insert(calls)
        .values([row('connected', now - 4000), row('after_hours', now - 3000), row('spam', now - 2000), row('missed', now - 1000), row('lunch', now - 1500)]);
      // Yesterday's call (two days back is surely not today in Seoul) does not count.
      await globalDb(env)
        .insert(calls)
        .values(row('missed', now - 2 * 86_400_000));
      const home = await (await s.client.fetch('/api/me/home')).json<Home>();
      expect(home.today.calls).toBe(5);
      expect(home.today.missed).toBe(3);
      expect(home.today.latest.map((c) => c.outcome)).toEqual(['missed', 'lunch', 'spam']);
      expect(home.today.latest[0]!.caller.national).toBe('010-9999-0000');
    });
  });
});

describe('PUT /api/me/switches', () => {
  it('pause: the card says paused until switched off, and the next call hears the suspended announcement', async () => {
    const s = await staffWithNumber();
    const res = await s.client.fetch('/api/me/switches', { method: 'PUT', json: { paused: true } });
    expect(res.status).toBe(200);
    const home = await res.json<Home>();
    expect(home.switches.paused).toBe(true);
    expect(home.status).toMatchObject({ status: 'paused', rule: 'paused', until: null });
    const run = await runCall({ to: s.e164 });
    expect(run.record?.outcome).toBe('paused');
    expect(spoken(run)).toEqual(['지금은 이 번호로 연결할 수 없습니다.']);

    const resumed = await (await s.client.fetch('/api/me/switches', { method: 'PUT', json: { paused: false } })).json<Home>();
    expect(resumed.switches.paused).toBe(false);
    const next = await runCall({ to: s.e164, callee: { number: s.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 30 } });
    expect(next.record?.outcome).toBe('connected');
  });

  it('immediate block: blocked now, and the next call is blocked with the block announcement', async () => {
    const s = await staffWithNumber();
    const home = await (await s.client.fetch('/api/me/switches', { method: 'PUT', json: { immediateBlock: true } })).json<Home>();
    expect(home.switches).toEqual({ paused: false, immediateBlock: true });
    expect(home.status).toMatchObject({ status: 'blocked', rule: 'immediate_block', until: null });
    const run = await runCall({ to: s.e164 });
    expect(run.record?.outcome).toBe('blocked');
    expect(run.record?.trace).toContainEqual({ rule: 'immediate_block', matched: true, detail: {} });
  });

  it('refuses what is not a switch, changing nothing', async () => {
    const s = await staffWithNumber();
    const res = await s.client.fetch('/api/me/switches', { method: 'PUT', json: { paused: 'yes' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid', fields: [{ field: 'paused', code: 'choice' }] } });
    const home = await (await s.client.fetch('/api/me/home')).json<Home>();
    expect(home.switches).toEqual({ paused: false, immediateBlock: false });
  });
});
