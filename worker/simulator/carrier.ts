// SimCarrier: the carrier simulator's Durable Object (dev and tests only). Holds the CarrierModel
// in memory (a simulator run is disposable), serves its REST and scripting API, and delivers its
// signed webhooks in-process to the worker's own /telnyx/webhook.
import { DurableObject, exports } from 'cloudflare:workers';
import type { Bindings } from '../env';
import { CarrierModel } from './model';
import { carrierApp } from './rest';

export type { LogEntry } from './delivery';
export { FaultsSchema, PartySchema, PlaceCallSchema, type Faults, type FaultsInput, type Party, type PartyInput } from './schemas';

export class SimCarrier extends DurableObject<Bindings> {
  private readonly model = new CarrierModel({
    post: async (body, headers) => {
      const res = await exports.default.fetch(new Request('http://simulator.internal/telnyx/webhook', { method: 'POST', headers, body }));
      await res.arrayBuffer();
      return res.status;
    },
    privateKey: () => this.env.SIMULATOR_PRIVATE_KEY ?? '',
    waitUntil: (p) => this.ctx.waitUntil(p),
    recordingBase: () => this.env.TELNYX_API_BASE,
    connectionId: () => this.env.TELNYX_CONNECTION_ID,
    messagingProfileId: () => this.env.TELNYX_MESSAGING_PROFILE_ID,
  });
  private readonly app = carrierApp(this.model, () => this.env.TELNYX_API_KEY);

  override async fetch(request: Request): Promise<Response> {
    return this.app.fetch(request);
  }

  /**
   * The bench's storage probe (/_sim/api/probe/object-write): one durable write of a document the
   * size of a call session's, the runtime's own cost of storing one event before it is acknowledged.
   */
  async probeWrite(bytes: number): Promise<'ok'> {
    this.ctx.storage.kv.put('probe', { doc: 'x'.repeat(bytes), at: Date.now() });
    return 'ok';
  }
}
