// "전화 걸기" on a callback row is not offered while the queue is ringing this agent for that very
// callback (the server would refuse it), nor while another call rings or is in hand (issue 16).
import { describe, expect, it } from 'vitest';
import type { AgentView } from '../../contract/cc-live';
import { callBackBlocked } from '../../web/src/features/contact-center/call-back-blocked';
import { ko } from '../../web/src/i18n/ko';

const ready: AgentView = {
  userId: 'usr_a',
  state: 'ready',
  since: 0,
  reason: 'manual',
  idleSince: 0,
  acwUntil: null,
  missedOffers: 0,
  queues: [],
  offer: null,
  call: null,
  lastCall: null,
  today: { answered: 0, outbound: 0, talkSeconds: 0, missedOffers: 0 },
};
const offer = (callbackId: string | null) => ({
  offerId: 'off_1',
  kind: callbackId ? ('callback' as const) : ('call' as const),
  queueId: 'que_1',
  callbackId,
  queueName: '민원',
  caller: null,
  waitingSince: null,
  offeredAt: 0,
  leaseUntil: 20_000,
});

describe('call back from the callback list', () => {
  it('may start when ready, or before presence is known', () => {
    expect(callBackBlocked(ready, 'cb_1')).toBeNull();
    expect(callBackBlocked(null, 'cb_1')).toBeNull();
  });

  it('says the phone is ringing for this very callback', () => {
    const key = callBackBlocked({ ...ready, state: 'ringing', offer: offer('cb_1') }, 'cb_1');
    expect(key).toBe('cc.callbacks.ringingYou');
    expect(ko[key!]).toContain('울리고');
  });

  it('is held back by another offer or a call in hand', () => {
    expect(callBackBlocked({ ...ready, state: 'ringing', offer: offer('cb_2') }, 'cb_1')).toBe('ccLive.error.ringing');
    expect(callBackBlocked({ ...ready, state: 'ringing', offer: offer(null) }, undefined)).toBe('ccLive.error.ringing');
    const call = {
      callSessionId: 's',
      kind: 'queue' as const,
      direction: 'inbound' as const,
      queueId: null,
      queueName: null,
      caller: null,
      startedAt: 0,
      held: false,
    };
    expect(callBackBlocked({ ...ready, state: 'on_call', call }, 'cb_1')).toBe('ccLive.dial.busy');
  });
});
