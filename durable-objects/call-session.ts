// CallSession: one per call session; serialises the events of one call and runs its flow reducer.
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../worker/env';

export class CallSession extends DurableObject<Bindings> {
  async ping(): Promise<'ok'> {
    return 'ok';
  }
}
