// The phonebook API (S17): groups unique per person (409 taken), contacts stored E.164 and shown
// nationally, a number once per group, search, bulk import chunks that are idempotent with a final
// summary, export of a group or all, and tenancy: another person's or org's phonebook is invisible.
import { describe, expect, it } from 'vitest';
import { login, makeUser, orgWithUser, type Client } from '../fixtures/orgs';

type Contact = { id: string; name: string; number: { e164: string; national: string }; memo: string | null; groupId: string | null };
type Group = { id: string; name: string; size: number };
type ErrorBody = { error: { code: string; fields: { field: string; code: string; params?: Record<string, number> }[] } };

const json = (client: Client, method: string, path: string, body?: unknown) => client.fetch(`/api/phonebook${path}`, { method, json: body });
const hex = () => crypto.randomUUID().replaceAll('-', '');

async function staff() {
  const { org, user, client } = await orgWithUser('staff');
  return { org, user, client };
}

async function group(client: Client, name: string): Promise<Group> {
  const res = await json(client, 'POST', '/groups', { name });
  expect(res.status).toBe(201);
  return (await res.json<{ group: Group }>()).group;
}

describe('/api/phonebook groups', () => {
  it('creates, lists with sizes, renames; a name twice is 409 taken; deleting takes its contacts', async () => {
    const { client } = await staff();
    const a = await group(client, '민원인');
    const b = await group(client, '직원');
    const twice = await json(client, 'POST', '/groups', { name: ' 민원인 ' });
    expect(twice.status).toBe(409);
    expect((await twice.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'name', code: 'taken' });
    const renameClash = await json(client, 'PATCH', `/groups/${b.id}`, { name: '민원인' });
    expect(renameClash.status).toBe(409);
    expect((await json(client, 'POST', '/groups', { name: '' })).status).toBe(400);
    const long = await (await json(client, 'POST', '/groups', { name: '가'.repeat(31) })).json<ErrorBody>();
    expect(long.error.fields[0]).toMatchObject({ field: 'name', code: 'too_long', params: { max: 30 } });

    expect((await json(client, 'POST', '/contacts', { name: '김철수', number: '010-1111-2222', groupId: a.id })).status).toBe(201);
    const groups = (await (await json(client, 'GET', '/groups')).json<{ groups: Group[] }>()).groups;
    expect(groups.map((g) => [g.name, g.size])).toEqual([
      ['민원인', 1],
      ['직원', 0],
    ]);
    expect((await json(client, 'PATCH', `/groups/${b.id}`, { name: '동료' })).status).toBe(200);
    expect((await json(client, 'DELETE', `/groups/${a.id}`)).status).toBe(200);
    const left = await (await json(client, 'GET', '/contacts')).json<{ contacts: Contact[]; total: number }>();
    expect(left.total).toBe(0);
    expect((await json(client, 'DELETE', `/groups/${a.id}`)).status).toBe(404);
  });
});

describe('/api/phonebook contacts', () => {
  it('stores E.164, shows national, refuses a number twice in a group (409 taken) but allows it in another', async () => {
    const { client } = await staff();
    const a = await group(client, 'A');
    const b = await group(client, 'B');
    const res = await json(client, 'POST', '/contacts', { name: '홍길동', number: '01012345678', memo: '주민센터', groupId: a.id });
    expect(res.status).toBe(201);
    const { contact } = await res.json<{ contact: Contact }>();
    expect(contact).toMatchObject({ name: '홍길동', number: { e164: '+821012345678', national: '010-1234-5678' }, memo: '주민센터', groupId: a.id });
    const again = await json(client, 'POST', '/contacts', { name: '홍길동2', number: '+82 10-1234-5678', groupId: a.id });
    expect(again.status).toBe(409);
    expect((await again.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'number', code: 'taken' });
    expect((await json(client, 'POST', '/contacts', { name: '홍길동', number: '010-1234-5678', groupId: b.id })).status).toBe(201);
    // The ungrouped are one group too.
    expect((await json(client, 'POST', '/contacts', { name: '무소속', number: '02-123-4567' })).status).toBe(201);
    expect((await json(client, 'POST', '/contacts', { name: '무소속', number: '021234567', groupId: null })).status).toBe(409);

    const bad = await (await json(client, 'POST', '/contacts', { name: '', number: '12', memo: '가'.repeat(101) })).json<ErrorBody>();
    expect(bad.error.fields.map((f) => [f.field, f.code])).toEqual([
      ['name', 'required'],
      ['number', 'phone'],
      ['memo', 'too_long'],
    ]);
    const total = (await (await json(client, 'GET', '/contacts')).json<{ total: number }>()).total;
    expect(total).toBe(3);
  });

  it('edits a contact (moving it into a group that has the number is 409), deletes, searches by digits or name', async () => {
    const { client } = await staff();
    const a = await group(client, 'A');
    const add = async (name: string, number: string, groupId: string | null = null) =>
      (await (await json(client, 'POST', '/contacts', { name, number, groupId })).json<{ contact: Contact }>()).contact;
    const one = await add('박영희', '010-2000-0001', a.id);
    const two = await add('이민수', '010-2000-0001');
    await add('최과장', '031-777-8888', a.id);
    const move = await json(client, 'PATCH', `/contacts/${two.id}`, { name: '이민수', number: '010-2000-0001', groupId: a.id });
    expect(move.status).toBe(409);
    const edited = await json(client, 'PATCH', `/contacts/${one.id}`, { name: '박영희 주무관', number: '010-2000-0009', memo: null, groupId: a.id });
    expect((await edited.json<{ contact: Contact }>()).contact).toMatchObject({ name: '박영희 주무관', number: { national: '010-2000-0009' } });

    const search = async (query: string) =>
      (await (await json(client, 'GET', `/contacts?${query}`)).json<{ contacts: Contact[] }>()).contacts.map((c) => c.name);
    expect(await search('q=2000')).toEqual(['박영희 주무관', '이민수']);
    expect(await search('q=010-2000-0009')).toEqual(['박영희 주무관']);
    expect(await search('q=과장')).toEqual(['최과장']);
    expect(await search(`group=${a.id}`)).toEqual(['박영희 주무관', '최과장']);
    expect(await search('group=none')).toEqual(['이민수']);
    expect((await json(client, 'DELETE', `/contacts/${two.id}`)).status).toBe(200);
    expect(await search('group=none')).toEqual([]);
  });

  it('another person or org never sees, changes or adds into my phonebook', async () => {
    const { org, client } = await staff();
    const mine = await group(client, '내 그룹');
    const { contact } = await (
      await json(client, 'POST', '/contacts', { name: '비밀', number: '010-3000-0001', groupId: mine.id })
    ).json<{ contact: Contact }>();

    const colleague = await makeUser(org.id, { role: 'org_admin' });
    const other = await login(org.name, colleague.loginId);
    const stranger = (await orgWithUser('org_admin')).client;
    for (const c of [other, stranger]) {
      expect((await (await json(c, 'GET', '/contacts')).json<{ total: number }>()).total).toBe(0);
      expect((await (await json(c, 'GET', '/groups')).json<{ groups: Group[] }>()).groups).toEqual([]);
      expect((await (await json(c, 'GET', `/contacts?group=${mine.id}`)).json<{ total: number }>()).total).toBe(0);
      expect((await json(c, 'PATCH', `/contacts/${contact.id}`, { name: 'x', number: '010-3000-0002' })).status).toBe(404);
      expect((await json(c, 'DELETE', `/contacts/${contact.id}`)).status).toBe(404);
      expect((await json(c, 'PATCH', `/groups/${mine.id}`, { name: 'x' })).status).toBe(404);
      expect((await json(c, 'DELETE', `/groups/${mine.id}`)).status).toBe(404);
      expect((await json(c, 'GET', `/export?group=${mine.id}`)).status).toBe(404);
      const into = await json(c, 'POST', '/contacts', { name: 'x', number: '010-3000-0003', groupId: mine.id });
      expect((await into.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'groupId', code: 'not_in_org' });
      const chunk = await json(c, 'POST', `/imports/${hex()}/chunks`, { groupId: mine.id, firstRow: 0, rows: [{ name: 'x', number: '010-3000-0004' }] });
      expect(chunk.status).toBe(400);
      // The same group name is free for them: names are unique per person.
      expect((await json(c, 'POST', '/groups', { name: '내 그룹' })).status).toBe(201);
    }
    const mineStill = await (await json(client, 'GET', '/export')).json<{ contacts: { name: string }[] }>();
    expect(mineStill.contacts.map((c) => c.name)).toEqual(['비밀']);
    expect((await json(client, 'GET', '/contacts')).status).toBe(200);
  });

  it('needs a login', async () => {
    const { request } = await import('../fixtures/orgs');
    expect((await request('/api/phonebook/contacts')).status).toBe(401);
  });
});

describe('/api/phonebook imports and export', () => {
  it('a chunk sent twice writes nothing twice and answers the same; numbers already in the group are skipped; the summary counts', async () => {
    const { client } = await staff();
    const g = await group(client, '수강생');
    await json(client, 'POST', '/contacts', { name: '기존', number: '010-4000-0002', groupId: g.id });
    const importId = hex();
    const rows = [
      { name: '가', number: '010-4000-0001' },
      { name: '나', number: '01040000002' },
      { name: '다', number: '010 4000 0003', memo: '메모' },
    ];
    const send = (firstRow: number, r: typeof rows) => json(client, 'POST', `/imports/${importId}/chunks`, { groupId: g.id, firstRow, rows: r });
    const first = await send(0, rows);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ imported: 2, skipped: 1 });
    expect(await (await send(0, rows)).json()).toEqual({ imported: 2, skipped: 1 });
    expect(await (await send(3, [{ name: '라', number: '010-4000-0004' }])).json()).toEqual({ imported: 1, skipped: 0 });
    const summary = await (await json(client, 'POST', `/imports/${importId}/finish`)).json();
    expect(summary).toEqual({ imported: 3, total: 4 });

    const bad = await send(4, [
      { name: '마', number: '010-4000-0005' },
      { name: '바', number: '999' },
    ]);
    expect(bad.status).toBe(400);
    expect((await bad.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'rows.1.number', code: 'phone' });
    const tooMany = await send(
      10,
      Array.from({ length: 201 }, (_, i) => ({ name: `n${i}`, number: `010-5${String(i).padStart(3, '0')}-0000` })),
    );
    expect((await tooMany.json<ErrorBody>()).error.fields[0]).toMatchObject({ field: 'rows', code: 'too_long', params: { max: 200 } });
    expect((await json(client, 'POST', '/imports/not-hex/chunks', { groupId: g.id, firstRow: 0, rows })).status).toBe(400);
    // Nothing of the refused chunks was written.
    expect((await (await json(client, 'GET', `/contacts?group=${g.id}`)).json<{ total: number }>()).total).toBe(4);
  });

  it('exports one group or all, by group then name, numbers both ways', async () => {
    const { client } = await staff();
    const a = await group(client, '가족');
    const b = await group(client, '나라');
    await json(client, 'POST', '/contacts', { name: '둘', number: '010-6000-0002', groupId: a.id });
    await json(client, 'POST', '/contacts', { name: '하나', number: '010-6000-0001', groupId: a.id, memo: '엄마' });
    await json(client, 'POST', '/contacts', { name: '셋', number: '02-600-0003', groupId: b.id });
    type Row = { name: string; number: { e164: string; national: string }; memo: string | null; group: string | null };
    const one = (await (await json(client, 'GET', `/export?group=${a.id}`)).json<{ contacts: Row[] }>()).contacts;
    expect(one).toEqual([
      { name: '둘', number: { e164: '+821060000002', national: '010-6000-0002' }, memo: null, group: '가족' },
      { name: '하나', number: { e164: '+821060000001', national: '010-6000-0001' }, memo: '엄마', group: '가족' },
    ]);
    const all = (await (await json(client, 'GET', '/export')).json<{ contacts: Row[] }>()).contacts;
    expect(all.map((r) => [r.group, r.name])).toEqual([
      ['가족', '둘'],
      ['가족', '하나'],
      ['나라', '셋'],
    ]);
  });
});
