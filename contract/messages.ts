// Messaging's answers (issue 17, docs/api.md "Messages"): a sent or scheduled message with its
// recipients' counts, the send log by number, favourites, an uploaded image, the numbers a send
// skipped, and "send my safe number" (S12). valibot schemas; the web app reads the inferred types.
import * as v from 'valibot';
import { Phone } from './shapes';

const num = v.number();
const nullableNum = v.nullable(v.number());
const nullableStr = v.nullable(v.string());

export const MessageKind = v.picklist(['sms', 'lms', 'mms']);
export type MessageKind = v.InferOutput<typeof MessageKind>;
export const MessageStatus = v.picklist(['scheduled', 'sending', 'sent', 'partial', 'failed', 'cancelled']);
export type MessageStatus = v.InferOutput<typeof MessageStatus>;
export const MessageCounts = v.object({ total: num, waiting: num, sent: num, delivered: num, failed: num });
export type MessageCounts = v.InferOutput<typeof MessageCounts>;

export const MessageView = v.object({
  id: v.string(),
  kind: MessageKind,
  sender: Phone,
  subject: nullableStr,
  text: v.string(),
  hasImage: v.boolean(),
  status: MessageStatus,
  scheduledAt: nullableNum,
  createdAt: num,
  sentAt: nullableNum,
  counts: MessageCounts,
});
export type MessageView = v.InferOutput<typeof MessageView>;
/** GET /api/me/messages/:id, POST …/cancel, POST /api/me/safe-number-sms. */
export const MessageAnswer = v.object({ message: MessageView });

/** GET /api/me/messages. */
export const MessagePage = v.object({ messages: v.array(MessageView), nextBefore: nullableStr });
export type MessagePage = v.InferOutput<typeof MessagePage>;

/** A number a send left out, and why (worker/messaging/recipients.ts). */
export const Skipped = v.object({ input: v.string(), name: nullableStr, reason: v.picklist(['phone', 'not_mobile', 'not_dialable', 'duplicate']) });
export type Skipped = v.InferOutput<typeof Skipped>;
export type SkipReason = Skipped['reason'];
/** POST /api/me/messages. */
export const SendAnswer = v.object({ message: MessageView, skipped: v.array(Skipped) });
export type SendAnswer = v.InferOutput<typeof SendAnswer>;

/** POST /api/me/messages/media: the image kept for an MMS. */
export const MediaAnswer = v.object({ mediaId: v.string(), contentType: v.string(), sizeBytes: num });
export type MediaAnswer = v.InferOutput<typeof MediaAnswer>;

export const RecipientView = v.object({
  id: v.string(),
  messageId: v.string(),
  number: Phone,
  name: nullableStr,
  status: v.string(),
  updatedAt: nullableNum,
  kind: MessageKind,
  text: v.string(),
  sentAt: nullableNum,
});
export type RecipientView = v.InferOutput<typeof RecipientView>;
/** GET /api/me/message-recipients. */
export const RecipientPage = v.object({ recipients: v.array(RecipientView), nextBefore: nullableStr });
export type RecipientPage = v.InferOutput<typeof RecipientPage>;

export const Favourite = v.object({ id: v.string(), title: v.string(), text: v.string(), createdAt: num });
export type Favourite = v.InferOutput<typeof Favourite>;

/** GET /api/me/safe-number-sms: the text that would go out, its bytes and kind, and characters no handset shows. */
export const SafeNumberSmsPreview = v.object({ text: v.string(), bytes: num, kind: MessageKind, unsupported: v.array(v.string()) });
export type SafeNumberSmsPreview = v.InferOutput<typeof SafeNumberSmsPreview>;
/** GET and PUT /api/admin/safe-number-sms: the org's template (null = the default). */
export const SafeNumberSmsTemplate = v.object({ template: nullableStr, defaultTemplate: v.string() });
export type SafeNumberSmsTemplate = v.InferOutput<typeof SafeNumberSmsTemplate>;
