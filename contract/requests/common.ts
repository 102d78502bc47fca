// What everyone's routes take beyond the audiences' own (contract/requests/me.ts, admin.ts, cc.ts):
// notices, FAQs, resource files and inquiries, web-push subscriptions, a recording's play query and
// the safe-number text message. Valibot schemas with the field codes each failure carries
// (contract/fields.ts); the routes validate with them and the web app imports the types.
import * as v from 'valibot';
import { coded, outOfRange, required, requiredText, tooLong } from '../fields';
import { TEMPLATE_MAX_CHARS } from '../safe-number-sms';

// ── Notices, FAQs, resource files, inquiries (everyone reads; the operator and org admins write) ──

export const NoticeBody = v.object({
  title: requiredText(200, { message: 'Enter a title.' }),
  body: requiredText(20_000, { trim: false, message: 'Enter the text.' }),
  urgent: v.optional(v.boolean(coded('choice', 'Choose urgent or not.')), false),
});
export type NoticeBody = v.InferInput<typeof NoticeBody>;

const SORT_RANGE = outOfRange(-1_000_000, 1_000_000);

export const FaqBody = v.object({
  question: requiredText(500, { message: 'Enter the question.' }),
  answer: requiredText(10_000, { trim: false, message: 'Enter the answer.' }),
  sortOrder: v.optional(v.pipe(v.number(SORT_RANGE), v.integer(SORT_RANGE), v.minValue(-1_000_000, SORT_RANGE), v.maxValue(1_000_000, SORT_RANGE)), 0),
});
export type FaqBody = v.InferInput<typeof FaqBody>;

export const FILE_MAX_BYTES = 20 * 1024 * 1024;

export const FileUploadBody = v.object({
  title: requiredText(200, { message: 'Enter a title.' }),
  file: v.pipe(
    v.file(required('Choose a file.')),
    v.minSize(1, coded('file_empty', 'The file is empty.')),
    v.maxSize(FILE_MAX_BYTES, coded('file_too_large', 'The file is larger than 20 MB.', { maxMb: FILE_MAX_BYTES / 1024 / 1024 })),
  ),
});
export type FileUploadBody = v.InferInput<typeof FileUploadBody>;

/** A question's fields but its safe number, which worker/api/inquiries.ts checks with the server's phone rule. */
export const InquiryFields = {
  orgName: requiredText(100, { message: 'Enter your organisation.' }),
  department: requiredText(100, { message: 'Enter your department.' }),
  title: requiredText(200, { message: 'Enter a title.' }),
  body: requiredText(10_000, { trim: false, message: 'Enter your question.' }),
};
/** What the web app sends to ask: the safe number as typed. */
export type InquiryBody = v.InferInput<v.ObjectSchema<typeof InquiryFields, undefined>> & { safeNumber: string };

export const InquiryAnswerBody = v.object({
  answer: requiredText(10_000, { trim: false, message: 'Enter the answer.' }),
});
export type InquiryAnswerBody = v.InferInput<typeof InquiryAnswerBody>;

// ── Web push, recordings ──

const KEY = /^[A-Za-z0-9_-]+={0,2}$/;

export const PushSubscriptionBody = v.object({
  endpoint: v.pipe(v.string(required('The subscription has no endpoint.')), v.maxLength(1000, coded('invalid', 'The endpoint is too long.'))),
  keys: v.object({
    // An uncompressed P-256 point (65 bytes) and a 16-byte secret, base64url.
    p256dh: v.pipe(
      v.string(required('The subscription has no key.')),
      v.regex(KEY, coded('invalid', 'Not a key.')),
      v.length(87, coded('invalid', 'Not a key.')),
    ),
    auth: v.pipe(
      v.string(required('The subscription has no secret.')),
      v.regex(KEY, coded('invalid', 'Not a key.')),
      v.length(22, coded('invalid', 'Not a key.')),
    ),
  }),
});
export type PushSubscriptionBody = v.InferInput<typeof PushSubscriptionBody>;

export const RecordingPlayQuery = v.object({ download: v.optional(v.picklist(['1'])) });
export type RecordingPlayQuery = v.InferInput<typeof RecordingPlayQuery>;

// ── The safe-number text message (S13) ──

export const SafeNumberSmsSendBody = v.object({ to: v.pipe(v.string(coded('phone', 'Enter a phone number.')), v.maxLength(32)) });
export type SafeNumberSmsSendBody = v.InferInput<typeof SafeNumberSmsSendBody>;

export const SafeNumberSmsTemplateBody = v.object({
  /** Null or empty: back to the default text. */
  template: v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(TEMPLATE_MAX_CHARS, tooLong(TEMPLATE_MAX_CHARS)))),
});
export type SafeNumberSmsTemplateBody = v.InferInput<typeof SafeNumberSmsTemplateBody>;
