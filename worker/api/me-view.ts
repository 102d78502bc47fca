// The signed-in user as /api/me and /api/me/profile show it: one shape, so the two never drift.
import type { User } from '../db/users';

export function meUser(user: User) {
  return {
    id: user.id,
    loginId: user.loginId,
    name: user.name,
    role: user.role,
    teamId: user.teamId,
    mobile: user.mobile,
    mobileChangedAt: user.mobileChangedAt,
    outboundCallerId: user.outboundCallerId,
    smsSender: user.smsSender,
    mustChangePassword: user.mustChangePassword,
  };
}
