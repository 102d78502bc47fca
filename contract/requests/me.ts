// What a signed-in person sends to their own API (/api/me/…, worker/api/me/): the bodies and
// queries as valibot schemas, with the field codes each failure carries (contract/fields.ts). The
// routes validate with them; the web app imports the types (`XBody` is what it may send). Bodies with
// a phone number keep that field's check in their route (libphonenumber is the server's).
import * as v from 'valibot';
import { coded, IdSchema, pageCursorSchema, pageLimitSchema, required, requiredText, tooLong } from '../fields';
import { LMS_MAX_BYTES, SUBJECT_MAX_BYTES } from '../message-bytes';
import {
  AnnouncementNameSchema,
  AnnouncementTextSchema,
  OptionalTimeSchema,
  ShieldFieldsSchema,
  SituationSchema,
  TimeSchema,
  WeekdaysSchema,
  wholeNumber,
} from './settings';

// ── Announcements (S5) ──
export const MeAnnouncementCreateBody = v.object({ type: SituationSchema, name: AnnouncementNameSchema, text: AnnouncementTextSchema });
export type MeAnnouncementCreateBody = v.InferInput<typeof MeAnnouncementCreateBody>;
export const MeAnnouncementUpdateBody = v.object({ name: AnnouncementNameSchema, text: AnnouncementTextSchema });
export type MeAnnouncementUpdateBody = v.InferInput<typeof MeAnnouncementUpdateBody>;
export const MeAnnouncementChoiceBody = v.object({ type: SituationSchema, announcementId: v.nullable(IdSchema) });
export type MeAnnouncementChoiceBody = v.InferInput<typeof MeAnnouncementChoiceBody>;

// ── Block windows ──
export const BlockWindowBody = v.object({
  name: requiredText(40, { message: 'Enter a name.' }),
  startTime: TimeSchema,
  endTime: TimeSchema,
  weekdays: WeekdaysSchema,
  announcementId: v.optional(v.nullable(IdSchema), null),
  enabled: v.optional(v.boolean(coded('choice', 'Must be true or false.')), true),
});
export type BlockWindowBody = v.InferInput<typeof BlockWindowBody>;

// ── Home switches ──
const SwitchSchema = v.optional(v.boolean(coded('choice', 'Must be true or false.')));
export const SwitchesBody = v.object({ paused: SwitchSchema, immediateBlock: SwitchSchema });
export type SwitchesBody = v.InferInput<typeof SwitchesBody>;

// ── Schedule, shield, voicemail ──
/** null (or left out) = the org's value for that field. */
export const PersonalScheduleBody = v.object({
  workStartTime: OptionalTimeSchema,
  workEndTime: OptionalTimeSchema,
  weekdays: v.optional(v.nullable(WeekdaysSchema), null),
  lunchStartTime: OptionalTimeSchema,
  lunchEndTime: OptionalTimeSchema,
});
export type PersonalScheduleBody = v.InferInput<typeof PersonalScheduleBody>;

export const PersonalShieldBody = v.object({
  limit: v.optional(v.nullable(ShieldFieldsSchema.limit), null),
  windowMinutes: v.optional(v.nullable(ShieldFieldsSchema.windowMinutes), null),
  coolOffMinutes: v.optional(v.nullable(ShieldFieldsSchema.coolOffMinutes), null),
});
export type PersonalShieldBody = v.InferInput<typeof PersonalShieldBody>;

const VoicemailSwitch = v.boolean(coded('choice', 'Choose on or off.'));
export const VoicemailSettingsBody = v.object({ afterHours: VoicemailSwitch, noAnswer: VoicemailSwitch });
export type VoicemailSettingsBody = v.InferInput<typeof VoicemailSettingsBody>;

// ── Spam and free-pass lists (the add body's number is checked in worker/api/me/lists.ts) ──
/** A temporary block lasts at most a year. */
export const EXPIRY_MAX_MINUTES = 365 * 24 * 60;
const LIST_PAGE_MAX = 100;
const LIST_PAGE_DEFAULT = 50;
export const ListKindSchema = v.picklist(['spam', 'free_pass'], coded('choice', 'Choose spam or free_pass.'));
export const ListEntriesQuery = v.object({
  kind: ListKindSchema,
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(50, tooLong(50)))),
  before: pageCursorSchema('createdAt'),
  limit: pageLimitSchema(LIST_PAGE_MAX, LIST_PAGE_DEFAULT),
});
export type ListEntriesQuery = v.InferInput<typeof ListEntriesQuery>;

/** The add body's fields but its number, which worker/api/me/lists.ts checks with the server's phone rule. */
export const ListEntryAddFields = {
  kind: ListKindSchema,
  memo: v.optional(
    v.pipe(
      v.nullable(v.string()),
      v.transform((s) => s?.trim() || null),
      v.nullable(v.pipe(v.string(), v.maxLength(100, tooLong(100)))),
    ),
    null,
  ),
  /** Set = a temporary entry (B3) that stops matching after this many minutes. */
  expiresInMinutes: v.optional(v.nullable(wholeNumber(1, EXPIRY_MAX_MINUTES)), null),
};
/** What the web app sends to add an entry: the number as typed. */
export type ListEntryAddBody = v.InferInput<v.ObjectSchema<typeof ListEntryAddFields, undefined>> & { number: string };

// ── Messages (S12, S15, S16) ──
/** One message reaches at most this many people (a large send goes out in batches). */
export const RECIPIENTS_MAX = 10_000;
const TYPED_MAX = 1_000;
const MESSAGE_PAGE_MAX = 100;
const LOCAL = /^(\d{4}-\d{2}-\d{2})T(([01]\d|2[0-3]):[0-5]\d)$/;
const ids = (max: number) => v.optional(v.pipe(v.array(IdSchema), v.maxLength(max, tooLong(max))), []);
const messageText = () =>
  v.pipe(v.string(required('Enter the message.')), v.minLength(1, required('Enter the message.')), v.maxLength(LMS_MAX_BYTES, tooLong(LMS_MAX_BYTES)));

export const MessageComposeBody = v.object({
  sender: v.picklist(['safe_number', 'department'], coded('choice', 'Choose safe_number or department.')),
  text: messageText(),
  subject: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(SUBJECT_MAX_BYTES, tooLong(SUBJECT_MAX_BYTES)))), null),
  /** Typed numbers, in any common Korean format. */
  numbers: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(32, tooLong(32)))), v.maxLength(TYPED_MAX, tooLong(TYPED_MAX))), []),
  contactIds: ids(RECIPIENTS_MAX),
  groupIds: ids(100),
  /** An image uploaded with POST /media: the message goes as MMS. */
  mediaId: v.optional(v.nullable(IdSchema), null),
  /** The org's wall clock, `YYYY-MM-DDTHH:MM`; left out = send now. */
  scheduledAt: v.optional(v.nullable(v.pipe(v.string(), v.regex(LOCAL, coded('date', 'Use YYYY-MM-DDTHH:MM.')))), null),
});
export type MessageComposeBody = v.InferInput<typeof MessageComposeBody>;

const searchText = () => v.optional(v.pipe(v.string(), v.trim(), v.maxLength(50, tooLong(50))));
const nextBefore = () => v.optional(v.pipe(v.string(), v.regex(/^\d+:[\w-]+$/, coded('invalid', 'Use the nextBefore value.'))));

export const MessageListQuery = v.object({
  from: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, coded('date', 'Use YYYY-MM-DD.')))),
  to: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, coded('date', 'Use YYYY-MM-DD.')))),
  q: searchText(),
  status: v.optional(v.picklist(['scheduled'], coded('choice', 'Only scheduled.'))),
  before: nextBefore(),
  limit: pageLimitSchema(MESSAGE_PAGE_MAX, 50),
});
export type MessageListQuery = v.InferInput<typeof MessageListQuery>;

export const MessageRecipientsQuery = v.object({
  q: searchText(),
  messageId: v.optional(IdSchema),
  before: nextBefore(),
  limit: pageLimitSchema(MESSAGE_PAGE_MAX, 50),
});
export type MessageRecipientsQuery = v.InferInput<typeof MessageRecipientsQuery>;

export const FavouriteMessageBody = v.object({
  title: requiredText(40, { message: 'Enter a title.' }),
  text: messageText(),
});
export type FavouriteMessageBody = v.InferInput<typeof FavouriteMessageBody>;
