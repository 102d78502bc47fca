// The masked outbound call's one effect on the CallSession host (S11): who is dialling in to the
// org's access number, recognised by the caller's number among the org's staff mobiles. Plain data;
// the host carries it out in durable-objects/outbound-effects.ts.

/** The staff member whose registered mobile called the access number, and what the citizen will see. */
export type DialInCaller = {
  userId: string;
  /** The profile's outbound caller ID, else their safe number; null = nothing to show (refused). */
  callerId: string | null;
};

export type OutboundEffect =
  /** Answers DialInCaller, or null when no enabled user of the org has this mobile. */
  { key: string; kind: 'dial_in_caller'; orgId: string; caller: string };
