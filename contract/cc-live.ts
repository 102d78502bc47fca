// The live contact center's answers and socket messages (docs/contact-center-live.md), as valibot
// schemas: the agent's presence as the console socket and GET /api/cc/me/console send it, a queue's
// live view as its socket sends it, the team, and the hourly statistics. The worker's answers are
// typed by them and the route tests validate against them; the web app reads the inferred types.
import * as v from 'valibot';
import { PRESENCE_STATES, ROLES } from './vocabularies';

const num = v.number();
const nullableNum = v.nullable(v.number());
const nullableStr = v.nullable(v.string());

export const PhoneView = v.object({ number: v.string(), national: nullableStr });
export type PhoneView = v.InferOutput<typeof PhoneView>;

/** The customer on the console: the agent's own phonebook name when it has the number (issue 17). */
export const CustomerView = v.object({ ...PhoneView.entries, name: v.optional(nullableStr) });
export type CustomerView = v.InferOutput<typeof CustomerView>;

export const OfferView = v.object({
  offerId: v.string(),
  kind: v.picklist(['call', 'callback', 'transfer']),
  queueId: nullableStr,
  /** The callback request this offer rings for. */
  callbackId: nullableStr,
  queueName: nullableStr,
  caller: v.nullable(CustomerView),
  /** When the caller joined the line: wait = now − waitingSince. */
  waitingSince: nullableNum,
  offeredAt: num,
  /** The phone stops ringing by then. */
  leaseUntil: num,
});
export type OfferView = v.InferOutput<typeof OfferView>;

export const CallView = v.object({
  callSessionId: v.string(),
  kind: v.picklist(['queue', 'callback', 'agent_outbound', 'transfer']),
  direction: v.picklist(['inbound', 'outbound']),
  queueId: nullableStr,
  queueName: nullableStr,
  caller: v.nullable(CustomerView),
  startedAt: num,
  held: v.boolean(),
});
export type CallView = v.InferOutput<typeof CallView>;

const PresenceState = v.picklist(PRESENCE_STATES);

export const AgentView = v.object({
  userId: v.string(),
  state: PresenceState,
  since: num,
  reason: v.string(),
  idleSince: nullableNum,
  acwUntil: nullableNum,
  missedOffers: num,
  queues: v.array(v.object({ queueId: v.string(), name: v.string() })),
  offer: v.nullable(OfferView),
  call: v.nullable(CallView),
  lastCall: v.nullable(v.object({ callSessionId: v.string(), queueId: nullableStr, endedAt: num })),
  today: v.object({ answered: num, outbound: num, talkSeconds: num, missedOffers: num }),
});
export type AgentView = v.InferOutput<typeof AgentView>;

export const QueueLiveView = v.object({
  queueId: v.string(),
  name: v.string(),
  waitingCalls: num,
  waitingCallbacks: num,
  longestWaitSeconds: num,
  waiting: v.array(
    v.object({
      id: v.string(),
      kind: v.picklist(['call', 'callback']),
      priority: num,
      position: num,
      waitedSeconds: num,
      offered: v.boolean(),
      caller: v.nullable(PhoneView),
    }),
  ),
  members: v.array(v.object({ userId: v.string(), name: v.string(), level: num, state: PresenceState, since: num, reason: nullableStr, answeredToday: num })),
  today: v.object({
    inbound: num,
    answered: num,
    abandoned: num,
    overflowed: num,
    callbacksRequested: num,
    answerRate: nullableNum,
    serviceLevel: nullableNum,
    averageWaitSeconds: nullableNum,
    maxWaitSeconds: num,
  }),
  /** The Erlang C hint over the last 30 minutes (B5): agents needed beside those ready and working. */
  staffing: v.object({ agents: num, ready: num, staffed: num, capped: v.boolean(), serviceLevel: num, traffic: num }),
  readyAgents: v.array(v.object({ userId: v.string(), name: v.string(), level: num, idleSince: nullableNum })),
  /** When the server made the view (the client's clock is corrected by it). */
  at: num,
});
export type QueueLiveView = v.InferOutput<typeof QueueLiveView>;

/** GET /api/cc/me/console. */
export const ConsoleSnapshot = v.object({ agent: AgentView, queues: v.array(QueueLiveView) });
export type ConsoleSnapshot = v.InferOutput<typeof ConsoleSnapshot>;

export const TeamMember = v.object({
  userId: v.string(),
  name: v.string(),
  role: v.picklist(ROLES),
  state: PresenceState,
  since: nullableNum,
  reason: nullableStr,
  missedOffers: num,
  offer: v.nullable(OfferView),
  call: v.nullable(CallView),
});
export type TeamMember = v.InferOutput<typeof TeamMember>;

export const TransferTarget = v.object({ userId: v.string(), name: v.string(), level: num, idleSince: nullableNum });
export type TransferTarget = v.InferOutput<typeof TransferTarget>;

/** A consult category (상담 업무) as GET /api/cc/categories lists it. */
export const CategoryChoice = v.object({ id: v.string(), name: v.string(), disabled: v.boolean() });
export type CategoryChoice = v.InferOutput<typeof CategoryChoice>;

/** GET /api/cc/stats/hourly (the statistics side): yesterday and today by hour of the org's zone. */
export const HourBucket = v.object({
  hour: num,
  from: num,
  inbound: num,
  answered: num,
  abandoned: num,
  averageWaitSeconds: nullableNum,
  maxWaitSeconds: nullableNum,
});
export type HourBucket = v.InferOutput<typeof HourBucket>;
export const HourlyAnswer = v.object({
  timezone: v.string(),
  queueId: nullableStr,
  days: v.array(v.object({ day: v.picklist(['yesterday', 'today']), date: v.string(), hours: v.array(HourBucket) })),
});
export type HourlyAnswer = v.InferOutput<typeof HourlyAnswer>;
