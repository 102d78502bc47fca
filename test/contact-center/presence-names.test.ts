// The console's customer name in the Agent object's pure presence step (issue 17): unknown until
// looked up, set for the offer's customer only, carried from the offer to the call without a second
// lookup, and a name for someone else changes nothing.
import { describe, expect, it } from 'vitest';
import { consoleView, reducePresence, unnamedCustomer, type PresenceDoc, type PresenceInput } from '../../durable-objects/agent/presence';
import { DEFAULT_PRESENCE_POLICY, initialAgentState } from '../../worker/contact-center/agent';

const CUSTOMER = '+821012345678';

function step(doc: PresenceDoc, input: PresenceInput, now: number): PresenceDoc {
  const r = reducePresence(doc, input, now);
  expect(r.error).toBeUndefined();
  return r.doc;
}

/** An agent logged in and ready, offered a queue call from CUSTOMER. */
function offered(): PresenceDoc {
  const empty = reducePresence(
    {
      orgId: null,
      agent: initialAgentState(''),
      profile: null,
      loadedAt: 0,
      offer: null,
      call: null,
      talk: {},
      today: { date: '', answered: 0, outbound: 0, talkMs: 0, missedOffers: 0 },
    },
    {
      kind: 'setup',
      orgId: 'org_a',
      profile: { userId: 'usr_a', name: '상담사', mobile: '+821099990000', timezone: 'Asia/Seoul', queues: [{ queueId: 'q_main', name: '민원상담' }] },
      config: { org: { ...DEFAULT_PRESENCE_POLICY, afterLogin: 'ready' }, queues: {} },
      at: 1_000,
    },
    1_000,
  ).doc;
  const ready = step(empty, { kind: 'login' }, 2_000);
  expect(ready.agent.state).toBe('ready');
  return step(
    ready,
    {
      kind: 'offer',
      offerId: 'off_1',
      offerSeq: 1,
      queueId: 'q_main',
      callSessionId: 'cs_1',
      callbackId: null,
      leaseUntil: 30_000,
      context: { offerId: 'off_1', kind: 'call', queueName: '민원상담', customer: CUSTOMER, waitingSince: 2_500 },
    } as PresenceInput,
    3_000,
  );
}

describe('the customer name on the console (issue 17)', () => {
  it('is looked up once for the offer and carried to the call', () => {
    const ringing = offered();
    expect(unnamedCustomer(ringing)).toBe(CUSTOMER);
    expect(consoleView(ringing, 3_000).offer?.caller).toEqual({ number: CUSTOMER, national: '010-1234-5678', name: null });

    const named = step(ringing, { kind: 'customer_named', customer: CUSTOMER, name: '김민원' }, 3_100);
    expect(unnamedCustomer(named)).toBeNull();
    expect(consoleView(named, 3_100).offer?.caller?.name).toBe('김민원');

    const answered = step(named, { kind: 'offer_answered', offerId: 'off_1', callSessionId: 'cs_1' }, 4_000);
    expect(answered.agent.state).toBe('on_call');
    expect(consoleView(answered, 4_000).call?.caller).toEqual({ number: CUSTOMER, national: '010-1234-5678', name: '김민원' });
    expect(unnamedCustomer(answered)).toBeNull();
  });

  it('a name for another number changes nothing; "no contact" is remembered as null', () => {
    const ringing = offered();
    expect(reducePresence(ringing, { kind: 'customer_named', customer: '+821000000000', name: '남' }, 3_100).doc).toBe(ringing);
    const none = step(ringing, { kind: 'customer_named', customer: CUSTOMER, name: null }, 3_100);
    expect(unnamedCustomer(none)).toBeNull();
    expect(consoleView(none, 3_100).offer?.caller?.name).toBeNull();
  });
});
