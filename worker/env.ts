// The Worker's typed environment: bindings and vars (from `wrangler types`), plus request variables.
import * as v from 'valibot';
import type { Role } from './db/schema';

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
    user: SessionUser;
    sessionTokenHash: string;
  };
};

const onOff = v.picklist(['on', 'off']);

/** Vars every deployment must get right; checked once per isolate, failures name the var. */
export const EnvVarsSchema = v.object({
  TELNYX_API_BASE: v.pipe(v.string(), v.url()),
  CARRIER_SIMULATOR: v.optional(onOff, 'off'),
  RECORDING_HOSTS: v.string(),
  TELNYX_CONNECTION_ID: v.string(),
  TELNYX_MESSAGING_PROFILE_ID: v.string(),
});
export type EnvVars = v.InferOutput<typeof EnvVarsSchema>;

let checked: EnvVars | undefined;

export function envVars(env: Bindings): EnvVars {
  if (checked) return checked;
  const result = v.safeParse(EnvVarsSchema, env);
  if (!result.success) {
    const names = result.issues.map((i) => v.getDotPath(i) ?? '?').join(', ');
    throw new Error(`invalid configuration: ${names}`);
  }
  checked = result.output;
  return checked;
}

export function simulatorEnabled(env: Bindings): boolean {
  return env.CARRIER_SIMULATOR === 'on';
}
