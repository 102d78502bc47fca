// The simulator page and its scripting API take numbers as people type them (issue 9 §4): a call
// dialled to a safe number in national format reaches it; the page defaults to the demo number,
// lists numbers in national format and shows what each announcement said.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { settle, sim } from '../fixtures/calls';
import { staffWithNumber, spoken } from '../fixtures/staff';

describe('the simulator with Korean numbers', () => {
  it('dials a safe number typed nationally from a caller typed without hyphens, and the call is routed', async () => {
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const s = await staffWithNumber({ e164: `+8250${digits}`, paused: true });
    const placed = await sim<{ callSessionId: string }>('/api/calls', {
      from: '01055550101',
      to: `050-${digits.slice(0, 4)}-${digits.slice(4)}`,
      timeScale: 0.01,
    });
    const run = { sessionId: placed.callSessionId, ...(await settle(placed.callSessionId, true)) };
    expect(run.record).toMatchObject({ outcome: 'paused', fromNumber: '+821055550101', toNumber: s.e164 });
    expect(spoken(run)).toEqual(['지금은 이 번호로 연결할 수 없습니다.']);
    const { sessions } = await sim<{
      sessions: { id: string; legs: { fromNational: string; toNational: string }[]; log: { name: string; text?: string }[] }[];
    }>('/api/sessions');
    const mine = sessions.find((x) => x.id === placed.callSessionId);
    expect(mine?.legs[0]).toMatchObject({ fromNational: '010-5555-0101', toNational: `050-${digits.slice(0, 4)}-${digits.slice(4)}` });
    expect(mine?.log.find((e) => e.name === 'speak')?.text).toBe('지금은 이 번호로 연결할 수 없습니다.');
  });

  it('takes a callee typed nationally', async () => {
    const res = await sim<{ party: { number: string } }>('/api/parties', { number: '010-2345-6789', answer: 'never' });
    expect(res.party.number).toBe('+821023456789');
  });

  it('serves a page that defaults to the demo safe number, in the org’s zone, and builds no HTML from data', async () => {
    const res = await exports.default.fetch(new Request('http://app.test/_sim/'));
    const html = await res.text();
    expect(html).toContain('value="050-1234-0001"');
    expect(html).toContain('value="Asia/Seoul"');
    expect(html).not.toContain('innerHTML');
  });
});
