// Loading the reducers' configuration from D1: queue settings with the org's fallbacks, members with
// levels, the agent's policy with queue overrides; another organisation's queue is not found.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { initialAgentState, reduceAgent } from '../../worker/contact-center/agent';
import { initialQueueState, reduceQueue } from '../../worker/contact-center/queue';
import { loadAgentConfig, loadQueueConfig } from '../../worker/db/contact-center-config';
import { orgs, queueMembers, queues } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { globalDb } from '../../worker/db/client';
import { eq } from 'drizzle-orm';
import { newId } from '../../worker/ids';
import { makeOrg, makeUser } from '../fixtures/orgs';

describe('contact-center configuration from D1', () => {
  it('a queue: its own settings, the org time zone and thresholds where it has none, members with levels', async () => {
    const org = await makeOrg();
    await globalDb(env)
      .update(orgs)
      .set({ timezone: 'Asia/Seoul', serviceLevelSeconds: 15, serviceLevelTargetPercent: 90, acwLimitSeconds: 45 })
      .where(eq(orgs.id, org.id));
    const scope = dbFor(env, org.id);
    const a = await makeUser(org.id, { role: 'agent' });
    const b = await makeUser(org.id, { role: 'agent' });
    const q1 = newId('que');
    const q2 = newId('que');
    await scope.db.insert(queues).values([
      { id: q1, orgId: org.id, name: '민원', strategy: 'round_robin', ringTimeoutSeconds: 15, agentStateAfterCall: 'ready' },
      { id: q2, orgId: org.id, name: '긴급', serviceLevelSeconds: 10, acwLimitSeconds: 30 },
    ]);
    await scope.db.insert(queueMembers).values([
      { orgId: org.id, queueId: q1, userId: a.id, level: 1 },
      { orgId: org.id, queueId: q1, userId: b.id, level: 2 },
      { orgId: org.id, queueId: q2, userId: a.id, level: 1 },
    ]);

    const loaded = await loadQueueConfig(scope, q1);
    expect(loaded!.config).toMatchObject({
      queueId: q1,
      strategy: 'round_robin',
      ringTimeoutSeconds: 15,
      maxWaitSeconds: 300,
      tierWidenSeconds: 30,
      overflow: 'callback',
      serviceLevelSeconds: 15,
      serviceLevelTarget: 0.9,
      announceIntervalSeconds: 60,
      timezone: 'Asia/Seoul',
    });
    expect(loaded!.members.sort((x, y) => x.level - y.level)).toEqual([
      { userId: a.id, level: 1 },
      { userId: b.id, level: 2 },
    ]);
    expect((await loadQueueConfig(scope, q2))!.config.serviceLevelSeconds).toBe(10);
    // The reducers accept what was loaded.
    const step = reduceQueue(initialQueueState(loaded!.config, 0), { kind: 'configure', ...loaded! }, 0);
    expect(step.error).toBeUndefined();

    const agent = await loadAgentConfig(scope, a.id);
    expect(agent).toEqual({
      org: { afterLogin: 'break', afterCall: 'acw', acwLimitSeconds: 45 },
      queues: { [q1]: { afterCall: 'ready', acwLimitSeconds: null }, [q2]: { afterCall: null, acwLimitSeconds: 30 } },
    });
    expect(reduceAgent(initialAgentState(a.id), { kind: 'configure', config: agent }, 0).error).toBeUndefined();

    const other = await makeOrg();
    expect(await loadQueueConfig(dbFor(env, other.id), q1)).toBeNull();
    expect((await loadAgentConfig(dbFor(env, other.id), a.id)).queues).toEqual({});
  });
});
