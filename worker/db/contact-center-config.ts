// What the Queue and Agent Durable Objects load from D1 to configure their reducers: a queue's
// settings and members, and an agent's after-login / after-call policy with each queue's overrides.
import { and, eq } from 'drizzle-orm';
import type { AgentConfig, QueuePresencePolicy } from '../contact-center/agent';
import { DEFAULT_QUEUE_CONFIG, type MemberInput, type QueueConfig } from '../contact-center/queue-types';
import { orgs, queueMembers, queues } from './schema';
import type { OrgDb } from './scope';

async function orgSettings(scope: OrgDb) {
  const org = await scope.db.select().from(orgs).where(eq(orgs.id, scope.orgId)).get();
  if (!org) throw new Error('organisation not found');
  return org;
}

/** The queue reducer's `configure` input, or null when the queue is not this organisation's. */
export async function loadQueueConfig(scope: OrgDb, queueId: string): Promise<{ config: QueueConfig; members: MemberInput[] } | null> {
  const q = await scope.db
    .select()
    .from(queues)
    .where(scope.where(queues, eq(queues.id, queueId)))
    .get();
  if (!q) return null;
  const org = await orgSettings(scope);
  const members = await scope.db
    .select({ userId: queueMembers.userId, level: queueMembers.level })
    .from(queueMembers)
    .where(scope.where(queueMembers, eq(queueMembers.queueId, queueId)))
    .all();
  return {
    config: {
      ...DEFAULT_QUEUE_CONFIG,
      queueId,
      strategy: q.strategy,
      ringTimeoutSeconds: q.ringTimeoutSeconds,
      maxWaitSeconds: q.maxWaitSeconds,
      tierWidenSeconds: q.tierWidenSeconds,
      overflow: q.overflow,
      serviceLevelSeconds: q.serviceLevelSeconds ?? org.serviceLevelSeconds,
      serviceLevelTarget: (q.serviceLevelTargetPercent ?? org.serviceLevelTargetPercent) / 100,
      announceIntervalSeconds: q.announceIntervalSeconds,
      timezone: org.timezone,
    },
    members: members.map((m) => ({ userId: m.userId, level: m.level })),
  };
}

/** The agent reducer's config: the org policy, and the overrides of every queue the agent belongs to. */
export async function loadAgentConfig(scope: OrgDb, userId: string): Promise<AgentConfig> {
  const org = await orgSettings(scope);
  const rows = await scope.db
    .select({ queueId: queues.id, afterCall: queues.agentStateAfterCall, acwLimitSeconds: queues.acwLimitSeconds })
    .from(queueMembers)
    .innerJoin(queues, and(eq(queues.id, queueMembers.queueId), eq(queues.orgId, scope.orgId)))
    .where(scope.where(queueMembers, eq(queueMembers.userId, userId)))
    .all();
  const overrides: Record<string, QueuePresencePolicy> = {};
  for (const r of rows)
    if (r.afterCall !== null || r.acwLimitSeconds !== null) overrides[r.queueId] = { afterCall: r.afterCall, acwLimitSeconds: r.acwLimitSeconds };
  return {
    org: { afterLogin: org.agentStateAfterLogin, afterCall: org.agentStateAfterCall, acwLimitSeconds: org.acwLimitSeconds },
    queues: overrides,
  };
}
