// The answers of the routes, by "METHOD /path" as the app mounts them: the OpenAPI description (GET
// /api/openapi.json) names them, and the route tests validate real answers against them
// (test/api/answers.test.ts asks every route listed here once). Every mounted GET answers JSON
// described here, or is one of NOT_JSON below, with the reason; every write is listed too.
import * as v from 'valibot';
import { ArchiveMonth, ArchivedMonths, AuditPage, Holiday, OrgSettings, OrgShield, Queue, Team, TeamAnswer, User, VirtualNumber } from './admin';
import { LoginAnswer, Me, ProfileAnswer } from './auth';
import { ConsoleSnapshot, HourlyAnswer, QueueLiveView, TeamMember, TransferTarget } from './cc-live';
import {
  CallbackRow,
  CallDetailAnswer,
  CcOptions,
  CcQueue,
  ConsultCategory,
  ContactCenterSettings,
  HistoryPage,
  StaffingAnswer,
  StatsAnswer,
} from './contact-center';
import { Faq, Inquiry, Notice, ResourceFile } from './help';
import { Favourite, MediaAnswer, MessageAnswer, MessagePage, RecipientPage, SafeNumberSmsPreview, SafeNumberSmsTemplate, SendAnswer } from './messages';
import { OperatorOverview, Health } from './operator';
import { Contact, ContactGroup, ContactPage, ExportedContact, ImportChunkAnswer, ImportSummary } from './phonebook';
import { PushKey, PushSubscribed } from './push';
import {
  Announcement,
  BlockWindow,
  CallPage,
  Home,
  ListEntry,
  ListPage,
  MyAnnouncements,
  MyMobile,
  MySchedule,
  MyShield,
  NumberCheck,
  OrgAnnouncements,
  StaffSettings,
  VoicemailSettings,
  Voicemails,
  WhatIf,
} from './safe-number';
import { Ok } from './shapes';

const agentAnswer = v.object({ agent: ConsoleSnapshot.entries.agent });
const one = <K extends string, S extends v.GenericSchema>(key: K, schema: S) => v.object({ [key]: schema } as { [P in K]: S });
const list = <K extends string, S extends v.GenericSchema>(key: K, schema: S) =>
  v.object({ [key]: v.array(schema) } as { [P in K]: v.ArraySchema<S, undefined> });

export const ANSWERS = {
  // ── Accounts ──
  'POST /api/auth/login': LoginAnswer,
  'POST /api/auth/logout': Ok,
  'GET /api/me': Me,
  'POST /api/me/password': Ok,
  'PUT /api/me/profile': ProfileAnswer,

  // ── Safe number: the staff member's own ──
  'GET /api/me/home': Home,
  'PUT /api/me/switches': Home,
  'GET /api/me/calls': CallPage,
  'GET /api/me/schedule': MySchedule,
  'PUT /api/me/schedule': MySchedule,
  'GET /api/me/block-windows': list('blockWindows', BlockWindow),
  'POST /api/me/block-windows': one('blockWindow', BlockWindow),
  'PUT /api/me/block-windows/:id': one('blockWindow', BlockWindow),
  'DELETE /api/me/block-windows/:id': Ok,
  'GET /api/me/announcements': MyAnnouncements,
  'POST /api/me/announcements': one('announcement', Announcement),
  'PUT /api/me/announcements/:id': one('announcement', Announcement),
  'DELETE /api/me/announcements/:id': Ok,
  'PUT /api/me/announcement-choices': MyAnnouncements,
  'GET /api/me/list-entries': ListPage,
  'POST /api/me/list-entries': one('entry', ListEntry),
  'DELETE /api/me/list-entries/:id': Ok,
  'GET /api/me/mobile': MyMobile,
  'PUT /api/me/mobile': MyMobile,
  'GET /api/me/shield': MyShield,
  'PUT /api/me/shield': MyShield,
  'POST /api/me/number-check': NumberCheck,
  'POST /api/me/what-if': WhatIf,
  'GET /api/me/voicemail': one('voicemail', VoicemailSettings),
  'PUT /api/me/voicemail': one('voicemail', VoicemailSettings),
  'GET /api/voicemails': Voicemails,
  'POST /api/me/outbound-calls': v.object({ callSessionId: v.string() }),

  // ── Administration ──
  'GET /api/admin/teams': list('teams', Team),
  'POST /api/admin/teams': TeamAnswer,
  'PATCH /api/admin/teams/:id': TeamAnswer,
  'DELETE /api/admin/teams/:id': Ok,
  'GET /api/admin/users': list('users', User),
  'POST /api/admin/users': one('user', User),
  'PATCH /api/admin/users/:id': one('user', User),
  'POST /api/admin/users/:id/password': Ok,
  'GET /api/admin/users/:id/settings': StaffSettings,
  'GET /api/admin/numbers': list('numbers', VirtualNumber),
  'POST /api/admin/numbers': one('number', VirtualNumber),
  'PATCH /api/admin/numbers/:id': one('number', VirtualNumber),
  'DELETE /api/admin/numbers/:id': Ok,
  'GET /api/admin/queues': list('queues', Queue),
  'GET /api/admin/org': OrgSettings,
  'PUT /api/admin/org': OrgSettings,
  'GET /api/admin/org/contact-center': one('settings', ContactCenterSettings),
  'PUT /api/admin/org/contact-center': one('settings', ContactCenterSettings),
  'GET /api/admin/holidays': list('holidays', Holiday),
  'POST /api/admin/holidays': one('holiday', Holiday),
  'DELETE /api/admin/holidays/:id': Ok,
  'GET /api/admin/audit': AuditPage,
  'GET /api/admin/archive': ArchiveMonth,
  'GET /api/admin/archive/months': ArchivedMonths,
  'GET /api/admin/announcements': OrgAnnouncements,
  'POST /api/admin/announcements': one('announcement', Announcement),
  'PUT /api/admin/announcements/:id': one('announcement', Announcement),
  'DELETE /api/admin/announcements/:id': Ok,
  'PUT /api/admin/announcement-choices': OrgAnnouncements,
  'GET /api/admin/shield': OrgShield,
  'PUT /api/admin/shield': OrgShield,

  // ── Phonebook ──
  'GET /api/phonebook/groups': list('groups', ContactGroup),
  'POST /api/phonebook/groups': one('group', ContactGroup),
  'PATCH /api/phonebook/groups/:id': one('group', ContactGroup),
  'DELETE /api/phonebook/groups/:id': Ok,
  'GET /api/phonebook/contacts': ContactPage,
  'POST /api/phonebook/contacts': one('contact', Contact),
  'PATCH /api/phonebook/contacts/:id': one('contact', Contact),
  'DELETE /api/phonebook/contacts/:id': Ok,
  'POST /api/phonebook/imports/:importId/chunks': ImportChunkAnswer,
  'POST /api/phonebook/imports/:importId/finish': ImportSummary,
  'GET /api/phonebook/export': list('contacts', ExportedContact),

  // ── Messages ──
  'GET /api/me/messages': MessagePage,
  'POST /api/me/messages': SendAnswer,
  'GET /api/me/messages/:id': MessageAnswer,
  'POST /api/me/messages/:id/cancel': MessageAnswer,
  'POST /api/me/messages/media': MediaAnswer,
  'GET /api/me/message-recipients': RecipientPage,
  'GET /api/me/favourite-messages': list('favourites', Favourite),
  'POST /api/me/favourite-messages': one('favourite', Favourite),
  'DELETE /api/me/favourite-messages/:id': Ok,
  'GET /api/me/safe-number-sms': SafeNumberSmsPreview,
  'POST /api/me/safe-number-sms': MessageAnswer,
  'GET /api/admin/safe-number-sms': SafeNumberSmsTemplate,
  'PUT /api/admin/safe-number-sms': SafeNumberSmsTemplate,

  // ── Push ──
  'GET /api/push/key': PushKey,
  'POST /api/push/subscriptions': PushSubscribed,
  'DELETE /api/push/subscriptions/:id': Ok,

  // ── Notices, FAQ, files, inquiries ──
  'GET /api/notices': list('notices', Notice),
  'POST /api/notices': one('notice', Notice),
  'DELETE /api/notices/:id': Ok,
  'GET /api/faqs': list('faqs', Faq),
  'POST /api/faqs': one('faq', Faq),
  'DELETE /api/faqs/:id': Ok,
  'GET /api/files': list('files', ResourceFile),
  'POST /api/files': one('file', ResourceFile),
  'DELETE /api/files/:id': Ok,
  'GET /api/inquiries': list('inquiries', Inquiry),
  'POST /api/inquiries': one('inquiry', Inquiry),
  'POST /api/inquiries/:id/answer': one('inquiry', Inquiry),

  // ── Platform ──
  'GET /api/health': Health,
  'GET /api/operator/overview': OperatorOverview,

  // ── Contact center ──
  'GET /api/cc/me/console': ConsoleSnapshot,
  'POST /api/cc/me/login': agentAnswer,
  'POST /api/cc/me/logout': agentAnswer,
  'POST /api/cc/me/state': agentAnswer,
  'GET /api/cc/me/call/transfer-targets': v.object({ agents: v.array(TransferTarget) }),
  'GET /api/cc/live/queues': v.object({ queues: v.array(QueueLiveView) }),
  'GET /api/cc/live/queues/:id': QueueLiveView,
  'GET /api/cc/live/agents': v.object({ agents: v.array(TeamMember) }),
  'GET /api/cc/categories': v.object({ categories: v.array(ConsultCategory) }),
  'GET /api/cc/options': CcOptions,
  'GET /api/cc/queues': v.object({ queues: v.array(CcQueue), defaults: ContactCenterSettings }),
  'GET /api/cc/queues/:id': v.object({ queue: CcQueue, defaults: ContactCenterSettings }),
  'GET /api/cc/calls': HistoryPage,
  'GET /api/cc/calls/:id': CallDetailAnswer,
  'GET /api/cc/callbacks': v.object({ callbacks: v.array(CallbackRow), nextBefore: v.nullable(v.string()) }),
  'GET /api/cc/stats': StatsAnswer,
  'GET /api/cc/stats/hourly': HourlyAnswer,
  'GET /api/cc/stats/staffing': StaffingAnswer,
  'POST /api/cc/live/agents/:id/state': agentAnswer,
  'POST /api/cc/queues': one('queue', CcQueue),
  'PATCH /api/cc/queues/:id': one('queue', CcQueue),
  'PUT /api/cc/queues/:id/members': one('queue', CcQueue),
  'DELETE /api/cc/queues/:id': Ok,
  'POST /api/cc/categories': one('category', ConsultCategory),
  'PATCH /api/cc/categories/:id': one('category', ConsultCategory),
  'PUT /api/cc/categories/order': list('categories', ConsultCategory),
  'PUT /api/cc/calls/:id/wrap-up': CallDetailAnswer,
  'POST /api/cc/callbacks/:id/done': one('callback', CallbackRow),
  'DELETE /api/cc/callbacks/:id': Ok,
  // The live side accepts these (202) and says what became of them on the sockets.
  'POST /api/cc/me/call/hold': Ok,
  'POST /api/cc/me/call/unhold': Ok,
  'POST /api/cc/me/call/hangup': Ok,
  'POST /api/cc/me/call/transfer': Ok,
  'POST /api/cc/live/agents/:id/supervise': Ok,
  'POST /api/cc/live/agents/:id/supervise/stop': Ok,
  'POST /api/cc/outbound': v.object({ callSessionId: v.string() }),
} as const satisfies Record<string, v.GenericSchema>;

export type AnsweredRoute = keyof typeof ANSWERS;

/**
 * The mounted GETs that answer no JSON, each with what it answers instead (the one place the
 * contract's coverage test allows a GET without an answer schema).
 */
export const NOT_JSON = {
  'GET /api/openapi.json': 'this description itself: OpenAPI 3.1, checked by a validator (test/node/openapi.test.ts)',
  'GET /api/live': 'a WebSocket upgrade: the staff member’s live updates',
  'GET /api/cc/live/queues/:id/socket': 'a WebSocket upgrade: the queue’s live view (contract/cc-live.ts describes its messages)',
  'GET /api/cc/stats/csv': 'a CSV file of the statistics (text/csv, UTF-8 with a byte-order mark)',
  'GET /api/recordings/:id': 'the recording’s audio, streamed with byte ranges',
  'GET /api/files/:id/download': 'the resource file itself, as an attachment',
  'GET /api/admin/archive/download': 'one archived part: gzipped NDJSON, as an attachment',
} as const satisfies Record<string, string>;
