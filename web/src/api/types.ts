// Shapes of the API's answers, transcribed from docs/api.md (the contract the server follows).
import type { NumberKind } from '../../../contract/vocabularies';

export { ROLES, NUMBER_KINDS, type Role, type NumberKind } from '../../../contract/vocabularies';
import type { Role } from '../../../contract/vocabularies';

export type Me = {
  user: {
    id: string;
    loginId: string;
    name: string;
    role: Role;
    teamId: string | null;
    mobile: string | null;
    mobileChangedAt: number | null;
    outboundCallerId: string | null;
    smsSender: string | null;
    /** The same numbers in Korean national format, as people read them. */
    national: { mobile: string | null; outboundCallerId: string | null; smsSender: string | null };
    mustChangePassword: boolean;
  };
  org: { id: string; name: string; timezone: string };
  /** The user owns a safe number (its history, settings and check are offered only then). */
  safeNumber: boolean;
};

export type Team = { id: string; name: string; userCount: number };

export type User = {
  id: string;
  loginId: string;
  name: string;
  role: Role;
  teamId: string | null;
  mobile: string | null;
  mobileNational: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: number;
};

export type VirtualNumber = {
  id: string;
  e164: string;
  /** As people read it: 050-1234-0001. */
  national: string;
  kind: NumberKind;
  ownerUserId: string | null;
  queueId: string | null;
  paused: boolean;
};

/** A contact-center queue as the numbers screen chooses it (queues are made with the operator CLI). */
export type Queue = { id: string; name: string };

export type OrgSettings = {
  org: {
    name: string;
    timezone: string;
    recordingEnabled: boolean;
    recordingRetentionDays: number;
    recordingNoticeText: string | null;
    /** Org admins may play their staff's recordings (issue 10); absent from older servers. */
    recordingAdminAccess?: boolean;
    serviceLevelSeconds: number;
    /** Months of call records and audit entries kept in the database (issue 20 §3); absent from older servers. */
    callRetentionMonths?: number;
  };
  schedule: {
    workStartTime: string | null;
    workEndTime: string | null;
    /** Bit 0 = Monday … bit 6 = Sunday. */
    weekdays: number | null;
    lunchStartTime: string | null;
    lunchEndTime: string | null;
  };
};

export type Holiday = { id: string; date: string; name: string; builtIn: boolean };

export type AuditEntry = {
  id: string;
  actorUserId: string | null;
  /** Resolved by the server; null when the actor is gone or not of this org. */
  actorName: string | null;
  actorLoginId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** The target's name (a user, team, queue, category, announcement; a number in national format), else null. */
  targetName: string | null;
  /** A user target's login ID (secondary text). */
  targetLoginId: string | null;
  detail: unknown;
  ip: string | null;
  createdAt: number;
};

export type Notice = { id: string; urgent: boolean; title: string; body: string; createdAt: number; scope: 'platform' | 'org' };

export type Inquiry = {
  id: string;
  orgName: string;
  department: string;
  safeNumber: string;
  title: string;
  body: string;
  answer: string | null;
  answeredAt: number | null;
  createdAt: number;
};

export type Faq = { id: string; question: string; answer: string };

export type ResourceFile = { id: string; title: string; fileName: string; contentType: string; sizeBytes: number; createdAt: number };

// ── Phonebook (S17, worker/api/phonebook.ts) ──
export type ContactGroup = { id: string; name: string; size: number; createdAt: number };
export type Contact = { id: string; name: string; number: { e164: string; national: string }; memo: string | null; groupId: string | null; createdAt: number };
export type ExportedContact = { name: string; number: { e164: string; national: string }; memo: string | null; group: string | null };
