// Shapes of the live contact center (docs/contact-center-live.md): the agent's presence as the console
// socket and GET /api/cc/me/console send it, a queue's live view as its socket sends it, and the team.
import type { PresenceState, Role } from '../../../contract/vocabularies';

export {
  PRESENCE_STATES,
  MANUAL_STATES,
  FORCEABLE_STATES,
  SUPERVISE_ROLES,
  type PresenceState,
  type ManualState,
  type ForceableState,
  type SuperviseRole,
} from '../../../contract/vocabularies';

export type PhoneView = { number: string; national: string | null };

export type OfferView = {
  offerId: string;
  kind: 'call' | 'callback' | 'transfer';
  queueId: string | null;
  /** The callback request this offer rings for. */
  callbackId: string | null;
  queueName: string | null;
  caller: PhoneView | null;
  /** When the caller joined the line: wait = now − waitingSince. */
  waitingSince: number | null;
  offeredAt: number;
  /** The phone stops ringing by then. */
  leaseUntil: number;
};

export type CallView = {
  callSessionId: string;
  kind: 'queue' | 'callback' | 'agent_outbound' | 'transfer';
  direction: 'inbound' | 'outbound';
  queueId: string | null;
  queueName: string | null;
  caller: PhoneView | null;
  startedAt: number;
  held: boolean;
};

export type AgentView = {
  userId: string;
  state: PresenceState;
  since: number;
  reason: string;
  idleSince: number | null;
  acwUntil: number | null;
  missedOffers: number;
  queues: { queueId: string; name: string }[];
  offer: OfferView | null;
  call: CallView | null;
  lastCall: { callSessionId: string; queueId: string | null; endedAt: number } | null;
  today: { answered: number; outbound: number; talkSeconds: number; missedOffers: number };
};

export type QueueLiveView = {
  queueId: string;
  name: string;
  waitingCalls: number;
  waitingCallbacks: number;
  longestWaitSeconds: number;
  waiting: {
    id: string;
    kind: 'call' | 'callback';
    priority: number;
    position: number;
    waitedSeconds: number;
    offered: boolean;
    caller: PhoneView | null;
  }[];
  members: { userId: string; name: string; level: number; state: PresenceState; since: number; reason: string | null; answeredToday: number }[];
  today: {
    inbound: number;
    answered: number;
    abandoned: number;
    overflowed: number;
    callbacksRequested: number;
    answerRate: number | null;
    serviceLevel: number | null;
    averageWaitSeconds: number | null;
    maxWaitSeconds: number;
  };
  /** The Erlang C hint over the last 30 minutes (B5): agents needed beside those ready and working. */
  staffing: { agents: number; ready: number; staffed: number; capped: boolean; serviceLevel: number; traffic: number };
  readyAgents: { userId: string; name: string; level: number; idleSince: number | null }[];
  /** When the server made the view (the client's clock is corrected by it). */
  at: number;
};

export type ConsoleSnapshot = { agent: AgentView; queues: QueueLiveView[] };

export type TeamMember = {
  userId: string;
  name: string;
  role: Role;
  state: PresenceState;
  since: number | null;
  reason: string | null;
  missedOffers: number;
  offer: OfferView | null;
  call: CallView | null;
};

export type TransferTarget = { userId: string; name: string; level: number; idleSince: number | null };

/** A consult category (상담 업무) as GET /api/cc/categories lists it. */
export type CategoryChoice = { id: string; name: string; disabled: boolean };

/** GET /api/cc/stats/hourly (the statistics side): yesterday and today by hour of the org's zone. */
export type HourBucket = {
  hour: number;
  from: number;
  inbound: number;
  answered: number;
  abandoned: number;
  averageWaitSeconds: number | null;
  maxWaitSeconds: number | null;
};
export type HourlyAnswer = {
  timezone: string;
  queueId: string | null;
  days: { day: 'yesterday' | 'today'; date: string; hours: HourBucket[] }[];
};
