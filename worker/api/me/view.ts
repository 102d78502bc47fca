// The signed-in user as /api/me and /api/me/profile show it: one shape, so the two never drift.
import type { User } from '../../db/users';
import { formatNational } from '../../phone';

const national = (e164: string | null) => (e164 ? formatNational(e164) : null);

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
    /** The same numbers as people read them (national format), for screens and form fields. */
    national: { mobile: national(user.mobile), outboundCallerId: national(user.outboundCallerId), smsSender: national(user.smsSender) },
    mustChangePassword: user.mustChangePassword,
  };
}
