// 멘트 설정 (S5): which announcement each situation uses (mine, else my team's, else the org's, else
// the built-in one), the org's common and my team's announcements to listen to, and my own to add,
// change and delete — each listened to before saving.
import { useModel } from '@preact/signals';
import type { Announcement, MyAnnouncements, ResolvedSituation } from '../../../../contract/safe-number';
import { SITUATIONS } from '../../../../contract/vocabularies';
import { t, tm } from '../../i18n';
import { Loaded, Screen } from '../../ui/status';
import { AnnouncementForm, AnnouncementRow, SituationChoice } from './announcement-text';
import { ANNOUNCEMENT_NAME_MAX, AnnouncementsModel } from './announcements-model';
import { BackToSettings } from './settings-screen';
import { SOURCE_KEYS } from './situation-labels';

type Model = InstanceType<typeof AnnouncementsModel>;

function SituationRow({ s, all, model }: { s: ResolvedSituation; all: Announcement[]; model: Model }) {
  return (
    <SituationChoice
      s={s}
      id={`choice-${s.type}`}
      chosen={s.chosen.personal}
      emptyLabel={t('announcements.inherit')}
      options={all.filter((a) => a.type === s.type).map((a) => ({ id: a.id, label: `${a.name} (${t(SOURCE_KEYS[a.scope])})` }))}
      choosing={model.choosing}
      onChoose={(type, id) => void model.choose(type, id)}
    />
  );
}

function Lists({ data, model }: { data: MyAnnouncements; model: Model }) {
  const groups = [
    { scope: 'org', title: 'announcements.orgList', empty: 'announcements.orgEmpty' },
    { scope: 'team', title: 'announcements.teamList', empty: 'announcements.teamEmpty' },
    { scope: 'personal', title: 'announcements.myList', empty: 'announcements.myEmpty' },
  ] as const;
  return (
    <>
      {groups.map((g) => {
        // The org's contact-center announcements (queue greetings…) are not a staff member's: only safe-number situations.
        const items = data.announcements.filter((a) => a.scope === g.scope && (SITUATIONS as readonly string[]).includes(a.type));
        return (
          <section key={g.scope} aria-labelledby={`list-${g.scope}`}>
            <h2 id={`list-${g.scope}`}>{t(g.title)}</h2>
            {g.scope !== 'personal' && <p class="muted small">{t('announcements.readOnly')}</p>}
            {items.length === 0 ? (
              <p class="empty">{t(g.empty)}</p>
            ) : (
              <ul class="list">
                {items.map((a) => (
                  <AnnouncementRow key={a.id} a={a} editable={a.editable} onEdit={() => model.edit(a)} onDelete={() => model.remove(a)} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}

export function AnnouncementsScreen() {
  const m = useModel(AnnouncementsModel);
  return (
    <Screen title="announcements.title">
      <BackToSettings />
      {m.problem.value && (
        <p class="alert alert-error" role="alert">
          {tm(m.problem.value)}
        </p>
      )}
      <Loaded res={m.data}>
        {(data) => (
          <>
            <section class="card" aria-labelledby="situations-title">
              <h2 id="situations-title">{t('announcements.situations')}</h2>
              <p class="muted small">{t('announcements.situationsIntro')}</p>
              <ul class="situations">
                {data.situations.map((s) => (
                  <SituationRow key={s.type} s={s} all={data.announcements} model={m} />
                ))}
              </ul>
            </section>
            <Lists data={data} model={m} />
          </>
        )}
      </Loaded>
      <AnnouncementForm model={m} titleId="announcement-form-title" nameMax={ANNOUNCEMENT_NAME_MAX} />
    </Screen>
  );
}
