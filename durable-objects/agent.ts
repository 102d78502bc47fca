// Agent: one per person who takes calls; live presence, current call, open web app sockets.
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../worker/env';

export class Agent extends DurableObject<Bindings> {
  async ping(): Promise<'ok'> {
    return 'ok';
  }
}
