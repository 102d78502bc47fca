// SimCarrier: the carrier simulator's Durable Object (dev and tests only). Holds the CarrierModel
// in memory (a simulator run is disposable), serves its REST and scripting API, and delivers its
// signed webhooks in-process to the worker's own /telnyx/webhook.
import { DurableObject, exports } from 'cloudflare:workers';
import type { Bindings } from '../env';
import { CarrierModel } from './model';
import { commandSizedFetch, recordingSizedPut, twinStatement } from './probe';
import type { TwinStep } from './twin-step';
import { carrierApp } from './rest';

export type { LogEntry } from './delivery';
export { FaultsSchema, PartySchema, PlaceCallSchema, type Faults, type FaultsInput, type Party, type PartyInput } from './schemas';

export class SimCarrier extends DurableObject<Bindings> {
  // Built on the first request to the simulator: the bench's twin objects (below) are instances of
  // this class too, and must cost what a bare object costs.
  #sim: { model: CarrierModel; app: ReturnType<typeof carrierApp> } | undefined;

  #simulator() {
    if (this.#sim) return this.#sim;
    const model = new CarrierModel({
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
    this.#sim = { model, app: carrierApp(model, () => this.env.TELNYX_API_KEY) };
    return this.#sim;
  }

  override async fetch(request: Request): Promise<Response> {
    return this.#simulator().app.fetch(request);
  }

  /**
   * The bench's storage probe (/_sim/api/probe/object-write): one durable write of a document the
   * size of a call session's, the runtime's own cost of storing one event before it is acknowledged.
   */
  async probeWrite(bytes: number): Promise<'ok'> {
    this.ctx.storage.kv.put('probe', { doc: 'x'.repeat(bytes), at: Date.now() });
    return 'ok';
  }

  async ping(): Promise<'ok'> {
    return 'ok';
  }

  /** One step of a flow's twin (worker/simulator/probe.ts, TwinStep): its operations, one after another. */
  async twin(step: TwinStep): Promise<'ok'> {
    const storage = this.ctx.storage;
    for (let i = 0; i < step.puts; i++) storage.kv.put(TWIN_KEY, 'x'.repeat(step.putBytes));
    if (step.alarmAt !== null) for (let i = 0; i < step.alarmWrites; i++) void storage.setAlarm(step.alarmAt);
    for (const trip of step.d1) {
      const statements = [
        ...Array.from({ length: trip.writes }, () => twinStatement(this.env, true)),
        ...Array.from({ length: trip.reads }, () => twinStatement(this.env, false)),
      ];
      const [only, ...more] = statements;
      if (only && !more.length) await only.all();
      else if (only) await this.env.DB.batch(statements);
    }
    for (let i = 0; i < step.objectCalls; i++) await this.env.SIM_CARRIER.get(this.env.SIM_CARRIER.idFromName('probe')).ping();
    for (let i = 0; i < step.fetches; i++) await commandSizedFetch(this.env);
    for (let i = 0; i < step.copies; i++) {
      await commandSizedFetch(this.env);
      await recordingSizedPut(this.env);
    }
    return 'ok';
  }

  /** A twin's alarm: its call is over, its document deleted (as a CallSession retires). */
  override async alarm(): Promise<void> {
    this.ctx.storage.kv.delete(TWIN_KEY);
  }
}

const TWIN_KEY = 'twin';
