// The answers of the routes whose shapes the contract holds, by "METHOD /path" as the app mounts
// them: the OpenAPI description (GET /api/openapi.json) names them, and the route tests validate
// real answers against them. A route not listed answers JSON the contract does not yet describe.
import * as v from 'valibot';
import { ConsoleSnapshot, HourlyAnswer, QueueLiveView, TeamMember, TransferTarget } from './cc-live';
import { CallbackRow, CallDetailAnswer, CcOptions, CcQueue, ConsultCategory, ContactCenterSettings, HistoryPage, StatsAnswer } from './contact-center';

const agentAnswer = v.object({ agent: ConsoleSnapshot.entries.agent });

export const ANSWERS = {
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
  'GET /api/cc/calls': HistoryPage,
  'GET /api/cc/calls/:id': CallDetailAnswer,
  'GET /api/cc/callbacks': v.object({ callbacks: v.array(CallbackRow), nextBefore: v.nullable(v.string()) }),
  'GET /api/cc/stats': StatsAnswer,
  'GET /api/cc/stats/hourly': HourlyAnswer,
} as const satisfies Record<string, v.GenericSchema>;

export type AnsweredRoute = keyof typeof ANSWERS;
