// The hourly graph data of C8 in SQL (worker/db/stats.ts hourlyBuckets) over a real D1, by hand:
// calls either side of midnight in Asia/Seoul, waits per hour, one queue, another org, and a New
// York day whose 02:00 never happens.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { orgs } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { hourlyBuckets } from '../../worker/db/stats';
import { makeCall, makeQueue } from '../fixtures/contact-center';
import { makeOrg, makeUser } from '../fixtures/orgs';

const kst = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}+09:00`);
let orgId = '';
let q1 = '';
let q2 = '';

beforeAll(async () => {
  const org = await makeOrg();
  orgId = org.id;
  const agent = await makeUser(orgId, { role: 'agent' });
  q1 = await makeQueue(orgId);
  q2 = await makeQueue(orgId);
  const a = agent.id;
  // Waits in seconds.
  await makeCall(orgId, { at: kst('2025-03-04 23:59:59.999'), queueId: q1, agentUserId: a, wait: 8, talk: 60 }); // yesterday's last hour
  await makeCall(orgId, { at: kst('2025-03-05 00:00:00.000'), queueId: q1, wait: 30, outcome: 'abandoned' }); // today's first
  await makeCall(orgId, { at: kst('2025-03-05 00:59:59.999'), queueId: q2, agentUserId: a, wait: 10, talk: 30 });
  await makeCall(orgId, { at: kst('2025-03-05 09:00:00.000'), queueId: q1, agentUserId: a, wait: 5, talk: 100 });
  await makeCall(orgId, { at: kst('2025-03-05 09:30:00.000'), queueId: q1, agentUserId: a, wait: 25, talk: 100 });
  await makeCall(orgId, { at: kst('2025-03-05 09:45:00.000'), queueId: q1, wait: 60, outcome: 'callback' });
  await makeCall(orgId, { at: kst('2025-03-05 09:50:00.000'), queueId: q2, wait: null, outcome: 'failed' }); // no wait recorded
  await makeCall(orgId, { at: kst('2025-03-05 23:59:59.999'), queueId: q1, wait: 3, outcome: 'abandoned' });
  await makeCall(orgId, { at: kst('2025-03-06 00:00:00.000'), queueId: q1, wait: 3, outcome: 'abandoned' }); // tomorrow
  // Not inbound queue calls: never counted.
  await makeCall(orgId, { at: kst('2025-03-05 09:10:00.000'), kind: 'safe_number', talk: 10 });
  await makeCall(orgId, { at: kst('2025-03-05 09:20:00.000'), kind: 'agent_outbound', agentUserId: a, talk: 10 });
  // Another organisation, same hours.
  const other = await makeOrg();
  await makeCall(other.id, { at: kst('2025-03-05 09:00:00.000'), queueId: await makeQueue(other.id), wait: 1, talk: 1 });
});

const buckets = (date: string, queueId?: string) => hourlyBuckets(dbFor(env, orgId), { date, timezone: 'Asia/Seoul', queueId });

describe('hourly buckets (C8) in the org zone', () => {
  it('today: midnight belongs to hour 0, 00:59:59.999 too, 23:59:59.999 to hour 23, tomorrow’s midnight to nothing', async () => {
    const today = await buckets('2025-03-05');
    expect(today).toHaveLength(24);
    expect(today.map((b) => b.hour)).toEqual(Array.from({ length: 24 }, (_, h) => h));
    expect(today[0]).toEqual({
      hour: 0,
      from: kst('2025-03-05 00:00:00.000'),
      inbound: 2,
      answered: 1,
      abandoned: 1,
      averageWaitSeconds: 20,
      maxWaitSeconds: 30,
    });
    // Hour 9: four arrivals, two answered; waits 5, 25, 60 (the failed call has none): average 30, max 60.
    expect(today[9]).toEqual({
      hour: 9,
      from: kst('2025-03-05 09:00:00.000'),
      inbound: 4,
      answered: 2,
      abandoned: 0,
      averageWaitSeconds: 30,
      maxWaitSeconds: 60,
    });
    expect(today[23]).toMatchObject({ inbound: 1, answered: 0, abandoned: 1, averageWaitSeconds: 3, maxWaitSeconds: 3 });
    const quiet = today.filter((b) => ![0, 9, 23].includes(b.hour));
    expect(quiet.every((b) => b.inbound === 0 && b.answered === 0 && b.averageWaitSeconds === null && b.maxWaitSeconds === null)).toBe(true);
    expect(today.reduce((s, b) => s + b.inbound, 0)).toBe(7);
  });

  it('yesterday: only the call at 23:59:59.999, in hour 23', async () => {
    const y = await buckets('2025-03-04');
    expect(y.filter((b) => b.inbound > 0)).toEqual([
      { hour: 23, from: kst('2025-03-04 23:00:00.000'), inbound: 1, answered: 1, abandoned: 0, averageWaitSeconds: 8, maxWaitSeconds: 8 },
    ]);
  });

  it('one queue only', async () => {
    const q = await buckets('2025-03-05', q2);
    expect(q.filter((b) => b.inbound > 0).map((b) => [b.hour, b.inbound, b.answered, b.maxWaitSeconds])).toEqual([
      [0, 1, 1, 10],
      [9, 1, 0, null],
    ]);
  });

  it('an org in New York on the day 02:00 is skipped: a call at 03:30 EDT is hour 3, hour 2 stays empty', async () => {
    const org = await makeOrg();
    await globalDb(env).update(orgs).set({ timezone: 'America/New_York' }).where(eq(orgs.id, org.id));
    const q = await makeQueue(org.id);
    await makeCall(org.id, { at: Date.parse('2025-03-09T01:59:59.999-05:00'), queueId: q, wait: 4, outcome: 'abandoned' });
    await makeCall(org.id, { at: Date.parse('2025-03-09T03:30:00.000-04:00'), queueId: q, wait: 6, outcome: 'abandoned' });
    const b = await hourlyBuckets(dbFor(env, org.id), { date: '2025-03-09', timezone: 'America/New_York' });
    expect(b.filter((x) => x.inbound > 0).map((x) => [x.hour, x.maxWaitSeconds])).toEqual([
      [1, 4],
      [3, 6],
    ]);
    expect(b[2]).toMatchObject({ inbound: 0, from: Date.parse('2025-03-09T03:00:00.000-04:00') });
  });
});
