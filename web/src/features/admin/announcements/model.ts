// Org and team announcements (S5) as an org admin manages them: the level (the org's common ones
// or one team's), its announcements (type, name, text ≤ 240) and which one each situation uses there.
import { createModel, signal } from '@preact/signals';
import { api } from '../../../api/client';
import type { Announcement, OrgAnnouncements, ResolvedSituation } from '../../../../../contract/safe-number';
import type { Situation } from '../../../../../contract/vocabularies';
import { errorMessage } from '../../../i18n/errors';
import { resource } from '../../../ui/resource';
import { announcementEditor } from '../../settings/announcements-model';

/** 'org' or a team id. */
export type Level = string;

export const OrgAnnouncementsModel = createModel(() => {
  const data = resource(() => api.get<OrgAnnouncements>('/admin/announcements'));
  const level = signal<Level>('org');
  const { form, editing, problem, edit, save, remove } = announcementEditor(
    '/admin/announcements',
    () => data.reload(),
    () => scopeOf(level.value),
  );
  const choosing = signal<Situation | null>(null);

  const scopeOf = (l: Level) => (l === 'org' ? { scope: 'org', teamId: null } : { scope: 'team', teamId: l });

  function announcementsAt(d: OrgAnnouncements, l: Level): Announcement[] {
    return d.announcements.filter((a) => (l === 'org' ? a.scope === 'org' : a.scope === 'team' && a.teamId === l));
  }
  /** What a level may choose from: the org's common ones, and a team's own. */
  function choicesAt(d: OrgAnnouncements, l: Level): Announcement[] {
    return d.announcements.filter((a) => a.scope === 'org' || (l !== 'org' && a.teamId === l));
  }
  function situationsAt(d: OrgAnnouncements, l: Level): ResolvedSituation[] {
    return l === 'org' ? d.situations.org : (d.situations.teams[l] ?? []);
  }

  function setLevel(l: Level): void {
    level.value = l;
    edit(null);
  }

  async function choose(type: Situation, announcementId: string | null): Promise<void> {
    choosing.value = type;
    problem.value = null;
    try {
      data.data.value = await api.put<OrgAnnouncements>('/admin/announcement-choices', { ...scopeOf(level.value), type, announcementId });
    } catch (err) {
      problem.value = errorMessage(err);
    } finally {
      choosing.value = null;
    }
  }

  void data.reload();
  return { data, level, form, editing, problem, choosing, setLevel, edit, save, remove, choose, announcementsAt, choicesAt, situationsAt, load: data.reload };
});
