// The sender (S15): a message's recipients claimed in batches and handed to the Telnyx Messaging
// API one by one (POST /v2/messages), each outcome written back per recipient. A run that dies
// half-way loses nothing (its claims go stale and are taken again) and sends nobody twice: a
// recipient is claimed by one sender at a time, and every request carries the recipient's id as
// its Idempotency-Key, so a request repeated after a lost answer is answered, not sent again.
import type { MessageSendParams } from 'telnyx/resources/messages/messages';
import { claimRecipients, finishMessage, recordOutcomes, sendingMessages, startDueMessages, type SendOutcome } from '../db/messages';
import type { Bindings } from '../env';
import { mayDial } from '../destinations';
import { outbound, type Fetch } from '../outbound';
import { mediaUrl } from './media';

/** Recipients claimed per round trip; the outcomes of a batch are written in one D1 batch. */
export const BATCH_SIZE = 25;
/** A cron tick sends at most this many, so it ends well within its time; the next tick goes on. */
const TICK_BUDGET = 2_000;
const REQUEST_TIMEOUT_MS = 10_000;

export type SendingMessage = { id: string; orgId: string; sender: string; text: string; subject: string | null; mediaKey: string | null; kind: string };
export type SendOptions = { fetch?: Fetch; now: () => number; batchSize?: number; budget?: number; publicBase?: string };

/** The request body for one recipient, in the SDK's own parameter type. */
export async function messageBody(env: Bindings, m: SendingMessage, to: string, now: number, publicBase: string | undefined): Promise<MessageSendParams> {
  const body: MessageSendParams = { from: m.sender, to, text: m.text };
  if (env.TELNYX_MESSAGING_PROFILE_ID) body.messaging_profile_id = env.TELNYX_MESSAGING_PROFILE_ID;
  if (m.kind !== 'sms' && m.subject) body.subject = m.subject;
  if (m.kind === 'mms' && m.mediaKey && publicBase) {
    body.media_urls = [await mediaUrl(env, publicBase, m.id, now)];
    body.type = 'MMS';
  }
  // The org in the status webhooks' URL lets the webhook write through the tenant scope.
  if (publicBase) body.webhook_url = `${publicBase}/telnyx/webhook?org=${encodeURIComponent(m.orgId)}`;
  return body;
}

/** One request: accepted (the carrier's id and status), refused for good (4xx), or to retry later (429, 5xx, no answer). */
export async function sendOne(env: Bindings, body: MessageSendParams, idempotencyKey: string, fetcher: Fetch): Promise<SendOutcome> {
  // The destination policy is the last guard here too (worker/destinations.ts): only mobiles get messages.
  if (!mayDial(body.to, 'message')) return { kind: 'refused', code: 'destination_refused' };
  let res: Response;
  try {
    res = await fetcher(`${env.TELNYX_API_BASE.replace(/\/+$/, '')}/v2/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.TELNYX_API_KEY ?? ''}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    return { kind: 'retry' };
  }
  const json = (await res.json().catch(() => null)) as { data?: { id?: string; to?: { status?: string }[] }; errors?: { code?: string }[] } | null;
  if (res.ok && json?.data?.id) return { kind: 'accepted', carrierMessageId: json.data.id, status: json.data.to?.[0]?.status ?? 'queued' };
  if (res.status === 429 || res.status >= 500 || res.ok) return { kind: 'retry' };
  return { kind: 'refused', code: json?.errors?.[0]?.code ?? String(res.status) };
}

/**
 * Sends what is left of one message, batch by batch, until nobody is left, the budget is spent or
 * the carrier asks to wait (a retry: the next tick goes on). Answers how many were handed over.
 */
export async function sendMessage(env: Bindings, m: SendingMessage, opts: SendOptions): Promise<number> {
  const fetcher = opts.fetch ?? outbound(env).commandFetch(env) ?? fetch;
  const size = opts.batchSize ?? BATCH_SIZE;
  let budget = opts.budget ?? TICK_BUDGET;
  let handed = 0;
  while (budget > 0) {
    const claimed = await claimRecipients(env, m.id, opts.now(), Math.min(size, budget));
    if (claimed.length === 0) break;
    budget -= claimed.length;
    const outcomes: { id: string; outcome: SendOutcome }[] = [];
    for (const r of claimed) {
      const body = await messageBody(env, m, r.number, opts.now(), opts.publicBase);
      outcomes.push({ id: r.id, outcome: await sendOne(env, body, r.id, fetcher) });
    }
    await recordOutcomes(env, outcomes, opts.now());
    handed += outcomes.filter((o) => o.outcome.kind === 'accepted').length;
    if (outcomes.some((o) => o.outcome.kind === 'retry')) break;
  }
  await finishMessage(env, m.id, opts.now());
  return handed;
}

/** The cron tick's part (worker/scheduled.ts): start the scheduled messages whose minute has come, then send every message still sending. */
export async function runMessageSends(env: Bindings, opts: SendOptions): Promise<void> {
  await startDueMessages(env, opts.now());
  let budget = opts.budget ?? TICK_BUDGET;
  for (const m of await sendingMessages(env)) {
    if (budget <= 0) break;
    budget -= await sendMessage(env, m, { ...opts, budget });
  }
}
