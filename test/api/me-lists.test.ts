// My spam and free-pass lists (S9, S10, B3): numbers in any Korean format stored as E.164 and shown
// nationally, memos, search by digits or memo, paging, temporary blocks that expire, one number on
// one list only; and the next call from a listed number.
import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../worker/api/me/lists';
import { runCall } from '../fixtures/calls';
import { staffWithNumber, spoken, wednesdayAt } from '../fixtures/staff';

type Entry = { id: string; kind: string; number: { e164: string; national: string }; memo: string | null; expiresAt: number | null; expired: boolean };
type Page = { entries: Entry[]; total: number; nextBefore: string | null };
type ErrorBody = { error: { code: string; fields: { field: string; code: string; params?: Record<string, number> }[] } };

describe('/api/me/list-entries', () => {
  it('accepts any common Korean format, stores E.164 and shows the national format', async () => {
    const s = await staffWithNumber();
    for (const [typed, e164, national] of [
      ['010-1234-5678', '+821012345678', '010-1234-5678'],
      ['01087654321', '+821087654321', '010-8765-4321'],
      ['02-123-4567', '+8221234567', '02-123-4567'],
      ['0505-123-4567', '+825051234567', '050-5123-4567'],
      ['+82 31 123 4567', '+82311234567', '031-123-4567'],
    ] as const) {
      const res = await s.client.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'spam', number: typed, memo: '광고' } });
      expect(res.status, typed).toBe(201);
      expect((await res.json<{ entry: Entry }>()).entry).toMatchObject({
        kind: 'spam',
        number: { e164, national },
        memo: '광고',
        expiresAt: null,
        expired: false,
      });
    }
    const page = await (await s.client.fetch('/api/me/list-entries?kind=spam')).json<Page>();
    expect(page.total).toBe(5);
    expect(page.entries[0]!.number.national).toBe('031-123-4567');
  });

  it('refuses a number twice on a list (409 taken), on both lists (409 on_other_list), and what is no number', async () => {
    const s = await staffWithNumber();
    const add = (json: unknown) => s.client.fetch('/api/me/list-entries', { method: 'POST', json });
    expect((await add({ kind: 'spam', number: '010-1111-2222' })).status).toBe(201);
    const again = await add({ kind: 'spam', number: '+821011112222' });
    expect(again.status).toBe(409);
    expect((await again.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'number', code: 'taken' });
    const other = await add({ kind: 'free_pass', number: '01011112222' });
    expect(other.status).toBe(409);
    expect((await other.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'number', code: 'on_other_list' });
    expect((await (await add({ kind: 'spam', number: '12' })).json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'number', code: 'phone' });
    const long = await (await add({ kind: 'spam', number: '010-3333-4444', memo: '가'.repeat(101) })).json<ErrorBody>();
    expect(long.error.fields[0]).toMatchObject({ field: 'memo', code: 'too_long', params: { max: 100 } });
    const kind = await (await add({ kind: 'vip', number: '010-3333-4444' })).json<ErrorBody>();
    expect(kind.error.fields[0]).toMatchObject({ field: 'kind', code: 'choice' });
    expect((await (await s.client.fetch('/api/me/list-entries?kind=spam')).json<Page>()).total).toBe(1);
  });

  it('temporary blocks: an expiry in minutes; blocking again renews it; a permanent one is not shortened', async () => {
    const s = await staffWithNumber();
    const before = Date.now();
    const res = await s.client.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'spam', number: '010-5555-0001', expiresInMinutes: 60 } });
    expect(res.status).toBe(201);
    const { entry } = await res.json<{ entry: Entry }>();
    expect(entry.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(entry.expiresAt).toBeLessThan(before + 3_600_000 + 60_000);
    const renewed = await s.client.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'spam', number: '010-5555-0001', expiresInMinutes: 1440 } });
    expect(renewed.status).toBe(200);
    expect((await renewed.json<{ entry: Entry }>()).entry).toMatchObject({ id: entry.id, expiresAt: expect.any(Number) });
    // Made permanent, it cannot be turned back into a temporary block by adding it again.
    expect((await s.client.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'spam', number: '010-5555-0001' } })).status).toBe(200);
    expect(
      (await s.client.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'spam', number: '010-5555-0001', expiresInMinutes: 5 } })).status,
    ).toBe(409);
    const bad = await s.client.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'spam', number: '010-5555-0002', expiresInMinutes: 0 } });
    expect((await bad.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'expiresInMinutes', code: 'out_of_range', params: { min: 1, max: 525600 } });
  });

  it('searches by digits as typed (national digits match E.164) or by memo, and pages newest first', async () => {
    const s = await staffWithNumber();
    const numbers = ['010-2000-0001', '010-2000-0002', '02-300-4000', '031-777-8888'];
    for (const [i, number] of numbers.entries()) {
      await s.client.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'free_pass', number, memo: i === 3 ? '과장님' : `민원인${i}` } });
    }
    const search = async (q: string) =>
      (await (await s.client.fetch(`/api/me/list-entries?kind=free_pass&q=${encodeURIComponent(q)}`)).json<Page>()).entries.map((e) => e.number.national);
    expect(await search('010-2000')).toEqual(['010-2000-0002', '010-2000-0001']);
    expect(await search('8888')).toEqual(['031-777-8888']);
    expect(await search('02-300')).toEqual(['02-300-4000']);
    expect(await search('과장')).toEqual(['031-777-8888']);
    expect(await search('50%')).toEqual([]);
    expect(searchTerms('+82 10-1234')).toEqual({ digits: '82101234' });
    expect(searchTerms('010 1234')).toEqual({ digits: '101234' });

    const first = await (await s.client.fetch('/api/me/list-entries?kind=free_pass&limit=3')).json<Page>();
    expect(first.entries).toHaveLength(3);
    expect(first.nextBefore).not.toBeNull();
    const second = await (await s.client.fetch(`/api/me/list-entries?kind=free_pass&limit=3&before=${first.nextBefore}`)).json<Page>();
    expect(second.entries.map((e) => e.number.national)).toEqual(['010-2000-0001']);
    expect(second.nextBefore).toBeNull();
    expect((await s.client.fetch('/api/me/list-entries?kind=free_pass&before=nope')).status).toBe(400);
    expect((await s.client.fetch('/api/me/list-entries')).status).toBe(400);
  });

  it('reaches the next call: spam is turned away busy, a free pass connects after hours, a removed entry no longer counts', async () => {
    const s = await staffWithNumber();
    const spam = await (
      await s.client.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'spam', number: '02-555-0199' } })
    ).json<{ entry: Entry }>();
    const rejected = await runCall({ to: s.e164, from: '+8225550199' });
    expect(rejected.record?.outcome).toBe('spam');
    expect(spoken(rejected)).toEqual([]);

    await s.client.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'free_pass', number: '010-9876-5432', memo: '과장님' } });
    const night = await runCall({
      to: s.e164,
      from: '+821098765432',
      at: wednesdayAt('22:00'),
      callee: { number: s.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 30 },
    });
    expect(night.record?.outcome).toBe('connected');
    expect(night.record?.trace).toContainEqual({ rule: 'free_pass', matched: true, detail: { entry: 'permanent', expiresAt: null } });

    expect((await s.client.fetch(`/api/me/list-entries/${spam.entry.id}`, { method: 'DELETE' })).status).toBe(200);
    const after = await runCall({ to: s.e164, from: '+8225550199', callee: { number: s.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 30 } });
    expect(after.record?.outcome).toBe('connected');
  });
});
