// The agent console names the customer from the agent's own phonebook (issue 17), through the
// simulator and signed webhooks: on the offer while the phone rings and on the call in hand; a
// number only a colleague's or another organisation's phonebook has stays a number.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { AgentConsoleView } from '../../durable-objects/agent/presence';
import { globalDb } from '../../worker/db/client';
import { contacts } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { placeCall, settle } from '../fixtures/calls';
import { contactCenter, phone, ready, until, view } from '../fixtures/contact-center-live';
import { makeOrg, makeUser } from '../fixtures/orgs';
import { randomNumber } from '../fixtures/telnyx-events';

async function addContact(orgId: string, userId: string, name: string, number: string) {
  await globalDb(env)
    .insert(contacts)
    .values({ id: newId('ctc'), orgId, userId, name, number });
}

type Caller = NonNullable<NonNullable<AgentConsoleView['call']>['caller']>;

describe('customer names on the agent console (issue 17)', () => {
  it('the agent’s own contact names the customer on the offer and the call; nobody else’s does', async () => {
    const cc = await contactCenter({ agents: 1, afterCall: 'ready' });
    const [a] = cc.agents;
    if (!a) throw new Error('no agent');
    const known = randomNumber('+8210');
    const othersOnly = randomNumber('+8210');
    await addContact(cc.org.id, a.id, '김상담', known);
    const colleague = await makeUser(cc.org.id, { role: 'staff' });
    await addContact(cc.org.id, colleague.id, '동료의 지인', othersOnly);
    const elsewhere = await makeOrg();
    await addContact(elsewhere.id, (await makeUser(elsewhere.id, { role: 'staff' })).id, '남의 기관', othersOnly);
    await ready(cc.org.id, a);

    // The phone rings a second (within the queue's ring timeout at this time scale), so the offer is seen; the name comes once the agent's object read it.
    const seen = async (from: string, name: string | null) => {
      await phone(a, { answer: 'after', afterMs: 1_000, hangupAfterMs: 1_000 });
      const sessionId = await placeCall({ to: cc.e164, from, timeScale: 0.2 });
      const onOffer = await until('offer', async () => (await view(a))?.offer?.caller ?? null);
      const named = await until('offer named', async () => {
        const v = await view(a);
        return v?.offer?.caller?.name === name ? v.offer.caller : null;
      });
      const onCall = await until('call', async () => (await view(a))?.call?.caller ?? null);
      await settle(sessionId, true);
      await until('ready again', async () => (await view(a))?.state === 'ready');
      return { onOffer, named, onCall };
    };

    const national = (n: string) => `0${n.slice(3, 5)}-${n.slice(5, 9)}-${n.slice(9)}`;
    const first = await seen(known, '김상담');
    expect(first.onOffer.number).toBe(known);
    expect(first.named).toEqual<Caller>({ number: known, national: national(known), name: '김상담' });
    expect(first.onCall).toEqual<Caller>({ number: known, national: national(known), name: '김상담' });

    const second = await seen(othersOnly, null);
    expect(second.onCall).toEqual<Caller>({ number: othersOnly, national: national(othersOnly), name: null });
  }, 40_000);
});
