// Phonebook names in the history and the send log by number (issue 17): my contact names the other
// party at read time (a correlated lookup by contacts_user_number, read from the very statements'
// query plans), a name the send recorded stands, and a colleague's or another org's contact never
// names my recipient.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { callHistoryQuery } from '../../worker/db/call-history';
import { globalDb } from '../../worker/db/client';
import { recipientsQuery } from '../../worker/db/messages';
import { contacts } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { newId } from '../../worker/ids';
import { makeOrg, makeUser } from '../fixtures/orgs';
import { staffWithNumber } from '../fixtures/staff';

type Recipient = { number: { e164: string; national: string }; name: string | null; status: string };

const mobiles = (n: number) => {
  const base = 10_000_000 + Math.floor(Math.random() * 80_000_000);
  return Array.from({ length: n }, (_, i) => `010${base + i}`);
};
const e164 = (national: string) => `+82${national.slice(1)}`;

async function addContact(orgId: string, userId: string, name: string, number: string, groupId: string | null = null) {
  await globalDb(env)
    .insert(contacts)
    .values({ id: newId('ctc'), orgId, userId, name, number, groupId });
}

async function plan(statement: { sql: string; params: unknown[] }): Promise<string[]> {
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
    .bind(...statement.params)
    .all<{ detail: string }>();
  return rows.results.map((r) => r.detail);
}

describe('phonebook names in the send log by number (issue 17)', () => {
  it('names typed recipients from my phonebook now, keeps the name a send recorded, and finds them by it', async () => {
    const s = await staffWithNumber();
    const [a = '', b = '', c = ''] = mobiles(3);
    await addContact(s.org.id, s.owner.id, '김안내', e164(a));
    // Someone else's phonebook has b: a colleague's and another organisation's.
    const colleague = await makeUser(s.org.id, { role: 'staff' });
    await addContact(s.org.id, colleague.id, '동료의 지인', e164(b));
    const elsewhere = await makeOrg();
    await addContact(elsewhere.id, (await makeUser(elsewhere.id, { role: 'staff' })).id, '남의 기관', e164(b));
    // c is picked from my phonebook when sending: its recorded name stands after I rename the contact.
    const picked = newId('ctc');
    await globalDb(env)
      .insert(contacts)
      .values({ id: picked, orgId: s.org.id, userId: s.owner.id, name: '이민원', number: e164(c) });

    const res = await s.client.fetch('/api/me/messages', {
      method: 'POST',
      json: { sender: 'safe_number', text: '방문 안내입니다.', numbers: [a, b], contactIds: [picked] },
    });
    expect(res.status).toBe(201);
    await globalDb(env).update(contacts).set({ name: '이민원(변경)' }).where(eq(contacts.id, picked));

    const log = async (q = '') =>
      (await (await s.client.fetch(`/api/me/message-recipients${q ? `?q=${encodeURIComponent(q)}` : ''}`)).json<{ recipients: Recipient[] }>()).recipients;
    const byNumber = new Map((await log()).map((r) => [r.number.e164, r]));
    expect(byNumber.get(e164(a))?.name).toBe('김안내');
    expect(byNumber.get(e164(a))?.number.national).toBe(`${a.slice(0, 3)}-${a.slice(3, 7)}-${a.slice(7)}`);
    expect(byNumber.get(e164(b))?.name).toBeNull();
    expect(byNumber.get(e164(c))?.name).toBe('이민원');
    expect((await log('김안내')).map((r) => r.number.e164)).toEqual([e164(a)]);
    expect(await log('동료')).toEqual([]);
    expect(await log('남의')).toEqual([]);

    // A contact added later names the recipient from then on.
    await addContact(s.org.id, s.owner.id, '박나중', e164(b));
    expect((await log('박나중')).map((r) => r.number.e164)).toEqual([e164(b)]);
  });

  it('both lookups find the contact by contacts_user_number, never by scanning the phonebook', async () => {
    const s = await staffWithNumber();
    const scope = dbFor(env, s.org.id);
    for (const statement of [
      callHistoryQuery(scope, s.owner.id, { limit: 50 }).toSQL(),
      recipientsQuery(scope, s.owner.id, { limit: 50, name: '김' }).toSQL(),
    ]) {
      const details = await plan(statement);
      expect(details).toContainEqual(expect.stringMatching(/^SEARCH "?contacts"? USING (COVERING )?INDEX contacts_user_number \(user_id=\? AND number=\?\)/));
      expect(details.filter((d) => /^SCAN "?contacts"?/.test(d))).toEqual([]);
    }
  });
});
