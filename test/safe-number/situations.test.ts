import { describe, expect, it } from 'vitest';
import { resolveSituations, SITUATIONS, type AnnouncementRow, type ChoiceRow } from '../../worker/safe-number/situations';
import { DEFAULT_ANNOUNCEMENTS } from '../../worker/routing/snapshot';

const a = (id: string, scope: AnnouncementRow['scope'], type: AnnouncementRow['type'], extra: Partial<AnnouncementRow> = {}): AnnouncementRow => ({
  id,
  scope,
  teamId: null,
  userId: null,
  type,
  name: id,
  text: `${id} text`,
  ...extra,
});

describe('announcements by situation', () => {
  const rows = [
    a('org-w', 'org', 'waiting'),
    a('team-w', 'team', 'waiting', { teamId: 't1' }),
    a('me-w', 'personal', 'waiting', { userId: 'u1' }),
    a('other-w', 'team', 'waiting', { teamId: 't2' }),
  ];
  const owner = { orgId: 'o1', teamId: 't1', userId: 'u1' };

  it('falls back personal → team → org → built-in, naming the source and every level’s choice', () => {
    const choices: ChoiceRow[] = [
      { scope: 'org', scopeId: 'o1', type: 'waiting', announcementId: 'org-w' },
      { scope: 'team', scopeId: 't1', type: 'waiting', announcementId: 'team-w' },
    ];
    const resolved = resolveSituations(choices, rows, owner);
    expect(resolved.map((r) => r.type)).toEqual([...SITUATIONS]);
    expect(resolved[0]).toEqual({
      type: 'waiting',
      source: 'team',
      announcementId: 'team-w',
      name: 'team-w',
      text: 'team-w text',
      chosen: { personal: null, team: 'team-w', org: 'org-w' },
    });
    expect(resolved[1]).toMatchObject({ type: 'connect', source: 'builtin', text: DEFAULT_ANNOUNCEMENTS.connect });
    const mine = resolveSituations([...choices, { scope: 'personal', scopeId: 'u1', type: 'waiting', announcementId: 'me-w' }], rows, owner);
    expect(mine[0]).toMatchObject({ source: 'personal', text: 'me-w text' });
  });

  it('ignores other teams’ and people’s choices, and choices of deleted announcements', () => {
    const choices: ChoiceRow[] = [
      { scope: 'team', scopeId: 't2', type: 'waiting', announcementId: 'other-w' },
      { scope: 'personal', scopeId: 'u2', type: 'waiting', announcementId: 'me-w' },
      { scope: 'org', scopeId: 'o1', type: 'waiting', announcementId: 'gone' },
    ];
    expect(resolveSituations(choices, rows, owner)[0]).toMatchObject({ source: 'builtin', chosen: { personal: null, team: null, org: null } });
    // A team seen from the admin screen: no user.
    expect(
      resolveSituations([{ scope: 'team', scopeId: 't2', type: 'waiting', announcementId: 'other-w' }], rows, { orgId: 'o1', teamId: 't2', userId: null })[0],
    ).toMatchObject({ source: 'team' });
  });
});
