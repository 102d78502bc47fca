// The abuse shield's settings (B3): the org's defaults (admins) and a staff member's override, field
// by field, with the effective policy; the next calls are counted against it.
import { describe, expect, it } from 'vitest';
import { runCall } from '../fixtures/calls';
import { login, makeUser } from '../fixtures/orgs';
import { staffWithNumber, spoken, wednesdayAt } from '../fixtures/staff';

type ErrorBody = { error: { code: string; fields: { field: string; code: string; params?: Record<string, number> }[] } };

describe('/api/admin/shield and /api/me/shield', () => {
  it('an admin sets the org default; staff see it, override a field, and the number counts callers by it', async () => {
    const s = await staffWithNumber();
    const admin = await makeUser(s.org.id, { role: 'org_admin' });
    const a = await login(s.org.name, admin.loginId);
    expect(await (await a.fetch('/api/admin/shield')).json()).toEqual({ shield: { limit: 0, windowMinutes: 10, coolOffMinutes: 30 } });
    const put = await a.fetch('/api/admin/shield', { method: 'PUT', json: { limit: 5, windowMinutes: 10, coolOffMinutes: 30 } });
    expect(put.status).toBe(200);
    expect((await s.client.fetch('/api/admin/shield')).status).toBe(403);

    expect(await (await s.client.fetch('/api/me/shield')).json()).toEqual({
      org: { limit: 5, windowMinutes: 10, coolOffMinutes: 30 },
      personal: { limit: null, windowMinutes: null, coolOffMinutes: null },
      effective: { limit: 5, windowMinutes: 10, coolOffMinutes: 30 },
    });
    const mine = await s.client.fetch('/api/me/shield', { method: 'PUT', json: { limit: 1, windowMinutes: null, coolOffMinutes: 60 } });
    expect(await mine.json()).toMatchObject({
      personal: { limit: 1, windowMinutes: null, coolOffMinutes: 60 },
      effective: { limit: 1, windowMinutes: 10, coolOffMinutes: 60 },
    });

    // One call per caller: the second from the same number, a minute later on the calls' own clock,
    // hears the shield's announcement.
    const caller = '+821055550000';
    const at = wednesdayAt('11:00');
    const first = await runCall({ to: s.e164, from: caller, at, callee: { number: s.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 20 } });
    expect(first.record?.outcome).toBe('connected');
    const second = await runCall({ to: s.e164, from: caller, at: at + 60_000 });
    expect(second.record?.outcome).toBe('limited');
    expect(spoken(second)).toEqual(['짧은 시간에 여러 번 전화하셔서 지금은 연결할 수 없습니다. 잠시 후 다시 걸어 주십시오.']);

    // Limit 0 switches it off for my number.
    await s.client.fetch('/api/me/shield', { method: 'PUT', json: { limit: 0 } });
    expect((await (await s.client.fetch('/api/me/shield')).json<{ effective: unknown }>()).effective).toBeNull();
  });

  it('refuses numbers out of range with the range', async () => {
    const s = await staffWithNumber();
    const admin = await makeUser(s.org.id, { role: 'org_admin' });
    const a = await login(s.org.name, admin.loginId);
    const bad = await a.fetch('/api/admin/shield', { method: 'PUT', json: { limit: 5, windowMinutes: 0, coolOffMinutes: 30 } });
    expect((await bad.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'windowMinutes', code: 'out_of_range', params: { min: 1, max: 1440 } });
    const half = await s.client.fetch('/api/me/shield', { method: 'PUT', json: { limit: 2.5 } });
    expect((await half.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'limit', code: 'out_of_range', params: { min: 0, max: 1000 } });
    expect(await (await a.fetch('/api/admin/shield')).json()).toEqual({ shield: { limit: 0, windowMinutes: 10, coolOffMinutes: 30 } });
  });
});
