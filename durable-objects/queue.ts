// Queue: one per contact-center queue; waiting callers, ready agents, offers, live counters.
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../worker/env';

export class Queue extends DurableObject<Bindings> {
  async ping(): Promise<'ok'> {
    return 'ok';
  }
}
