// Every call flow the CallSession host can run, by name, and which one an inbound call gets.
import { announceFlow } from './announce';
import { outboundFlow } from './outbound/agent';
import { clickToCallFlow } from './outbound/click';
import { dialInFlow } from './outbound/dial-in';
import { queueFlow } from './queue';
import type { Flow, RouteResult } from './flow';
import { safeNumberFlow } from './safe-number';
import { voicemailFlow } from './voicemail';

export const FLOWS: Readonly<Record<string, Flow<never, never>>> = {
  [safeNumberFlow.name]: safeNumberFlow as Flow<never, never>,
  [announceFlow.name]: announceFlow as Flow<never, never>,
  // Entered only by a handoff from the safe-number flow (S20).
  [voicemailFlow.name]: voicemailFlow as Flow<never, never>,
  // The contact center (issue 11): a service number's queue; an agent's outbound call or callback.
  [queueFlow.name]: queueFlow as Flow<never, never>,
  [outboundFlow.name]: outboundFlow as Flow<never, never>,
  // Masked outbound calls for staff (S11, issue 17): click-to-call from the web app, and dial-in.
  [clickToCallFlow.name]: clickToCallFlow as Flow<never, never>,
  [dialInFlow.name]: dialInFlow as Flow<never, never>,
};

export type FlowName = keyof typeof FLOWS;

/** The flow an inbound call starts, from the dialled number's snapshot kind. */
export function flowForRoute(route: RouteResult): string {
  switch (route.routing?.snapshot.kind) {
    case 'service':
      // A service number that leads to a queue runs the queue flow; one without a queue announces.
      return route.routing?.snapshot.queueId ? queueFlow.name : announceFlow.name;
    case 'access':
      // A staff member dialling in to call a citizen (S11 b).
      return dialInFlow.name;
    default:
      // Safe numbers, and unknown numbers (rejected by the routing decision, without a record).
      return safeNumberFlow.name;
  }
}
