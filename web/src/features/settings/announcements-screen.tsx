// 멘트 설정 (S5): which announcement each situation uses (mine, else my team's, else the org's, else
// the built-in one), the org's common and my team's announcements to listen to, and my own to add,
// change and delete — each listened to before saving.
import type { Announcement, MyAnnouncements, ResolvedSituation } from '../../api/safe-number';
import { t, tm } from '../../i18n';
import { DeleteButton } from '../../ui/actions';
import { Loaded, Screen } from '../../ui/status';
import { useModel } from '../../ui/use-model';
import { AnnouncementForm, ListenButton } from './announcement-text';
import { ANNOUNCEMENT_NAME_MAX, createAnnouncementsModel } from './announcements-model';
import { BackToSettings } from './settings-screen';
import { SITUATION_HINT_KEYS, SITUATION_KEYS, SOURCE_KEYS } from './situation-labels';

type Model = ReturnType<typeof createAnnouncementsModel>;

function SituationRow({ s, all, model }: { s: ResolvedSituation; all: Announcement[]; model: Model }) {
  const options = all.filter((a) => a.type === s.type);
  const id = `choice-${s.type}`;
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
        value={s.chosen.personal ?? ''}
        disabled={model.choosing.value === s.type}
        onChange={(e) => void model.choose(s.type, e.currentTarget.value || null)}
      >
        <option value="">{t('announcements.inherit')}</option>
        {options.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({t(SOURCE_KEYS[a.scope])})
          </option>
        ))}
      </select>
      <blockquote class="spoken prewrap">{s.text}</blockquote>
      <ListenButton text={s.text} />
    </li>
  );
}

function AnnouncementItem({ a, model }: { a: Announcement; model: Model }) {
  return (
    <li class="row">
      <div class="row-main">
        <strong>
          {a.name} <span class="badge">{t(SITUATION_KEYS[a.type])}</span>
        </strong>
        <span class="prewrap small">{a.text}</span>
      </div>
      <div class="row-actions">
        <ListenButton text={a.text} />
        {a.editable && (
          <>
            <button type="button" onClick={() => model.edit(a)}>
              {t('common.edit')}
            </button>
            <DeleteButton question={t('announcements.confirmDelete', { name: a.name })} onConfirm={() => model.remove(a)} />
          </>
        )}
      </div>
    </li>
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
        const items = data.announcements.filter((a) => a.scope === g.scope);
        return (
          <section key={g.scope} aria-labelledby={`list-${g.scope}`}>
            <h2 id={`list-${g.scope}`}>{t(g.title)}</h2>
            {g.scope !== 'personal' && <p class="muted small">{t('announcements.readOnly')}</p>}
            {items.length === 0 ? (
              <p class="empty">{t(g.empty)}</p>
            ) : (
              <ul class="list">
                {items.map((a) => (
                  <AnnouncementItem key={a.id} a={a} model={model} />
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
  const m = useModel(createAnnouncementsModel);
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
