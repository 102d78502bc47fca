// The phonebook's answers (S17, issue 17 §5, docs/api.md "Phonebook"): groups with their sizes,
// contacts, the export, and a bulk import's chunks and summary. valibot schemas; the web reads types.
import * as v from 'valibot';
import { Phone } from './shapes';

const num = v.number();
const nullableStr = v.nullable(v.string());

export const ContactGroup = v.object({ id: v.string(), name: v.string(), size: num, createdAt: num });
export type ContactGroup = v.InferOutput<typeof ContactGroup>;
export const Contact = v.object({ id: v.string(), name: v.string(), number: Phone, memo: nullableStr, groupId: nullableStr, createdAt: num });
export type Contact = v.InferOutput<typeof Contact>;
/** GET /api/phonebook/contacts: a page and the total of the filter. */
export const ContactPage = v.object({ contacts: v.array(Contact), total: num });
export type ContactPage = v.InferOutput<typeof ContactPage>;
/** GET /api/phonebook/export: every contact (of a group), with its group's name. */
export const ExportedContact = v.object({ name: v.string(), number: Phone, memo: nullableStr, group: nullableStr });
export type ExportedContact = v.InferOutput<typeof ExportedContact>;
/** POST /api/phonebook/imports/:importId/chunks: the chunk's rows now in the phonebook, and those skipped. */
export const ImportChunkAnswer = v.object({ imported: num, skipped: num });
/** POST /api/phonebook/imports/:importId/finish: the import's rows written, and the phonebook's size. */
export const ImportSummary = v.object({ imported: num, total: num });
