// What the CallSession host does for a flow's effects (the I/O the pure flows ask for), by kind.
// A new kind is one entry here and one member of the Effect union (worker/calls/vocabulary.ts).
import type { RouteResult } from '../worker/calls/flow';
import type { Effect, EffectKind } from '../worker/calls/vocabulary';
import { insertCallRecordOnce } from '../worker/db/calls';
import { snapshotForCall } from '../worker/db/routing-snapshots';
import { dbFor } from '../worker/db/scope';
import type { Bindings } from '../worker/env';
import type { ShieldVerdict } from '../worker/routing/shield';
import { CC_EFFECTS } from './cc-effects';
import { MEDIA_EFFECTS } from './media-effects';
import { OUTBOUND_EFFECTS } from './outbound-effects';
import { OBJECT_PLACEMENT } from '../worker/placement';

/**
 * Test seam (the fault suite): call record writes that fail as a D1 error would, by call session id
 * and count. Only tests fill it; in production it stays empty and costs one map lookup per record.
 */
export const injectedWriteFailures = new Map<string, number>();

function failIfInjected(callSessionId: string) {
  const left = injectedWriteFailures.get(callSessionId);
  if (!left) return;
  if (left <= 1) injectedWriteFailures.delete(callSessionId);
  else injectedWriteFailures.set(callSessionId, left - 1);
  throw new Error('D1_ERROR: injected failure (fault suite)');
}

type Runners = { [K in EffectKind]: (env: Bindings, effect: Extract<Effect, { kind: K }>) => Promise<unknown> };

export const EFFECTS: Runners = {
  route: async (env, e): Promise<RouteResult> => ({ routing: await snapshotForCall(env, e.dialled, e.caller, e.at) }),
  shield: async (env, e): Promise<ShieldVerdict> =>
    env.AGENT.get(env.AGENT.idFromName(e.userId), OBJECT_PLACEMENT).countCall(e.numberId, e.caller, e.policy, e.at),
  write_call: async (env, e) => {
    failIfInjected(e.record.callSessionId);
    await insertCallRecordOnce(dbFor(env, e.orgId), e.record);
    return true;
  },
  ...MEDIA_EFFECTS,
  ...CC_EFFECTS,
  ...OUTBOUND_EFFECTS,
};

export function runEffect(env: Bindings, effect: Effect): Promise<unknown> {
  const run = EFFECTS[effect.kind] as (env: Bindings, e: Effect) => Promise<unknown>;
  return run(env, effect);
}
