// What the CallSession host does for the contact center's effects (issue 11): ask the call's Queue
// (info, join, leave, callback, answered, late, re-add), tell an Agent object about its call, and mark a
// callback done. Kept apart from call-effects.ts like the media effects.
import type { CcEffect } from '../worker/calls/queue/effects';
import { completeCallback, pendingCallback } from '../worker/db/cc-live';
import { dbFor } from '../worker/db/scope';
import type { Bindings } from '../worker/env';
import { agentObject, queueObject } from './stubs';

type Runners = { [K in CcEffect['kind']]: (env: Bindings, effect: Extract<CcEffect, { kind: K }>) => Promise<unknown> };

const queueOf = (env: Bindings, queueId: string) => queueObject(env, queueId);

export const CC_EFFECTS: Runners = {
  queue: async (env, e) => {
    const q = queueOf(env, e.queueId);
    switch (e.op) {
      case 'info':
        return q.info(e.orgId, e.queueId);
      case 'join':
        return q.join(e.orgId, e.queueId, e.callSessionId, e.caller, e.priority);
      case 'leave':
        await q.leave(e.orgId, e.queueId, e.callSessionId);
        return true;
      case 'callback':
        return q.requestCallback(e.orgId, e.queueId, e.callSessionId, e.number, e.joinedAt);
      case 'answered':
        await q.answered(e.orgId, e.queueId, e.offerId);
        return true;
      case 'late':
        await q.declined(e.orgId, e.queueId, e.offerId, 'expired');
        return true;
      case 'readd': {
        const cb = await pendingCallback(dbFor(env, e.orgId), e.callbackId);
        if (cb) await q.callbackAdded(e.orgId, e.queueId, e.callbackId, e.queuedAt, cb.number);
        return true;
      }
    }
  },
  agent: async (env, e) => {
    const input = e.context ? { ...e.input, context: e.context } : e.input;
    return agentObject(env, e.userId).presenceApply(e.orgId, e.userId, input as never);
  },
  callback_done: async (env, e) => {
    const scope = dbFor(env, e.orgId);
    const cb = await pendingCallback(scope, e.callbackId);
    await completeCallback(scope, e.callbackId, e.userId, e.callSessionId, Date.now());
    if (cb) await queueOf(env, cb.queueId).callbackRemoved(e.orgId, cb.queueId, e.callbackId);
    return true;
  },
};
