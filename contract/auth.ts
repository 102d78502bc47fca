// Accounts' answers (P1, C1, S18, docs/api.md "Accounts"): who logged in, who I am (GET /api/me, the
// app's first request), and my profile after a change. valibot schemas; the web app reads the types.
import * as v from 'valibot';
import { ROLES } from './vocabularies';

const nullableStr = v.nullable(v.string());
const Role = v.picklist(ROLES);

/** POST /api/auth/login. */
export const LoginAnswer = v.object({
  user: v.object({ id: v.string(), loginId: v.string(), name: v.string(), role: Role, mustChangePassword: v.boolean() }),
  org: v.object({ id: v.string(), name: v.string() }),
});
export type LoginAnswer = v.InferOutput<typeof LoginAnswer>;

/** The signed-in user as GET /api/me and PUT /api/me/profile show them (worker/api/me-view.ts). */
export const MeUser = v.object({
  id: v.string(),
  loginId: v.string(),
  name: v.string(),
  role: Role,
  teamId: nullableStr,
  mobile: nullableStr,
  mobileChangedAt: v.nullable(v.number()),
  outboundCallerId: nullableStr,
  smsSender: nullableStr,
  /** The same numbers in Korean national format, as people read them. */
  national: v.object({ mobile: nullableStr, outboundCallerId: nullableStr, smsSender: nullableStr }),
  mustChangePassword: v.boolean(),
});
export type MeUser = v.InferOutput<typeof MeUser>;

/** GET /api/me. */
export const Me = v.object({
  user: MeUser,
  org: v.object({ id: v.string(), name: v.string(), timezone: v.string() }),
  /** The user owns a safe number (its history, settings and check are offered only then). */
  safeNumber: v.boolean(),
});
export type Me = v.InferOutput<typeof Me>;

/** PUT /api/me/profile. */
export const ProfileAnswer = v.object({ user: MeUser });
export type ProfileAnswer = v.InferOutput<typeof ProfileAnswer>;
