// The simulator page plays agents too (issue 11): it learns whose phone each number is (agents and
// supervisors with a phone, across the organisations the carrier serves) and the service numbers to
// call, and keeps how each agent's phone answers, which a person picks on the page.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { formatNational } from '../../worker/phone';
import { sim } from '../fixtures/calls';
import { contactCenter } from '../fixtures/contact-center-live';

type Directory = {
  agents: { userId: string; org: string; name: string; role: string; mobile: string; national: string }[];
  serviceNumbers: { e164: string; org: string; queue: string | null; national: string }[];
};

describe('the simulator page as the agents’ phones', () => {
  it('lists the contact center’s agents and supervisors by phone, and its service numbers with their queue', async () => {
    const cc = await contactCenter({ agents: 2, supervisor: true });
    const dir = await sim<Directory>('/api/contact-center');
    const mine = dir.agents.filter((a) => a.org === cc.org.name);
    expect(mine.map((a) => a.userId).sort()).toEqual([...cc.agents.map((a) => a.id), cc.supervisor!.id].sort());
    const first = mine.find((a) => a.userId === cc.agents[0]!.id);
    expect(first).toMatchObject({ role: 'agent', mobile: cc.agents[0]!.mobile, national: formatNational(cc.agents[0]!.mobile) });
    expect(mine.find((a) => a.userId === cc.supervisor!.id)?.role).toBe('supervisor');
    expect(dir.serviceNumbers).toContainEqual({ e164: cc.e164, org: cc.org.name, queue: '민원상담', national: formatNational(cc.e164) });
  });

  it('keeps the answer mode chosen for an agent’s phone (typed nationally) and reads it back', async () => {
    const cc = await contactCenter({ agents: 1 });
    const agent = cc.agents[0]!;
    await sim('/api/parties', { number: formatNational(agent.mobile), answer: 'after', afterMs: 1500 });
    const { parties } = await sim<{ parties: { number: string; answer: string; afterMs: number }[] }>('/api/parties');
    expect(parties).toContainEqual({ number: agent.mobile, answer: 'after', afterMs: 1500 });
  });

  it('serves a page with the agents’ phones and the service numbers, built from DOM nodes only', async () => {
    const html = await (await exports.default.fetch(new Request('http://app.test/_sim/'))).text();
    expect(html).toContain('id="agents"');
    expect(html).toContain('id="services"');
    expect(html).toContain("api('/contact-center')");
    expect(html).not.toContain('innerHTML');
  });
});
