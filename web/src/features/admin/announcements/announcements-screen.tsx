// 멘트 관리 (S5, org admin): the org's common announcements and each team's, and which one each
// situation uses at that level (staff may choose their own over them).
import type { ResolvedSituation } from '../../../api/safe-number';
import { t, tm } from '../../../i18n';
import { DeleteButton } from '../../../ui/actions';
import { Loaded, Screen } from '../../../ui/status';
import { useModel } from '../../../ui/use-model';
import { AnnouncementForm, ListenButton } from '../../settings/announcement-text';
import { ANNOUNCEMENT_NAME_MAX } from '../../settings/announcements-model';
import { SITUATION_HINT_KEYS, SITUATION_KEYS, SOURCE_KEYS } from '../../settings/situation-labels';
import { createOrgAnnouncementsModel } from './model';

type Model = ReturnType<typeof createOrgAnnouncementsModel>;

function LevelChoice({ s, model, options }: { s: ResolvedSituation; model: Model; options: { id: string; name: string; scope: string }[] }) {
  const chosen = model.level.value === 'org' ? s.chosen.org : s.chosen.team;
  const id = `org-choice-${s.type}`;
  return (
    <li class="situation">
      <div class="situation-head">
        <label for={id}>
          <strong>{t(SITUATION_KEYS[s.type])}</strong>
        </label>
        <span class="badge">{t(SOURCE_KEYS[s.source])}</span>
      </div>
      <p class="muted small">{t(SITUATION_HINT_KEYS[s.type])}</p>
      <select
        id={id}
        name={id}
        value={chosen ?? ''}
        disabled={model.choosing.value === s.type}
        onChange={(e) => void model.choose(s.type, e.currentTarget.value || null)}
      >
        <option value="">{model.level.value === 'org' ? t('announcements.builtIn') : t('announcements.inheritOrg')}</option>
        {options.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <blockquote class="spoken prewrap">{s.text}</blockquote>
      <ListenButton text={s.text} />
    </li>
  );
}

export function OrgAnnouncementsScreen() {
  const m = useModel(createOrgAnnouncementsModel);
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
                    <LevelChoice key={s.type} s={s} model={m} options={options.filter((a) => a.type === s.type)} />
                  ))}
                </ul>
              </section>
              <h2>{level === 'org' ? t('announcements.orgList') : t('announcements.teamList')}</h2>
              {mine.length === 0 ? (
                <p class="empty">{t('announcements.orgEmpty')}</p>
              ) : (
                <ul class="list">
                  {mine.map((a) => (
                    <li key={a.id} class="row">
                      <div class="row-main">
                        <strong>
                          {a.name} <span class="badge">{t(SITUATION_KEYS[a.type])}</span>
                        </strong>
                        <span class="prewrap small">{a.text}</span>
                      </div>
                      <div class="row-actions">
                        <ListenButton text={a.text} />
                        <button type="button" onClick={() => m.edit(a)}>
                          {t('common.edit')}
                        </button>
                        <DeleteButton question={t('announcements.confirmDelete', { name: a.name })} onConfirm={() => m.remove(a)} />
                      </div>
                    </li>
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
