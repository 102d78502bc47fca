// The Worker's typed environment: bindings and vars (from `wrangler types`), plus request variables.
import type { Role } from './db/schema';
import type { OrgDb } from './db/scope';

export type Bindings = Env & {
  /** Secrets: set with `wrangler secret put`; in local runs and tests supplied by the runner. */
  TELNYX_API_KEY?: string;
  TELNYX_PUBLIC_KEY?: string;
  /** Only when CARRIER_SIMULATOR is on: the simulator's Ed25519 private key (base64 PKCS#8). */
  SIMULATOR_PRIVATE_KEY?: string;
  /** Web Push (S14): the VAPID key pair (base64url; `npm run vapid` makes one) and the contact the push services see. */
  VAPID_PUBLIC_KEY?: string;
  VAPID_PRIVATE_KEY?: string;
  VAPID_SUBJECT?: string;
  /** The contact center's built-in hold audio (https mp3/wav) for queues without their own; unset = silence between announcements (the simulator serves one locally). */
  HOLD_AUDIO_URL?: string;
  /** The worker's public https origin, for addresses the carrier fetches or posts to later (MMS images, message status webhooks from the cron tick); unset = the address a request came to. */
  PUBLIC_BASE_URL?: string;
  /** How long one recording copy may take (ms); tests shorten it. Default 60 s. */
  RECORDING_COPY_TIMEOUT_MS?: string;
  /** `on` only under `npm run bench`: count D1 statements and object requests (worker/metering.ts). */
  BENCH_METER?: string;
};

export type SessionUser = {
  id: string;
  orgId: string;
  role: Role;
  loginId: string;
  name: string;
};

export type AppEnv = {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    /** Set by requireUser: who is asking, */
    user: SessionUser;
    /** and the tenant scope of their organisation (`dbFor(env, user.orgId)`), for every query of the route. */
    scope: OrgDb;
    sessionTokenHash: string;
  };
};

export function simulatorEnabled(env: Bindings): boolean {
  return env.CARRIER_SIMULATOR === 'on';
}
