// Every call flow the CallSession host can run, by name, and which one an inbound call gets.
import { announceFlow } from './announce';
import type { Flow, RouteResult } from './flow';
import { safeNumberFlow } from './safe-number';
import { voicemailFlow } from './voicemail';

export const FLOWS: Readonly<Record<string, Flow<never, never>>> = {
  [safeNumberFlow.name]: safeNumberFlow as Flow<never, never>,
  [announceFlow.name]: announceFlow as Flow<never, never>,
  // Entered only by a handoff from the safe-number flow (S20).
  [voicemailFlow.name]: voicemailFlow as Flow<never, never>,
};

export type FlowName = keyof typeof FLOWS;

/** The flow an inbound call starts, from the dialled number's snapshot kind. */
export function flowForRoute(route: RouteResult): string {
  switch (route.routing?.snapshot.kind) {
    case 'service':
    case 'access':
      // The queue (contact center) and dial-in (masked outbound) flows take these over when they land.
      return announceFlow.name;
    default:
      // Safe numbers, and unknown numbers (rejected by the routing decision, without a record).
      return safeNumberFlow.name;
  }
}
