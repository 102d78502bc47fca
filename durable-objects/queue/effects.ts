// The Queue object's effects (docs/contact-center-live.md): an offer goes to the Agent object and,
// once the agent took it, rings their phone (the caller's call, or a callback's new outbound
// session); cancels, answers, overflows and announcements are signals to the calls' sessions. Run by
// the lean host once per effect; what comes back is fed to the reducer.
import type { OutboundParams } from '../../worker/calls/outbound/agent';
import type { QueueEffect } from '../../worker/contact-center/queue';
import { orgRecordsCalls } from '../../worker/db/cc-live';
import { dbFor } from '../../worker/db/scope';
import type { Bindings } from '../../worker/env';
import { outbound } from '../../worker/outbound';
import { agentObject, callSession } from '../stubs';
import { offerSessionId, sessionForOffer, type QueueDoc, type QueueDoInput } from './state';

/** A signal to a call is tried this many times, waiting 200 ms, then 400 ms… between tries. */
const SIGNAL_ATTEMPTS = 4;
const SIGNAL_RETRY_MS = 200;

/**
 * Tells a call. A signal must not be lost to a call's object being reset under it (an eviction, a
 * deploy): it is tried again, under the same id, which the call takes once.
 */
async function signal(env: Bindings, sessionId: string, id: string, name: string, value: unknown) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callSession(env, sessionId).signal(sessionId, id, name, value);
    } catch (err) {
      if (attempt >= SIGNAL_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, SIGNAL_RETRY_MS * attempt));
    }
  }
}

export async function runQueueEffect(env: Bindings, doc: QueueDoc, e: QueueEffect): Promise<QueueDoInput[]> {
  const orgId = doc.orgId;
  const queueId = doc.queueId;
  if (!orgId || !queueId) return [];
  const sid = `q:${queueId}:${e.key}`;
  try {
    switch (e.kind) {
      case 'offer':
        return await offer(env, doc, orgId, queueId, e);
      case 'cancel_offer': {
        const input = e.reason === 'expired' ? { kind: 'offer_missed' as const, offerId: e.offerId } : { kind: 'offer_cancelled' as const, offerId: e.offerId };
        await Promise.all([
          agentObject(env, e.agentUserId).presenceApply(orgId, e.agentUserId, input),
          signal(env, sessionForOffer(e), sid, 'offer_cancelled', { offerId: e.offerId, reason: e.reason }),
        ]);
        return [];
      }
      case 'answer_accepted':
        await signal(env, sessionForOffer(e), sid, 'answer_accepted', { offerId: e.offerId, agentUserId: e.agentUserId, waitMs: e.waitMs });
        return [];
      case 'answer_refused': {
        const session = doc.offerSessions[e.offerId];
        if (session) await signal(env, session, sid, 'answer_refused', { offerId: e.offerId });
        return [];
      }
      case 'overflow':
        await signal(env, e.callSessionId, sid, 'overflow', { to: e.to, reason: e.reason, waitMs: e.waitMs });
        return [];
      case 'announce_position':
        await signal(env, e.callSessionId, sid, 'announce', { position: e.position, estimatedWaitSeconds: e.estimatedWaitSeconds });
        return [];
      case 'abandoned':
      case 'callback_queued':
        // Counted by the reducer; the call writes its own record.
        return [];
    }
  } catch (err) {
    console.error(JSON.stringify({ msg: 'queue effect failed', queueId, kind: e.kind, error: String((err as Error)?.name) }));
    if (outbound(env).verboseErrors) console.error(err);
    // An offer that could not be delivered ends now (the agent's lease would end it anyway).
    if (e.kind === 'offer') return [{ kind: 'offer_declined', offerId: e.offerId, reason: 'not_ready' }];
  }
  return [];
}

/** Queue `offer` → Agent `offer`; only an offer the agent took rings their phone (a call's dial, or a callback's session). */
async function offer(env: Bindings, doc: QueueDoc, orgId: string, queueId: string, e: Extract<QueueEffect, { kind: 'offer' }>): Promise<QueueDoInput[]> {
  const entry = doc.q?.waiting.find((w) => w.id === e.entryId);
  const customer = doc.numbers[e.entryId] ?? null;
  const name = doc.info?.name ?? '';
  const sessionId = sessionForOffer(e);
  const { accepted, mobile } = await agentObject(env, e.agentUserId).offer(
    orgId,
    e.agentUserId,
    { kind: 'offer', offerId: e.offerId, offerSeq: e.offerSeq, queueId, callSessionId: sessionId, callbackId: e.callbackId, leaseUntil: e.leaseUntil },
    { offerId: e.offerId, kind: e.callbackId ? 'callback' : 'call', queueName: name, customer, waitingSince: entry?.joinedAt ?? null },
  );
  // A refusal comes back from the Agent object itself (offer_refused → offer_declined).
  if (!accepted || !mobile) return [];
  if (!e.callbackId) {
    await signal(env, sessionId, `q:${queueId}:${e.key}`, 'offer', {
      offerId: e.offerId,
      agentUserId: e.agentUserId,
      mobile,
      leaseUntil: e.leaseUntil,
      queueName: name,
    });
    return [];
  }
  const serviceNumber = doc.info?.serviceNumber;
  if (!customer || !serviceNumber) return [{ kind: 'offer_declined', offerId: e.offerId, reason: 'not_ready' }];
  const recording = await orgRecordsCalls(dbFor(env, orgId));
  const params: OutboundParams = {
    mode: 'callback_offer',
    orgId,
    agentUserId: e.agentUserId,
    agentMobile: mobile,
    customer,
    serviceNumber,
    queueId,
    queueName: name,
    callbackId: e.callbackId,
    offerId: e.offerId,
    leaseUntil: e.leaseUntil,
    queuedAt: entry?.joinedAt ?? null,
    recording,
  };
  const sid = offerSessionId(e.offerId);
  await callSession(env, sid).start(sid, 'cc-outbound', params);
  return [];
}
