// What the phonebook (S17, /api/phonebook) takes: its limits, the group body, the contacts list's and
// export's query strings and an import's id, as valibot schemas with their field codes
// (contract/fields.ts). The contact and import-chunk bodies hold phone numbers, so they are put
// together in worker/api/phonebook.ts from the memo and group fields here and the server's phone rule.
import * as v from 'valibot';
import { coded, IdSchema, outOfRange, requiredText, tooLong } from '../fields';

/** A person's phonebook holds at most this many contacts (a 10,000-row file imports several times over). */
export const CONTACTS_MAX = 50_000;
export const GROUPS_MAX = 200;
export const NAME_MAX = 50;
export const MEMO_MAX = 100;
export const GROUP_NAME_MAX = 30;
/** Rows per import chunk: a chunk of full-length Korean names and memos stays under the 64 KB body limit. */
export const CHUNK_MAX = 200;
const PHONEBOOK_PAGE_MAX = 100;
const PHONEBOOK_PAGE_DEFAULT = 50;

export const MemoSchema = v.optional(
  v.pipe(
    v.nullable(v.string()),
    v.transform((s) => s?.trim() || null),
    v.nullable(v.pipe(v.string(), v.maxLength(MEMO_MAX, tooLong(MEMO_MAX)))),
  ),
  null,
);
export const GroupIdSchema = v.optional(v.nullable(IdSchema), null);

export const PhonebookGroupBody = v.object({ name: requiredText(GROUP_NAME_MAX) });
export type PhonebookGroupBody = v.InferInput<typeof PhonebookGroupBody>;

/** A contact's fields but its number, which worker/api/phonebook.ts checks with the server's phone rule. */
export const ContactFields = { name: requiredText(NAME_MAX), memo: MemoSchema, groupId: GroupIdSchema };
/** What the web app sends to add or change a contact: the number as typed. */
export type ContactBody = v.InferInput<v.ObjectSchema<typeof ContactFields, undefined>> & { number: string };

export const ContactListQuery = v.object({
  /** A group's id, or `none` for the contacts in no group; left out: all. */
  group: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(50, tooLong(50)))),
  offset: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/, outOfRange(0, 999_999)), v.transform(Number)), '0'),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, outOfRange(1, PHONEBOOK_PAGE_MAX)),
      v.transform(Number),
      v.minValue(1, outOfRange(1, PHONEBOOK_PAGE_MAX)),
      v.maxValue(PHONEBOOK_PAGE_MAX, outOfRange(1, PHONEBOOK_PAGE_MAX)),
    ),
    String(PHONEBOOK_PAGE_DEFAULT),
  ),
});
export type ContactListQuery = v.InferInput<typeof ContactListQuery>;

export const ImportParam = v.object({ importId: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/, coded('invalid', 'An import id is 32 hex digits.'))) });
export type ImportParam = v.InferInput<typeof ImportParam>;
export const ContactExportQuery = v.object({ group: v.optional(IdSchema) });
export type ContactExportQuery = v.InferInput<typeof ContactExportQuery>;
