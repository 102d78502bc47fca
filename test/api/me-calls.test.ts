// My call history (S13, B1): my calls newest first with the caller in national format (and the
// phonebook name), outcome, duration and trace; filters by local date range and outcome; paging.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { calls, contacts } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { runCall } from '../fixtures/calls';
import { makeUser } from '../fixtures/orgs';
import { staffWithNumber, wednesdayAt } from '../fixtures/staff';

type Row = {
  id: string;
  startedAt: number;
  outcome: string;
  durationMs: number | null;
  caller: { e164: string | null; national: string | null; name: string | null };
  dialled: { national: string };
  trace: { rule: string; matched: boolean }[] | null;
};
type Page = { timezone: string; calls: Row[]; nextBefore: string | null };
type ErrorBody = { error: { code: string; fields: { field: string; code: string }[] } };

describe('GET /api/me/calls', () => {
  it('shows a real call with its caller, phonebook name, outcome and trace', async () => {
    const s = await staffWithNumber();
    await globalDb(env)
      .insert(contacts)
      .values({ id: newId('con'), orgId: s.org.id, userId: s.owner.id, name: '홍민원', number: '+821012340000' });
    await s.client.fetch('/api/me/schedule', { method: 'PUT', json: { workStartTime: '13:00' } });
    await runCall({ to: s.e164, from: '+821012340000', at: wednesdayAt('11:00') });
    const page = await (await s.client.fetch('/api/me/calls')).json<Page>();
    expect(page.timezone).toBe('Asia/Seoul');
    expect(page.calls).toHaveLength(1);
    expect(page.calls[0]).toMatchObject({
      startedAt: expect.any(Number),
      outcome: 'after_hours',
      durationMs: null,
      caller: { e164: '+821012340000', national: '010-1234-0000', name: '홍민원' },
    });
    expect(page.calls[0]!.trace?.at(-1)).toMatchObject({ rule: 'hours', matched: true });
  });

  it('says what became of ringing the mobile when every rule passed: rang out, busy, declined (issue 16)', async () => {
    const s = await staffWithNumber();
    const answers = { never: 'no_answer', busy: 'busy', reject: 'declined' } as const;
    for (const answer of Object.keys(answers) as (keyof typeof answers)[]) {
      await runCall({ to: s.e164, from: '+821055550000', callee: { number: s.mobile!, answer } });
    }
    await runCall({ to: s.e164, from: '+821055550000', callee: { number: s.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 40 } });
    await runCall({ to: s.e164, from: '+821055550000', at: wednesdayAt('22:00') });
    const page = await (await s.client.fetch('/api/me/calls')).json<{ calls: { outcome: string; ring: string | null; trace: { rule: string }[] }[] }>();
    const byOutcome = page.calls.map((c) => [c.outcome, c.ring]).sort();
    expect(byOutcome).toEqual([['after_hours', null], ['connected', null], ...Object.values(answers).map((ring) => ['missed', ring])].sort());
  });

  it('filters by local dates and outcomes, pages newest first, and shows only my own calls', async () => {
    const s = await staffWithNumber();
    const colleague = await makeUser(s.org.id);
    const call = (outcome: string, at: string, owner = s.owner.id) => ({
      id: newId('call'),
      orgId: s.org.id,
      callSessionId: crypto.randomUUID(),
      direction: 'inbound' as const,
      kind: 'safe_number' as const,
      numberId: s.numberId,
      fromNumber: 'anonymous',
      toNumber: s.e164,
      ownerUserId: owner,
      startedAt: Date.parse(at),
      outcome,
    });
    await globalDb(env)
      .insert(calls)
      .values([
        call('connected', '2026-12-01T23:59:00+09:00'),
        call('after_hours', '2026-12-02T00:00:00+09:00'),
        call('lunch', '2026-12-02T12:30:00+09:00'),
        call('missed', '2026-12-03T23:59:59+09:00'),
        call('spam', '2026-12-04T00:00:00+09:00'),
        call('missed', '2026-12-02T10:00:00+09:00', colleague.id),
      ]);
    const get = async (q: string) => (await (await s.client.fetch(`/api/me/calls?${q}`)).json<Page>()).calls.map((c) => c.outcome);
    expect(await get('')).toEqual(['spam', 'missed', 'lunch', 'after_hours', 'connected']);
    // Seoul's days, whatever UTC says.
    expect(await get('from=2026-12-02&to=2026-12-03')).toEqual(['missed', 'lunch', 'after_hours']);
    expect(await get('outcome=after_hours,lunch')).toEqual(['lunch', 'after_hours']);
    const anonymous = (await (await s.client.fetch('/api/me/calls?limit=1')).json<Page>()).calls[0]!;
    expect(anonymous.caller).toEqual({ e164: null, national: null, name: null });

    const first = await (await s.client.fetch('/api/me/calls?limit=2')).json<Page>();
    const second = await (await s.client.fetch(`/api/me/calls?limit=2&before=${first.nextBefore}`)).json<Page>();
    const third = await (await s.client.fetch(`/api/me/calls?limit=2&before=${second.nextBefore}`)).json<Page>();
    expect([...first.calls, ...second.calls, ...third.calls].map((c) => c.outcome)).toEqual(['spam', 'missed', 'lunch', 'after_hours', 'connected']);
    expect(third.nextBefore).toBeNull();
  });

  it('refuses bad filters with their codes', async () => {
    const s = await staffWithNumber();
    const field = async (q: string) => (await (await s.client.fetch(`/api/me/calls?${q}`)).json<ErrorBody>()).error.fields[0];
    expect(await field('from=2026-13-01')).toMatchObject({ field: 'from', code: 'date' });
    expect(await field('from=2026-12-03&to=2026-12-01')).toMatchObject({ field: 'to', code: 'end_before_start' });
    expect(await field('outcome=bored')).toMatchObject({ code: 'choice' });
    expect(await field('limit=0')).toMatchObject({ field: 'limit', code: 'out_of_range' });
    expect(await field('before=x')).toMatchObject({ field: 'before', code: 'invalid' });
  });
});
