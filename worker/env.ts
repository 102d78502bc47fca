// The Worker's typed environment: bindings and vars (from `wrangler types`), plus request variables.
import type { Role } from './db/schema';
import type { OrgDb } from './db/scope';

export type Bindings = Env & {
  /** Secrets: set with `wrangler secret put`; in local runs and tests supplied by the runner. */
  TELNYX_API_KEY?: string;
  TELNYX_PUBLIC_KEY?: string;
  /** Only when CARRIER_SIMULATOR is on: the simulator's Ed25519 private key (base64 PKCS#8). */
  SIMULATOR_PRIVATE_KEY?: string;
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
