// The presence policy (C2, C7): the org's default, a queue's overrides of the after-call state and
// the ACW limit, and the checks a configuration must pass before the reducer takes it. Pure.
import type { AfterCallState } from '../../../contract/vocabularies';
import type { AgentConfig, PresencePolicy } from './types';

export const DEFAULT_PRESENCE_POLICY: PresencePolicy = { afterLogin: 'break', afterCall: 'acw', acwLimitSeconds: null };

/** The after-call state and ACW limit for a call of `queueId`: the queue's override, else the org's. */
export function afterCallPolicy(config: AgentConfig, queueId: string | null): { state: AfterCallState; acwLimitSeconds: number | null } {
  const q = queueId !== null ? config.queues[queueId] : undefined;
  return {
    state: q?.afterCall ?? config.org.afterCall,
    acwLimitSeconds: q?.acwLimitSeconds !== undefined && q.acwLimitSeconds !== null ? q.acwLimitSeconds : config.org.acwLimitSeconds,
  };
}

function validPolicy(p: PresencePolicy): boolean {
  return (
    (p.afterLogin === 'ready' || p.afterLogin === 'break') &&
    (p.afterCall === 'ready' || p.afterCall === 'break' || p.afterCall === 'acw') &&
    (p.acwLimitSeconds === null || (Number.isInteger(p.acwLimitSeconds) && p.acwLimitSeconds > 0))
  );
}

export function validConfig(c: AgentConfig): boolean {
  if (!validPolicy(c.org)) return false;
  return Object.values(c.queues).every(
    (q) =>
      (q.afterCall === undefined || q.afterCall === null || ['ready', 'break', 'acw'].includes(q.afterCall)) &&
      (q.acwLimitSeconds === undefined || q.acwLimitSeconds === null || (Number.isInteger(q.acwLimitSeconds) && q.acwLimitSeconds > 0)),
  );
}
