// Agent: one per person who takes calls (staff or agent). Holds what must be exact under
// concurrency for that person: today the abuse-shield counts of their numbers' callers (B3);
// presence, the current call and the open web app's sockets join it with the contact center.
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../worker/env';
import { countCall, shieldStateExpiresAt, type ShieldPolicy, type ShieldState, type ShieldVerdict } from '../worker/routing/shield';

const SHIELD_PREFIX = 'shield:';
/** Forget callers whose state no longer matters, every this many counts. */
const SWEEP_EVERY = 200;

type StoredShield = { state: ShieldState; expiresAt: number };

export class Agent extends DurableObject<Bindings> {
  private counted = 0;

  async ping(): Promise<'ok'> {
    return 'ok';
  }

  /**
   * Counts one call from `caller` to one of this person's numbers against the shield policy and
   * answers the verdict. Calls reach the object one at a time, so simultaneous calls count exactly.
   */
  async countCall(numberId: string, caller: string, policy: ShieldPolicy, at: number): Promise<ShieldVerdict> {
    const kv = this.ctx.storage.kv;
    const key = `${SHIELD_PREFIX}${numberId}:${caller}`;
    const stored = kv.get<StoredShield>(key);
    const { verdict, state } = countCall(stored?.state ?? null, policy, at);
    kv.put(key, { state, expiresAt: shieldStateExpiresAt(state, policy) } satisfies StoredShield);
    if (++this.counted % SWEEP_EVERY === 0) this.sweep(at);
    return verdict;
  }

  private sweep(now: number) {
    const kv = this.ctx.storage.kv;
    for (const [key, value] of kv.list<StoredShield>({ prefix: SHIELD_PREFIX })) if (value.expiresAt < now) kv.delete(key);
  }
}
