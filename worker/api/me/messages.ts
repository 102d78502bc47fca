// Sending text messages (S15) and the send logs (S16): compose (SMS/LMS/MMS by Korean byte count,
// sender = my safe number or my department number, recipients typed, from contacts and groups),
// scheduled sending in the org's time zone, cancel, progress, the logs by message and by number,
// and MMS images. Mounted at /api/me/messages; the per-number log at /api/me/message-recipients.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { requireUser } from '../../auth/session';
import {
  cancelScheduled,
  contactsForMessage,
  findMessage,
  insertMessage,
  listMessages,
  listRecipients,
  ownGroupIds,
  sendingMessages,
  type MessageCounts,
  type MessageRow,
} from '../../db/messages';
import type { AppEnv, Bindings } from '../../env';
import { conflict, invalidField, notFound } from '../../errors';
import { coded, required } from '../../fields';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { newId } from '../../ids';
import { countBytes, LMS_MAX_BYTES, messageKind, SUBJECT_MAX_BYTES } from '../../../contract/message-bytes';
import { MEDIA_MAX_BYTES, sniffImage } from '../../messaging/media';
import { resolveRecipients } from '../../messaging/recipients';
import { sendMessage } from '../../messaging/send';
import { localInstant } from '../../safe-number/local-day';
import { messageMediaKey } from '../../storage/keys';
import { mySafeNumber } from './home';
import { phoneView } from '../safe-number-views';
import { MessageComposeBody, MessageListQuery, MessageRecipientsQuery, RECIPIENTS_MAX } from '../../../contract/requests/me';

const MediaSchema = v.object({
  file: v.pipe(
    v.file(required('Choose an image.')),
    v.minSize(1, coded('file_empty', 'The file is empty.')),
    v.maxSize(MEDIA_MAX_BYTES, coded('file_too_large', 'The image is 1 MB or larger.', { maxMb: 1 })),
  ),
});

const cursor = (s: string | undefined) => {
  if (!s) return undefined;
  const [at = '0', id = ''] = s.split(':');
  return { at: Number(at), id };
};

export function messageView(m: MessageRow & Partial<MessageCounts>) {
  return {
    id: m.id,
    kind: m.kind,
    sender: phoneView(m.sender),
    subject: m.subject,
    text: m.text,
    hasImage: m.mediaKey !== null,
    status: m.status,
    scheduledAt: m.scheduledAt,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
    counts: { total: m.total ?? 0, waiting: m.waiting ?? 0, sent: m.sent ?? 0, delivered: m.delivered ?? 0, failed: m.failed ?? 0 },
  };
}

/** The address the carrier reaches this worker at: PUBLIC_BASE_URL, else the address the request came to. */
export function publicBase(env: Bindings, requestUrl?: string): string | undefined {
  if (env.PUBLIC_BASE_URL) return env.PUBLIC_BASE_URL.replace(/\/+$/, '');
  return requestUrl ? new URL(requestUrl).origin : undefined;
}

/** Starts sending a message now, after the response (the cron tick picks up whatever this leaves). */
export function sendSoon(c: Context<AppEnv>, messageId: string): void {
  const base = publicBase(c.env, c.req.url);
  c.executionCtx.waitUntil(
    sendingMessages(c.env, messageId).then(async ([m]) => {
      if (m) await sendMessage(c.env, m, { now: () => Date.now(), publicBase: base });
    }),
  );
}

/** The sender number the staff member chose, or a field error. */
export async function senderNumber(c: Context<AppEnv>, sender: 'safe_number' | 'department'): Promise<string> {
  const { user, number } = await mySafeNumber(c);
  const e164 = sender === 'safe_number' ? number?.e164 : user.smsSender;
  if (!e164) throw invalidField('sender', 'no_sender', 'The chosen sender is not set up.');
  return e164;
}

export const meMessageRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', validate('query', MessageListQuery), async (c) => {
    const { from, to, q, status, before, limit } = c.req.valid('query');
    const { org } = await mySafeNumber(c);
    const dayStart = (d: string) => localInstant(org.timezone, d, '00:00') ?? Date.parse(`${d}T00:00:00Z`);
    const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const c1 = cursor(before);
    const rows = await listMessages(c.get('scope'), c.get('user').id, {
      from: from ? dayStart(from) : undefined,
      to: to ? dayStart(next(to)) : undefined,
      text: q || undefined,
      status,
      before: c1 ? { createdAt: c1.at, id: c1.id } : undefined,
      limit,
    });
    const last = rows.at(-1);
    return c.json({ messages: rows.map(messageView), nextBefore: rows.length === limit && last ? `${last.createdAt}:${last.id}` : null });
  })
  .post('/', validate('json', MessageComposeBody), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const body = c.req.valid('json');
    const now = Date.now();
    const { bytes, unsupported } = countBytes(body.text);
    if (unsupported.length) throw invalidField('text', 'message_chars', 'The message has characters no handset can show.');
    if (bytes > LMS_MAX_BYTES) throw invalidField('text', 'too_many_bytes', `At most ${LMS_MAX_BYTES} bytes.`, { max: LMS_MAX_BYTES });
    const subject = body.subject || null;
    if (subject) {
      const s = countBytes(subject);
      if (s.unsupported.length) throw invalidField('subject', 'message_chars', 'The subject has characters no handset can show.');
      if (s.bytes > SUBJECT_MAX_BYTES) throw invalidField('subject', 'too_many_bytes', `At most ${SUBJECT_MAX_BYTES} bytes.`, { max: SUBJECT_MAX_BYTES });
    }
    const kind = messageKind(bytes, body.mediaId !== null);
    const sender = await senderNumber(c, body.sender);
    const { org } = await mySafeNumber(c);

    let scheduledAt: number | null = null;
    if (body.scheduledAt) {
      scheduledAt = localInstant(org.timezone, body.scheduledAt.slice(0, 10), body.scheduledAt.slice(11));
      if (scheduledAt === null) throw invalidField('scheduledAt', 'no_such_local_time', 'That time does not exist in the time zone.');
      // The minute now still counts: the next tick sends it.
      if (scheduledAt < now - 60_000) throw invalidField('scheduledAt', 'in_past', 'That time has passed.');
    }

    let mediaKey: string | null = null;
    if (body.mediaId) {
      mediaKey = messageMediaKey(me.orgId, body.mediaId);
      if (!(await c.env.FILES.head(mediaKey))) throw invalidField('mediaId', 'not_in_org', 'No such image.');
    }

    const groups = await ownGroupIds(scope, me.id, body.groupIds);
    if (groups.size !== new Set(body.groupIds).size) throw invalidField('groupIds', 'not_in_org', 'No such group.');
    const fromBook = await contactsForMessage(scope, me.id, body.contactIds, body.groupIds);
    const named = new Set(fromBook.map((r) => r.id));
    if (body.contactIds.some((id) => !named.has(id))) throw invalidField('contactIds', 'not_in_org', 'No such contact.');
    const { recipients, skipped } = resolveRecipients([
      ...body.numbers.map((n) => ({ input: n, name: null })),
      ...fromBook.map((r) => ({ input: r.number, name: r.name })),
    ]);
    if (recipients.length === 0) throw invalidField('numbers', 'no_recipients', 'Nobody to send to.');
    if (recipients.length > RECIPIENTS_MAX) throw invalidField('numbers', 'too_long', `At most ${RECIPIENTS_MAX} recipients.`, { max: RECIPIENTS_MAX });

    const message = await insertMessage(
      scope,
      { userId: me.id, kind, sender, subject: kind === 'sms' ? null : subject, text: body.text, mediaKey, scheduledAt },
      recipients,
      now,
    );
    if (scheduledAt === null) sendSoon(c, message.id);
    // Counts only: the numbers and the text stay out of the audit log.
    await audit(c, scheduledAt === null ? 'message.sent' : 'message.scheduled', {
      targetType: 'message',
      targetId: message.id,
      detail: { kind, recipients: recipients.length, skipped: skipped.length },
    });
    return c.json(
      {
        message: messageView({ ...message, total: recipients.length, waiting: recipients.length }),
        skipped: skipped.map((s) => ({ input: s.input, name: s.name, reason: s.reason })),
      },
      201,
    );
  })
  .post('/media', validate('form', MediaSchema), async (c) => {
    const { file } = c.req.valid('form');
    const type = sniffImage(new Uint8Array(await file.slice(0, 8).arrayBuffer()));
    if (!type) throw invalidField('file', 'image_type', 'Only JPEG, PNG or GIF.');
    const id = newId('med');
    await c.env.FILES.put(messageMediaKey(c.get('user').orgId, id), file, { httpMetadata: { contentType: type } });
    return c.json({ mediaId: id, contentType: type, sizeBytes: file.size }, 201);
  })
  .get('/:id', validateId(), async (c) => {
    const m = await findMessage(c.get('scope'), c.get('user').id, c.req.valid('param').id);
    if (!m) throw notFound('No such message.');
    return c.json({ message: messageView(m) });
  })
  // An empty JSON object: like every JSON route, a form post is refused (415).
  .post('/:id/cancel', validateId(), validate('json', v.object({})), async (c) => {
    const { id } = c.req.valid('param');
    const scope = c.get('scope');
    const me = c.get('user');
    if (!(await cancelScheduled(scope, me.id, id))) {
      if (!(await findMessage(scope, me.id, id))) throw notFound('No such message.');
      throw conflict('The message is no longer scheduled (sent, sending or cancelled).');
    }
    await audit(c, 'message.cancelled', { targetType: 'message', targetId: id });
    const m = await findMessage(scope, me.id, id);
    if (!m) throw notFound();
    return c.json({ message: messageView(m) });
  });

/** Mounted at /api/me/message-recipients: the log by number (S16), searched by name or digits. */
export const meMessageRecipientRoutes = new Hono<AppEnv>().use('*', requireUser).get('/', validate('query', MessageRecipientsQuery), async (c) => {
  const { q, messageId, before, limit } = c.req.valid('query');
  const digits = q && /^[+\d][\d\s\-()]*$/.test(q) ? q.replace(/\D/g, '').replace(/^0/, '') : undefined;
  const c1 = cursor(before);
  const rows = await listRecipients(c.get('scope'), c.get('user').id, {
    digits: digits || undefined,
    name: q && !digits ? q : undefined,
    messageId,
    before: c1 ? { updatedAt: c1.at, id: c1.id } : undefined,
    limit,
  });
  const last = rows.at(-1);
  return c.json({
    recipients: rows.map((r) => ({
      id: r.id,
      messageId: r.messageId,
      number: phoneView(r.number),
      name: r.name,
      status: r.status,
      updatedAt: r.updatedAt,
      kind: r.kind,
      text: r.text,
      sentAt: r.sentAt,
    })),
    nextBefore: rows.length === limit && last ? `${last.updatedAt ?? 0}:${last.id}` : null,
  });
});
