// Announcements by situation (S5): which text each situation of a safe number speaks, resolved the
// way the snapshot compiler resolves it (the owner's choice, else their team's, else the org's,
// else the built-in text), with where it came from so screens can say "기관 공통" or "기본 멘트".
// PURE: takes the rows, returns plain data.
import { SITUATIONS, type Situation } from '../../contract/vocabularies';
import type { AnnouncementType } from '../announcement-types';
import { DEFAULT_ANNOUNCEMENTS } from '../routing/snapshot';

/** The situations a staff member or an org admin picks an announcement for, in screen order. */

export { SITUATIONS, type Situation };
SITUATIONS satisfies readonly AnnouncementType[];

export type AnnouncementScope = 'org' | 'team' | 'personal';
export type AnnouncementRow = {
  id: string;
  scope: AnnouncementScope;
  teamId: string | null;
  userId: string | null;
  type: AnnouncementType;
  name: string;
  text: string;
};
export type ChoiceRow = { scope: AnnouncementScope; scopeId: string; type: AnnouncementType; announcementId: string };

export type ChoiceSource = AnnouncementScope | 'builtin';

export type ResolvedSituation = {
  type: Situation;
  /** What callers hear now and where it comes from. */
  source: ChoiceSource;
  announcementId: string | null;
  name: string | null;
  text: string;
  /** The choice saved at each level (null = none there). */
  chosen: { personal: string | null; team: string | null; org: string | null };
};

const RANK: Record<AnnouncementScope, number> = { personal: 0, team: 1, org: 2 };

/**
 * The situations of one owner (or of a team or the org, when `owner` is narrower): `choices` may
 * hold any scopes; only the owner's own, their team's and the org's count. A choice naming an
 * announcement that no longer exists is skipped, as the compiler's join skips it.
 */
export function resolveSituations(
  choices: readonly ChoiceRow[],
  announcements: readonly AnnouncementRow[],
  owner: { orgId: string; teamId: string | null; userId: string | null },
): ResolvedSituation[] {
  const byId = new Map(announcements.map((a) => [a.id, a]));
  const applies = (c: ChoiceRow) =>
    (c.scope === 'org' && c.scopeId === owner.orgId) ||
    (c.scope === 'team' && owner.teamId !== null && c.scopeId === owner.teamId) ||
    (c.scope === 'personal' && owner.userId !== null && c.scopeId === owner.userId);
  return SITUATIONS.map((type) => {
    const mine = choices.filter((c) => c.type === type && applies(c) && byId.has(c.announcementId)).sort((a, b) => RANK[a.scope] - RANK[b.scope]);
    const at = (scope: AnnouncementScope) => mine.find((c) => c.scope === scope)?.announcementId ?? null;
    const best = mine[0];
    const announcement = best ? byId.get(best.announcementId) : undefined;
    return {
      type,
      source: best && announcement ? best.scope : 'builtin',
      announcementId: announcement?.id ?? null,
      name: announcement?.name ?? null,
      text: announcement?.text ?? DEFAULT_ANNOUNCEMENTS[type],
      chosen: { personal: at('personal'), team: at('team'), org: at('org') },
    };
  });
}
