// What the contact center's people send (/api/cc/…, worker/api/cc/): the bodies and queries as
// valibot schemas, with the field codes each failure carries (contract/fields.ts), and what the
// lists and reports take in their query strings (a named period or a date range, an opaque cursor,
// filters by id). The routes validate with them; the web app imports the types. Checks that need
// the server stay in their route: a filter naming another org's id, a range's dates in the org's
// zone (worker/api/cc/query.ts), the callback's number (the destination policy), a queue's hold
// audio address (worker/http/public-url.ts).
import * as v from 'valibot';
import { coded, IdSchema, pageCursorSchema, pageLimitSchema, required, requiredText, tooLong, wholeNumber } from '../fields';
import { HISTORY_VIEWS, OUTCOME_FILTERS, PERIODS, STATS_GROUPS, SUPERVISE_ROLES } from '../vocabularies';

// ── Query strings the lists and reports share ──
/** "<ms>:<id>" of the last row of a page; the next page starts strictly after it. */
export const CursorSchema = pageCursorSchema('at');

const DateSchema = v.pipe(
  v.string(),
  v.isoDate(coded('date', 'Use YYYY-MM-DD.')),
  v.check(
    (d) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
    },
    coded('date', 'No such day.'),
  ),
);

export const PeriodSchema = v.picklist(PERIODS, coded('choice', 'Choose today, yesterday, this_week, this_month or last_30_days.'));

/** A named period, or from/to dates (inclusive, org zone; both or neither, at most a year). */
export const RangeFields = {
  period: v.optional(PeriodSchema),
  from: v.optional(DateSchema),
  to: v.optional(DateSchema),
};

export const FilterIdSchema = v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64)));

// ── History and callbacks ──
export const CALLBACK_LISTS = ['pending', 'done'] as const;

export const CallbackListQuery = v.object({
  status: v.optional(v.picklist(CALLBACK_LISTS, coded('choice', 'Choose pending or done.')), 'pending'),
  queueId: FilterIdSchema,
  before: CursorSchema,
  limit: pageLimitSchema(100, 30),
});
export type CallbackListQuery = v.InferInput<typeof CallbackListQuery>;

/** Wrap-up notes: at most 1024 characters (C7), kept as typed. */
export const WRAP_UP_NOTES_MAX = 1024;
const HISTORY_PAGE_MAX = 100;

export const CallHistoryQuery = v.object({
  view: v.optional(v.picklist(HISTORY_VIEWS, coded('choice', 'Choose mine, unanswered or all.')), 'mine'),
  ...RangeFields,
  queueId: FilterIdSchema,
  agentId: FilterIdSchema,
  categoryId: FilterIdSchema,
  outcome: v.optional(v.picklist(OUTCOME_FILTERS, coded('choice', 'Choose an outcome.'))),
  before: CursorSchema,
  limit: pageLimitSchema(HISTORY_PAGE_MAX, 30),
});
export type CallHistoryQuery = v.InferInput<typeof CallHistoryQuery>;

/** `at`: the call's start (ms), which a history row links with, so an archived call is found in its month's parts (issue 20 §3). */
export const CallDetailQuery = v.object({
  at: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, coded('invalid', 'Not an instant.')), v.transform(Number))),
});
export type CallDetailQuery = v.InferInput<typeof CallDetailQuery>;

export const WrapUpBody = v.object({
  categoryId: v.optional(v.nullable(IdSchema), null),
  notes: v.pipe(v.string(coded('invalid', 'Notes must be text.')), v.maxLength(WRAP_UP_NOTES_MAX, tooLong(WRAP_UP_NOTES_MAX))),
});
export type WrapUpBody = v.InferInput<typeof WrapUpBody>;

// ── Consultation categories ──
const CategoryName = requiredText(50, { message: 'Enter a category name.' });
export const CategoryCreateBody = v.object({ name: CategoryName, sortOrder: v.optional(wholeNumber(0, 9999)) });
export type CategoryCreateBody = v.InferInput<typeof CategoryCreateBody>;
export const CategoryPatchBody = v.object({
  name: v.optional(CategoryName),
  sortOrder: v.optional(wholeNumber(0, 9999)),
  disabled: v.optional(v.boolean(coded('choice', 'Must be true or false.'))),
});
export type CategoryPatchBody = v.InferInput<typeof CategoryPatchBody>;
export const CategoryOrderBody = v.object({ ids: v.pipe(v.array(IdSchema, coded('invalid', 'Give the category ids in order.')), v.maxLength(1000)) });
export type CategoryOrderBody = v.InferInput<typeof CategoryOrderBody>;

// ── Queues' members (the queue's settings body is checked in worker/api/cc/queues.ts) ──
const MEMBERS_MAX = 500;
export const QueueMembersBody = v.object({
  members: v.pipe(
    v.array(v.object({ userId: IdSchema, level: wholeNumber(1, 9) }), coded('invalid', 'Give a list of members.')),
    v.maxLength(MEMBERS_MAX, coded('too_long', `At most ${MEMBERS_MAX} members.`, { max: MEMBERS_MAX })),
  ),
});
export type QueueMembersBody = v.InferInput<typeof QueueMembersBody>;

// ── Statistics (C8) ──
export const StatsReportQuery = v.object({
  period: v.optional(PeriodSchema, 'today'),
  group: v.optional(v.picklist(STATS_GROUPS, coded('choice', 'Choose total, agent or category.')), 'total'),
  queueId: FilterIdSchema,
});
export type StatsReportQuery = v.InferInput<typeof StatsReportQuery>;
export const StatsCsvQuery = v.object({ ...StatsReportQuery.entries, lang: v.optional(v.picklist(['ko', 'en'], coded('choice', 'Choose ko or en.')), 'ko') });
export type StatsCsvQuery = v.InferInput<typeof StatsCsvQuery>;
export const StatsQueueQuery = v.object({ queueId: FilterIdSchema });
export type StatsQueueQuery = v.InferInput<typeof StatsQueueQuery>;

// ── The live contact center (issue 11; the outbound body's number is checked in worker/api/cc/live.ts) ──
/** C7: notes of at most 1024 characters (code points, as the reducer counts). */
const NotesSchema = v.pipe(
  v.string(coded('invalid', 'Notes must be text.')),
  v.check((s) => [...s].length <= 1024, tooLong(1024)),
);

export const AgentStateBody = v.object({
  state: v.picklist(['ready', 'break', 'acw'], coded('choice', 'Choose ready, break or ACW.')),
  wrapUp: v.optional(v.object({ categoryId: v.nullable(IdSchema), notes: NotesSchema })),
});
export type AgentStateBody = v.InferInput<typeof AgentStateBody>;

export const ForceStateBody = v.object({
  state: v.picklist(['offline', 'ready', 'break', 'acw'], coded('choice', 'Choose offline, ready, break or ACW.')),
  reason: v.pipe(v.string(required()), v.trim(), v.minLength(1, required()), v.maxLength(200, tooLong(200))),
});
export type ForceStateBody = v.InferInput<typeof ForceStateBody>;

export const TransferBody = v.object({
  toUserId: v.pipe(v.string(required()), v.minLength(1, required()), v.maxLength(64, coded('not_in_org', 'No such agent.'))),
});
export type TransferBody = v.InferInput<typeof TransferBody>;
export const SuperviseBody = v.object({ role: v.picklist(SUPERVISE_ROLES, coded('choice', 'Choose monitor, whisper or barge.')) });
export type SuperviseBody = v.InferInput<typeof SuperviseBody>;
