// The live contact center's API (issue 11; contract: docs/contact-center-live.md): an agent's own
// presence, wrap-up and call controls (/api/cc/me), outbound calls (/api/cc/outbound), the queues'
// live views and supervision (/api/cc/live), and the queue dashboards' socket. Routes check and
// hand over: presence lives in the Agent objects, the line in the Queue objects, calls in their
// CallSessions (signals).
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { AgentConsoleView } from '../../../durable-objects/agent/presence';
import type { OutboundParams } from '../../calls/outbound/agent';
import { requireRole, requireUser } from '../../auth/session';
import { SOCKET_SESSION_HEADER, SOCKET_USER_HEADER } from '../../auth/socket-revocation';
import { CC_MANAGERS, CC_ROLES, categoryUsable, ccUser, ccUsers, outboundContext, pendingCallback, visibleQueues } from '../../db/cc-live';
import type { AppEnv } from '../../env';
import { ApiError, invalidField, notFound } from '../../errors';
import { IdSchema } from '../../fields';
import { audit } from '../../http/audit';
import { requireSameOriginSocket } from '../../http/socket-origin';
import { validate, validateId } from '../../http/validate';
import { mayDial, OutboundNumberSchema } from '../../destinations';
import { defined } from '../../defined';
import { OFFER_LEASE_SLACK_MS } from '../../calls/offer-ring';
import { agentObject, callSession, queueObject } from '../../../durable-objects/stubs';
import { AgentStateBody, ForceStateBody, SuperviseBody, TransferBody } from '../../../contract/requests/cc';

type C = Context<AppEnv>;

/** A state conflict: 409 with the reason as the error's code (docs/contact-center-live.md). */
const stateConflict = (code: string, message: string) => new ApiError(409, code, message);

const CONFLICT_TEXT: Record<string, string> = {
  offline: 'Log in to the contact center first.',
  on_call: 'Not possible during a call.',
  ringing: 'Not possible while a call is offered.',
  no_call: 'There is no call for this.',
  reason_required: 'A reason is required.',
  notes_too_long: 'Notes are too long.',
  invalid_state: 'Not a state that can be chosen.',
};

function fail(code: string): never {
  if (code === 'not_found') throw notFound();
  if (code === 'notes_too_long') throw invalidField('wrapUp.notes', 'too_long', 'At most 1,024 characters.', { max: 1024 });
  if (code === 'reason_required') throw invalidField('reason', 'required', 'A reason is required.');
  throw stateConflict(code, CONFLICT_TEXT[code] ?? 'Not possible now.');
}

const agentStub = (c: C, userId: string) => agentObject(c.env, userId);
const queueStub = (c: C, queueId: string) => queueObject(c.env, queueId);
const sessionStub = (c: C, sessionId: string) => callSession(c.env, sessionId);

async function myView(c: C): Promise<AgentConsoleView> {
  const me = c.get('user');
  const view = await agentStub(c, me.id).consoleSnapshot(me.orgId, me.id);
  if (!view) throw notFound();
  return view;
}

/** The agent's call, or 409 no_call. */
async function myCall(c: C) {
  const view = await myView(c);
  if (!view.call) throw stateConflict('no_call', defined(CONFLICT_TEXT.no_call, 'no_call'));
  return view.call;
}

const isManager = (role: string) => (CC_MANAGERS as readonly string[]).includes(role);

const Empty = v.object({});

const OutboundSchema = v.object({
  to: OutboundNumberSchema,
  callbackId: v.optional(IdSchema),
  callId: v.optional(IdSchema),
});

/** Mounted at /api/cc/me: the signed-in agent's own presence and call. */
export const ccMeRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole(...CC_ROLES))
  .get('/console', async (c) => {
    const me = c.get('user');
    const agent = await myView(c);
    const mine = await visibleQueues(c.get('scope'), me.id, false);
    const queues = (await Promise.all(mine.map((q) => queueStub(c, q.queueId).view(me.orgId, q.queueId)))).filter((q) => q !== null);
    return c.json({ agent, queues });
  })
  .post('/login', validate('json', Empty), async (c) => {
    const me = c.get('user');
    const r = await agentStub(c, me.id).presenceApply(me.orgId, me.id, { kind: 'login' });
    if (!r.ok) fail(r.code);
    return c.json({ agent: r.agent });
  })
  .post('/logout', validate('json', Empty), async (c) => {
    const me = c.get('user');
    const r = await agentStub(c, me.id).presenceApply(me.orgId, me.id, { kind: 'logout' });
    if (!r.ok) fail(r.code);
    return c.json({ agent: r.agent });
  })
  .post('/state', validate('json', AgentStateBody), async (c) => {
    const me = c.get('user');
    const body = c.req.valid('json');
    if (body.wrapUp?.categoryId && !(await categoryUsable(c.get('scope'), body.wrapUp.categoryId)))
      throw invalidField('wrapUp.categoryId', 'not_in_org', 'No such consult category.');
    const r = await agentStub(c, me.id).presenceApply(me.orgId, me.id, {
      kind: 'set_state',
      state: body.state,
      ...(body.wrapUp ? { wrapUp: { categoryId: body.wrapUp.categoryId, notes: body.wrapUp.notes } } : {}),
    });
    if (!r.ok) fail(r.code);
    return c.json({ agent: r.agent });
  })
  .post('/call/hold', validate('json', Empty), async (c) => {
    const call = await myCall(c);
    if (call.held) throw stateConflict('held', 'The call is on hold already.');
    await sessionStub(c, call.callSessionId).signal(call.callSessionId, crypto.randomUUID(), 'hold', { userId: c.get('user').id });
    return c.json({ ok: true }, 202);
  })
  .post('/call/unhold', validate('json', Empty), async (c) => {
    const call = await myCall(c);
    if (!call.held) throw stateConflict('not_held', 'The call is not on hold.');
    await sessionStub(c, call.callSessionId).signal(call.callSessionId, crypto.randomUUID(), 'unhold', { userId: c.get('user').id });
    return c.json({ ok: true }, 202);
  })
  .post('/call/hangup', validate('json', Empty), async (c) => {
    const call = await myCall(c);
    await sessionStub(c, call.callSessionId).signal(call.callSessionId, crypto.randomUUID(), 'hangup', { userId: c.get('user').id });
    return c.json({ ok: true }, 202);
  })
  .get('/call/transfer-targets', async (c) => {
    const me = c.get('user');
    const call = await myCall(c);
    return c.json({ agents: await transferTargets(c, call.queueId, me.id) });
  })
  .post('/call/transfer', validate('json', TransferBody), async (c) => {
    const me = c.get('user');
    const { toUserId } = c.req.valid('json');
    const target = await ccUser(c.get('scope'), toUserId);
    if (!target || target.id === me.id) throw invalidField('toUserId', 'not_in_org', 'No such agent.');
    const call = await myCall(c);
    if (call.direction !== 'inbound') throw stateConflict('not_connected', 'Only an inbound queue call can be transferred.');
    const ready = await transferTargets(c, call.queueId, me.id);
    if (!ready.some((a) => a.userId === toUserId)) throw stateConflict('not_ready', 'Only a ready agent can take a transfer.');
    const offerId = `xfer-${crypto.randomUUID()}`;
    const leaseUntil = Date.now() + 20_000 + OFFER_LEASE_SLACK_MS;
    const offered = await agentStub(c, toUserId).offer(
      me.orgId,
      toUserId,
      { kind: 'offer', offerId, offerSeq: 0, queueId: null, callSessionId: call.callSessionId, callbackId: null, leaseUntil },
      { offerId, kind: 'transfer', queueName: call.queueName, customer: call.caller?.number ?? null, waitingSince: null },
    );
    if (!offered.accepted || !offered.mobile) throw stateConflict('not_ready', 'Only a ready agent can take a transfer.');
    await sessionStub(c, call.callSessionId).signal(call.callSessionId, offerId, 'transfer', {
      offerId,
      fromUserId: me.id,
      toUserId,
      mobile: offered.mobile,
      leaseUntil,
    });
    await audit(c, 'cc.transfer', { targetType: 'user', targetId: toUserId });
    return c.json({ ok: true }, 202);
  });

/** Ready agents of the call's queue (or of the agent's queues), longest idle first, without the asking agent. */
async function transferTargets(c: C, queueId: string | null, self: string) {
  const me = c.get('user');
  const ids = queueId ? [queueId] : (await visibleQueues(c.get('scope'), me.id, false)).map((q) => q.queueId);
  const seen = new Set<string>();
  const out: { userId: string; name: string; level: number; idleSince: number | null }[] = [];
  for (const id of ids) {
    const view = await queueStub(c, id).view(me.orgId, id);
    for (const a of view?.readyAgents ?? []) {
      if (a.userId === self || seen.has(a.userId)) continue;
      seen.add(a.userId);
      out.push({ userId: a.userId, name: a.name, level: a.level, idleSince: a.idleSince });
    }
  }
  return out.sort((a, b) => (a.idleSince ?? 0) - (b.idleSince ?? 0));
}

/** Mounted at /api/cc/outbound (C6): the agent's phone rings first, then the customer, both seeing the service number. */
export const ccOutboundRoutes = new Hono<AppEnv>().post('/', requireUser, requireRole(...CC_ROLES), validate('json', OutboundSchema), async (c) => {
  const me = c.get('user');
  const scope = c.get('scope');
  const body = c.req.valid('json');
  const callback = body.callbackId ? await pendingCallback(scope, body.callbackId) : undefined;
  if (body.callbackId && !callback) throw invalidField('callbackId', 'not_in_org', 'No such pending callback.');
  // The agent's view (an object) and what D1 knows (one batch) at once.
  const [view, { self, service, recording }] = await Promise.all([myView(c), outboundContext(scope, me.id, callback?.queueId ?? null)]);
  if (view.state === 'offline' || view.state === 'on_call' || view.state === 'ringing') fail(view.state);
  // A phone stored before the destination policy that it refuses counts as none.
  if (!self?.mobile || !mayDial(self.mobile, 'person')) throw stateConflict('no_mobile', 'Set your phone number first.');
  if (!service) throw stateConflict('no_service_number', 'The organisation has no service number to call from.');
  const queueName = view.queues.find((q) => q.queueId === service.queueId)?.name ?? null;
  const sessionId = crypto.randomUUID();
  const params: OutboundParams = {
    mode: 'dial',
    orgId: me.orgId,
    agentUserId: me.id,
    agentMobile: self.mobile,
    customer: body.to,
    serviceNumber: service.e164,
    queueId: service.queueId,
    queueName,
    callbackId: callback?.id ?? null,
    offerId: null,
    leaseUntil: null,
    queuedAt: callback?.requestedAt ?? null,
    recording,
  };
  // A callback dialled by hand leaves the line, so no other agent is offered it meanwhile.
  if (callback) await queueStub(c, callback.queueId).callbackRemoved(me.orgId, callback.queueId, callback.id);
  await sessionStub(c, sessionId).start(sessionId, 'cc-outbound', params);
  await audit(c, 'cc.outbound', { targetType: 'call', targetId: sessionId, detail: { callback: Boolean(callback) } });
  return c.json({ callSessionId: sessionId }, 202);
});

/** Checks that the queue is this org's and the user may see it (members and managers). */
async function visibleQueue(c: C, queueId: string): Promise<void> {
  const me = c.get('user');
  const queues = await visibleQueues(c.get('scope'), me.id, isManager(me.role));
  if (!queues.some((q) => q.queueId === queueId)) throw notFound();
}

/** A CC user of this org (not another org's, not staff), or 404. */
async function orgAgent(c: C, userId: string) {
  const target = await ccUser(c.get('scope'), userId);
  if (!target) throw notFound();
  return target;
}

/** Mounted at /api/cc/live: queue views (members and managers) and supervision (managers). */
export const ccLiveRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole(...CC_ROLES))
  .get('/queues', async (c) => {
    const me = c.get('user');
    const list = await visibleQueues(c.get('scope'), me.id, isManager(me.role));
    const views = await Promise.all(list.map((q) => queueStub(c, q.queueId).view(me.orgId, q.queueId)));
    return c.json({ queues: views.filter((q) => q !== null) });
  })
  .get('/queues/:id', validateId(), async (c) => {
    const me = c.get('user');
    const { id } = c.req.valid('param');
    await visibleQueue(c, id);
    const view = await queueStub(c, id).view(me.orgId, id);
    if (!view) throw notFound();
    return c.json(view);
  })
  .get('/agents', requireRole(...CC_MANAGERS), async (c) => {
    const users = await ccUsers(c.get('scope'));
    const views = await Promise.all(users.map((u) => agentStub(c, u.id).agentView()));
    return c.json({
      agents: users.map((u, i) => {
        const a = views[i];
        return {
          userId: u.id,
          name: u.name,
          role: u.role,
          state: a?.state ?? 'offline',
          since: a?.since ?? null,
          reason: a?.reason ?? null,
          missedOffers: a?.missedOffers ?? 0,
          offer: a?.offer ?? null,
          call: a?.call ?? null,
        };
      }),
    });
  })
  .post('/agents/:id/state', requireRole(...CC_MANAGERS), validateId(), validate('json', ForceStateBody), async (c) => {
    const me = c.get('user');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await orgAgent(c, id);
    const r = await agentStub(c, id).presenceApply(me.orgId, id, { kind: 'force_state', state: body.state, by: me.id, reason: body.reason });
    if (!r.ok) fail(r.code);
    await audit(c, 'cc.force_state', { targetType: 'user', targetId: id, detail: { state: body.state } });
    return c.json({ agent: r.agent });
  })
  .post('/agents/:id/supervise', requireRole(...CC_MANAGERS), validateId(), validate('json', SuperviseBody), async (c) => {
    const me = c.get('user');
    const { id } = c.req.valid('param');
    const { role } = c.req.valid('json');
    await orgAgent(c, id);
    const view = await agentStub(c, id).agentView();
    if (!view?.call) throw stateConflict('no_call', defined(CONFLICT_TEXT.no_call, 'no_call'));
    const self = await ccUser(c.get('scope'), me.id);
    if (!self?.mobile || !mayDial(self.mobile, 'person')) throw stateConflict('no_mobile', 'Set your phone number first.');
    const sid = view.call.callSessionId;
    await sessionStub(c, sid).signal(sid, crypto.randomUUID(), 'supervise', { supervisorUserId: me.id, mobile: self.mobile, role });
    await audit(c, 'cc.supervise', { targetType: 'user', targetId: id, detail: { role } });
    return c.json({ ok: true }, 202);
  })
  .post('/agents/:id/supervise/stop', requireRole(...CC_MANAGERS), validateId(), validate('json', Empty), async (c) => {
    const me = c.get('user');
    const { id } = c.req.valid('param');
    await orgAgent(c, id);
    const view = await agentStub(c, id).agentView();
    if (!view?.call) throw stateConflict('no_call', defined(CONFLICT_TEXT.no_call, 'no_call'));
    const sid = view.call.callSessionId;
    await sessionStub(c, sid).signal(sid, crypto.randomUUID(), 'supervise_stop', { supervisorUserId: me.id });
    return c.json({ ok: true }, 202);
  });

/** Mounted at /api/cc/live/queues before the JSON API (its answer is the socket): GET /:id/socket. */
export const ccQueueSocketRoutes = new Hono<AppEnv>().get('/:id/socket', requireUser, requireRole(...CC_ROLES), validateId(), async (c) => {
  const me = c.get('user');
  const { id } = c.req.valid('param');
  await visibleQueue(c, id);
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(426, 'upgrade_required', 'Open this as a WebSocket.');
  requireSameOriginSocket(c);
  // The object must know its queue before it can describe it.
  await queueStub(c, id).view(me.orgId, id);
  const headers = new Headers(c.req.raw.headers);
  headers.delete('cookie');
  headers.set(SOCKET_USER_HEADER, me.id);
  headers.set(SOCKET_SESSION_HEADER, c.get('sessionTokenHash'));
  return queueStub(c, id).fetch(new Request(c.req.url, { headers }));
});
