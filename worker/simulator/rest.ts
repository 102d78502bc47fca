// The simulated carrier's HTTP face: the Telnyx REST subset (Bearer auth, 422s like Telnyx), the
// scripting API tests and the demo page use, and the recordings. A Hono app over a CarrierModel, so
// it serves from the SimCarrier Durable Object in the worker and from Node in the bench alike.
import { Hono } from 'hono';
import * as v from 'valibot';
import { mp3Of, telnyxError, type CarrierModel, type RestResult } from './model';
import { MessageFaultsSchema } from './messages';
import { FaultsSchema, PartySchema, PlaceCallSchema } from './schemas';

/** Header on a simulator answer that the transport must drop, as if the request had timed out. */
export const LOST_ANSWER = 'x-sim-answer-lost';

type Json = Record<string, unknown> | null;
const readJson = async (req: Request): Promise<Json> => (await req.json().catch(() => null)) as Json;

export function carrierApp(model: CarrierModel, apiKey: () => string | undefined) {
  // A lost answer is marked for the transport to drop (loopback.ts, the bench's Node carrier): the client sees no answer.
  const reply = (r: RestResult) => Response.json(r.body, { status: r.status, ...(r.lost ? { headers: { [LOST_ANSWER]: '1' } } : {}) });
  return (
    new Hono()
      .use('/v2/*', async (c, next) => {
        const key = apiKey();
        if (!key || c.req.header('authorization') !== `Bearer ${key}`) return reply(telnyxError(401, '10009', 'Authentication failed'));
        await next();
      })
      .post('/v2/calls', async (c) => reply(model.dialWithFaults(await readJson(c.req.raw))))
      .post('/v2/calls/:id/actions/:action', async (c) =>
        reply(model.action(decodeURIComponent(c.req.param('id')), c.req.param('action'), await readJson(c.req.raw))),
      )
      .post('/v2/messages', async (c) => reply(model.message(await readJson(c.req.raw), c.req.header('idempotency-key') ?? null)))
      // The built-in hold tone (queues without hold audio of their own): a short mp3 played in a loop.
      .get('/audio/hold.mp3', (c) => {
        const bytes = mp3Of(2_000);
        return c.body(bytes, 200, { 'content-type': 'audio/mpeg', 'content-length': String(bytes.byteLength), 'cache-control': 'public, max-age=86400' });
      })
      .get('/recordings/:file', async (c) => {
        // Frames of silent audio as long as what was recorded: enough to be "an mp3" to copy and measure.
        const file = await model.recordingFile(c.req.param('file'));
        if (!file.bytes) return c.json({ errors: [{ code: '404', title: 'Not found' }] }, 404);
        return c.body(file.bytes, 200, { 'content-type': 'audio/mpeg', 'content-length': String(file.bytes.byteLength) });
      })
      // A push service for the tests' subscriptions (Web Push, S14).
      .post('/push/*', async (c) => {
        const bytes = (await c.req.arrayBuffer()).byteLength;
        const status = model.receivePush(new URL(c.req.url).pathname.replace(/^\/push/, ''), c.req.raw.headers, bytes);
        return c.body(null, status as 201 | 410);
      })
      .get('/api/pushes', (c) => c.json({ pushes: model.pushes }))
      // Messages the carrier accepted (each once), and messaging faults.
      .get('/api/messages', (c) => c.json({ messages: model.messages.accepted }))
      .post('/api/message-faults', async (c) => {
        const p = v.safeParse(MessageFaultsSchema, await readJson(c.req.raw));
        if (!p.success) return c.json({ error: { code: 'invalid', message: 'Invalid faults.' } }, 400);
        model.messages.faults = p.output;
        return c.json({ faults: p.output });
      })
      // ── scripting API ──────────────────────────────────────────────────────
      .post('/api/parties', async (c) => {
        const p = v.safeParse(PartySchema, await readJson(c.req.raw));
        if (!p.success) return c.json({ error: { code: 'invalid', message: 'Invalid party.' } }, 400);
        model.setParty(p.output);
        return c.json({ party: p.output });
      })
      .get('/api/parties', (c) => c.json({ parties: model.listParties() }))
      // Faults for sessions the carrier starts itself (outbound dials); `null` clears them.
      .post('/api/faults', async (c) => {
        const body = await readJson(c.req.raw);
        if (body === null) {
          model.setDefaultFaults(null);
          return c.json({ faults: null });
        }
        const p = v.safeParse(FaultsSchema, body);
        if (!p.success) return c.json({ error: { code: 'invalid', message: 'Invalid faults.' } }, 400);
        model.setDefaultFaults(p.output);
        return c.json({ faults: p.output });
      })
      .post('/api/calls', async (c) => {
        const p = v.safeParse(PlaceCallSchema, await readJson(c.req.raw));
        if (!p.success) return c.json({ error: { code: 'invalid', message: 'Invalid call.' } }, 400);
        return c.json(model.placeCall(p.output));
      })
      .post('/api/legs/:id/:act', async (c) => {
        const body = (await readJson(c.req.raw)) ?? {};
        const result = model.legAction(decodeURIComponent(c.req.param('id')), c.req.param('act'), typeof body.digits === 'string' ? body.digits : '');
        if (result === 'not_found') return c.json({ error: { code: 'not_found', message: 'No such leg.' } }, 404);
        if (result === 'invalid') return c.json({ error: { code: 'invalid', message: 'Not possible in this state.' } }, 409);
        return c.json({ ok: true });
      })
      .get('/api/sessions/:id', (c) => {
        const s = model.sessions.get(c.req.param('id'));
        if (!s) return c.json({ error: { code: 'not_found', message: 'No such session.' } }, 404);
        return c.json(model.view(s));
      })
      .get('/api/sessions', (c) => c.json({ sessions: model.recentCalls() }))
      .get('/api/stats', (c) => c.json({ ...model.outbox.stats(), sessions: model.sessions.size }))
      .post('/api/stats/reset', (c) => {
        model.outbox.resetStats();
        return c.json({ ok: true });
      })
  );
}
