// 멘트 관리 (S5, org admin): the org's common announcements and each team's, and which one each
// situation uses at that level (staff may choose their own over them).
import { useModel } from '@preact/signals';
import { t, tm } from '../../../i18n';
import { Loaded, Screen } from '../../../ui/status';
import { AnnouncementForm, AnnouncementRow, SituationChoice } from '../../settings/announcement-text';
import { ANNOUNCEMENT_NAME_MAX } from '../../settings/announcements-model';
import { OrgAnnouncementsModel } from './model';

export function OrgAnnouncementsScreen() {
  const m = useModel(OrgAnnouncementsModel);
  return (
    <Screen title="orgAnnouncements.title">
      <p class="muted small">{t('orgAnnouncements.intro')}</p>
      {m.problem.value && (
        <p class="alert alert-error" role="alert">
          {tm(m.problem.value)}
        </p>
      )}
      <Loaded res={m.data}>
        {(d) => {
          const level = m.level.value;
          const mine = m.announcementsAt(d, level);
          const options = m.choicesAt(d, level);
          return (
            <>
              <div class="field">
                <label for="level">{t('orgAnnouncements.level')}</label>
                <select id="level" name="level" value={level} onChange={(e) => m.setLevel(e.currentTarget.value)}>
                  <option value="org">{t('orgAnnouncements.orgLevel')}</option>
                  {d.teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {t('orgAnnouncements.teamLevel', { team: team.name })}
                    </option>
                  ))}
                </select>
              </div>
              <section class="card" aria-labelledby="org-situations">
                <h2 id="org-situations">{t('announcements.situations')}</h2>
                <ul class="situations">
                  {m.situationsAt(d, level).map((s) => (
                    <SituationChoice
                      key={s.type}
                      s={s}
                      id={`org-choice-${s.type}`}
                      chosen={level === 'org' ? s.chosen.org : s.chosen.team}
                      emptyLabel={level === 'org' ? t('announcements.builtIn') : t('announcements.inheritOrg')}
                      options={options.filter((a) => a.type === s.type).map((a) => ({ id: a.id, label: a.name }))}
                      choosing={m.choosing}
                      onChoose={(type, id) => void m.choose(type, id)}
                    />
                  ))}
                </ul>
              </section>
              <h2>{level === 'org' ? t('announcements.orgList') : t('announcements.teamList')}</h2>
              {mine.length === 0 ? (
                <p class="empty">{t('announcements.orgEmpty')}</p>
              ) : (
                <ul class="list">
                  {mine.map((a) => (
                    <AnnouncementRow key={a.id} a={a} editable onEdit={() => m.edit(a)} onDelete={() => m.remove(a)} />
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </Loaded>
      <AnnouncementForm model={m} titleId="org-announcement-form" nameMax={ANNOUNCEMENT_NAME_MAX} />
    </Screen>
  );
}
