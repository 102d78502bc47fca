// What the CallSession host does for the masked outbound call's effect (S11): recognise the staff
// member calling the access number by their registered mobile. Kept apart like the media effects.
import type { DialInCaller, OutboundEffect } from '../worker/calls/outbound/effects';
import { dialInCaller } from '../worker/db/outbound';
import { dbFor } from '../worker/db/scope';
import type { Bindings } from '../worker/env';

type Runners = { [K in OutboundEffect['kind']]: (env: Bindings, effect: Extract<OutboundEffect, { kind: K }>) => Promise<unknown> };

export const OUTBOUND_EFFECTS: Runners = {
  dial_in_caller: async (env, e): Promise<DialInCaller | null> => dialInCaller(dbFor(env, e.orgId), e.caller),
};
