// The simulated carrier's messaging desk (POST /v2/messages): what it accepted (each message once,
// for tests and the demo page), Telnyx's Idempotency-Key (a key seen before gets the first answer
// replayed, "only successful responses are replayed"; the same key with another body is a 422), and
// messaging faults: 5xx for the next sends, answers lost after the message was accepted, the final status.
import * as v from 'valibot';
import { telnyxError, type RestResult } from './answers';
import { MessageBody } from './schemas';

export type SimMessage = { id: string; from: string; to: string; text: string; subject: string | null; mediaUrls: string[]; at: number };

export const MessageFaultsSchema = v.object({
  /** The next this-many sends answer 500 and are not accepted. */
  failNext: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  /** The next this-many sends are accepted but their answer is lost (the client sees no answer). */
  loseNext: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  /** The status message.finalized reports. */
  finalStatus: v.optional(v.picklist(['delivered', 'delivery_failed']), 'delivered'),
});
export type MessageFaults = v.InferOutput<typeof MessageFaultsSchema>;

export type Accepted = { result: RestResult; fresh: SimMessage | null };

export class MessageDesk {
  readonly accepted: SimMessage[] = [];
  faults: MessageFaults = { failNext: 0, loseNext: 0, finalStatus: 'delivered' };
  private readonly replies = new Map<string, { body: string; result: RestResult }>();

  /** One POST /v2/messages: a fresh message (to deliver webhooks for), or a replay, or an error. */
  take(body: Record<string, unknown> | null, idempotencyKey: string | null): Accepted {
    const raw = JSON.stringify(body);
    if (idempotencyKey) {
      const seen = this.replies.get(idempotencyKey);
      if (seen) return { result: seen.body === raw ? seen.result : telnyxError(422, '10015', 'Invalid parameter', '/Idempotency-Key'), fresh: null };
    }
    const p = v.safeParse(MessageBody, body);
    if (!p.success || (!p.output.text && !p.output.media_urls?.length)) return { result: telnyxError(422, '10015', 'Invalid parameter', '/text'), fresh: null };
    if (this.faults.failNext > 0) {
      this.faults.failNext--;
      return { result: telnyxError(500, '10001', 'Internal error'), fresh: null };
    }
    const msg: SimMessage = {
      id: crypto.randomUUID(),
      from: p.output.from,
      to: p.output.to,
      text: p.output.text ?? '',
      subject: p.output.subject ?? null,
      mediaUrls: p.output.media_urls ?? [],
      at: Date.now(),
    };
    this.accepted.push(msg);
    const result: RestResult = {
      status: 200,
      body: {
        data: { id: msg.id, record_type: 'message', type: msg.mediaUrls.length ? 'MMS' : 'SMS', parts: 1, to: [{ phone_number: msg.to, status: 'queued' }] },
      },
    };
    if (idempotencyKey) this.replies.set(idempotencyKey, { body: raw, result });
    if (this.faults.loseNext > 0) {
      this.faults.loseNext--;
      return { result: { ...result, lost: true }, fresh: msg };
    }
    return { result, fresh: msg };
  }
}
