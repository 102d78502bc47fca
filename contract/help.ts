// The help desk's answers (issue 4, docs/api.md "Notices, FAQ, files, inquiries"): notices, FAQs and
// resource files, each the platform's or the org's (`scope`), and inquiries to the operator with
// their answers. valibot schemas; the web app reads the inferred types.
import * as v from 'valibot';

const num = v.number();
const nullableNum = v.nullable(v.number());
/** Written by the platform operator for everyone, or by the org for its own people. */
const ContentScope = v.picklist(['platform', 'org']);

export const Notice = v.object({ id: v.string(), urgent: v.boolean(), title: v.string(), body: v.string(), createdAt: num, scope: ContentScope });
export type Notice = v.InferOutput<typeof Notice>;

export const Faq = v.object({ id: v.string(), question: v.string(), answer: v.string(), sortOrder: num, scope: ContentScope });
export type Faq = v.InferOutput<typeof Faq>;

export const ResourceFile = v.object({
  id: v.string(),
  title: v.string(),
  fileName: v.string(),
  contentType: v.string(),
  sizeBytes: num,
  createdAt: num,
  scope: ContentScope,
});
export type ResourceFile = v.InferOutput<typeof ResourceFile>;

export const Inquiry = v.object({
  id: v.string(),
  orgId: v.string(),
  userId: v.string(),
  orgName: v.string(),
  department: v.string(),
  safeNumber: v.string(),
  title: v.string(),
  body: v.string(),
  answer: v.nullable(v.string()),
  answeredAt: nullableNum,
  createdAt: num,
});
export type Inquiry = v.InferOutput<typeof Inquiry>;
