// What-if (B2): the same engine on the current settings, the owner's whole lists and no shield
// count, at a wall-clock time of the org's zone, beside the settings the answer depends on.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { orgs } from '../../worker/db/schema';
import { runCall } from '../fixtures/calls';
import { orgWithUser } from '../fixtures/orgs';
import { staffWithNumber } from '../fixtures/staff';

type WhatIf = {
  at: number;
  local: { date: string; time: string; weekday: number };
  caller: { e164: string; national: string };
  decision: {
    action: string;
    outcome: string;
    decidedBy: string | null;
    announcement: string | null;
    trace: { rule: string; matched: boolean; detail: Record<string, unknown> }[];
  };
  settings: Record<string, unknown>;
};
type ErrorBody = { error: { code: string; fields: { field: string; code: string }[] } };

describe('POST /api/me/what-if', () => {
  it('answers after hours on a Wednesday evening, with the reason and the announcement', async () => {
    const s = await staffWithNumber();
    const res = await s.client.fetch('/api/me/what-if', { method: 'POST', json: { caller: '010-1234-5678', at: '2026-12-02T19:30' } });
    expect(res.status).toBe(200);
    const w = await res.json<WhatIf>();
    expect(w.at).toBe(Date.parse('2026-12-02T19:30:00+09:00'));
    expect(w.local).toEqual({ date: '2026-12-02', time: '19:30', weekday: 2 });
    expect(w.caller).toEqual({ e164: '+821012345678', national: '010-1234-5678' });
    expect(w.decision).toMatchObject({
      action: 'announce',
      outcome: 'after_hours',
      decidedBy: 'hours',
      announcement: '지금은 업무시간이 아닙니다. 업무시간에 다시 걸어 주십시오.',
    });
    expect(w.decision.trace.at(-1)).toEqual({
      rule: 'hours',
      matched: true,
      detail: { local: '19:30', date: '2026-12-02', weekday: 2, start: '09:00', end: '18:00' },
    });
    expect(w.settings).toMatchObject({
      hours: { start: '09:00', end: '18:00', weekdays: 31 },
      lunch: { start: '12:00', end: '13:00' },
      from: { start: 'default' },
      paused: false,
      immediateBlock: false,
      holiday: null,
      lists: { spam: null, freePass: null },
      shield: null,
    });
  });

  it('matches what a real call at that instant gets, lists included (the shield not counted)', async () => {
    const s = await staffWithNumber();
    await s.client.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'free_pass', number: '010-9876-5432' } });
    await s.client.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'spam', number: '02-555-0199', expiresInMinutes: 60 } });
    const ask = async (caller: string, at: string) =>
      (await (await s.client.fetch('/api/me/what-if', { method: 'POST', json: { caller, at } })).json<WhatIf>()).decision;
    const pass = await ask('01098765432', '2026-12-05T23:00');
    expect(pass).toMatchObject({ action: 'connect', outcome: 'connect', decidedBy: 'free_pass', announcement: null });
    const real = await runCall({
      to: s.e164,
      from: '+821098765432',
      at: Date.parse('2026-12-05T23:00:00+09:00'),
      callee: { number: s.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 20 },
    });
    expect(real.record?.trace).toEqual(pass.trace);

    // The temporary block is in force for an hour from now, not on a date long past its expiry.
    const now = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 16);
    expect((await ask('02-555-0199', now)).outcome).toBe('spam');
    expect((await ask('02-555-0199', '2031-01-08T10:00')).trace[0]).toMatchObject({ rule: 'spam', matched: false, detail: { entry: 'expired' } });
  });

  it('a holiday is named in the settings and decides', async () => {
    const s = await staffWithNumber();
    const w = await (await s.client.fetch('/api/me/what-if', { method: 'POST', json: { caller: '010-1234-5678', at: '2026-12-25T11:00' } })).json<WhatIf>();
    expect(w.decision).toMatchObject({ outcome: 'after_hours', decidedBy: 'holiday' });
    expect(w.settings.holiday).toEqual({ name: '기독탄신일', source: 'builtin' });
  });

  it('refuses a bad caller or time, a time the zone skips, and a user without a number', async () => {
    const s = await staffWithNumber();
    const ask = (json: unknown) => s.client.fetch('/api/me/what-if', { method: 'POST', json });
    const field = async (res: Response) => (await res.json<ErrorBody>()).error.fields[0];
    expect(await field(await ask({ caller: 'nobody', at: '2026-12-02T10:00' }))).toMatchObject({ field: 'caller', code: 'phone' });
    expect(await field(await ask({ caller: '010-1234-5678', at: '2026-12-02 10:00' }))).toMatchObject({ field: 'at', code: 'date' });
    expect(await field(await ask({ caller: '010-1234-5678', at: '2026-02-30T10:00' }))).toMatchObject({ field: 'at', code: 'date' });
    await globalDb(env).update(orgs).set({ timezone: 'America/New_York' }).where(eq(orgs.id, s.org.id));
    expect(await field(await ask({ caller: '010-1234-5678', at: '2026-03-08T02:30' }))).toMatchObject({ field: 'at', code: 'no_such_local_time' });
    const ny = await (await ask({ caller: '010-1234-5678', at: '2026-03-09T10:00' })).json<WhatIf>();
    expect(ny.at).toBe(Date.parse('2026-03-09T10:00:00-04:00'));
    const { client } = await orgWithUser('staff');
    expect((await client.fetch('/api/me/what-if', { method: 'POST', json: { caller: '010-1234-5678', at: '2026-12-02T10:00' } })).status).toBe(404);
  });
});
