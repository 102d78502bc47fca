// 스팸전화 관리 (S9) and 프리패스 관리 (S10): search, add (any Korean format; spam also for a while),
// remove; numbers shown in national format, temporary blocks with their end.
import { useMemo, useEffect } from 'preact/hooks';
import type { ListKind } from '../../../../contract/safe-number';
import { formatMoment, t, tm } from '../../i18n';
import { DeleteButton } from '../../ui/actions';
import { FormStatus, SelectField, SubmitButton, TextField } from '../../ui/fields';
import { Empty, Screen } from '../../ui/status';
import { me } from '../../session/model';
import { createListModel, DURATIONS, MEMO_MAX } from './lists-model';
import { BackToSettings } from './settings-screen';

function ListScreen({ kind }: { kind: ListKind }) {
  const m = useMemo(() => createListModel(kind), [kind]);
  useEffect(() => {
    void m.load();
  }, [m]);
  const spam = kind === 'spam';
  const entries = m.entries.value;
  const zone = me.value?.org.timezone;
  return (
    <Screen title={spam ? 'lists.spamTitle' : 'lists.freePassTitle'}>
      <BackToSettings />
      <p class="muted small">{t(spam ? 'lists.spamIntro' : 'lists.freePassIntro')}</p>
      <form
        class="card"
        aria-labelledby="list-add-title"
        onSubmit={(e) => {
          e.preventDefault();
          void m.add();
        }}
        noValidate
      >
        <h2 id="list-add-title">{t('lists.add')}</h2>
        <TextField form={m.addForm} name="number" label="lists.number" type="tel" inputMode="tel" hint={t('lists.numberHint')} />
        <TextField form={m.addForm} name="memo" label="lists.memo" maxLength={MEMO_MAX} />
        {spam && (
          <SelectField form={m.addForm} name="duration" label="lists.duration" choices={DURATIONS.map((d) => ({ value: d.value, label: t(d.label) }))} />
        )}
        <FormStatus form={m.addForm} />
        <SubmitButton form={m.addForm} label="lists.addSubmit" />
      </form>
      <form
        class="search-bar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void m.load();
        }}
        noValidate
      >
        <TextField form={m.search} name="q" label="lists.search" type="search" />
        <button type="submit">{t('common.search')}</button>
      </form>
      {m.error.value && (
        <p class="alert alert-error" role="alert">
          {tm(m.error.value)}
        </p>
      )}
      {entries === undefined && !m.error.value && (
        <p class="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {entries && <p class="muted small">{t('lists.total', { count: m.total.value })}</p>}
      {entries && entries.length === 0 && <Empty text="lists.empty" />}
      {entries && entries.length > 0 && (
        <ul class="list entries">
          {entries.map((e) => (
            <li key={e.id} class={e.expired ? 'row disabled' : 'row'}>
              <div class="row-main">
                <strong class="number">{e.number.national}</strong>
                {e.memo && <span class="small">{e.memo}</span>}
                {e.expiresAt !== null && (
                  <span class={e.expired ? 'muted small' : 'badge badge-warn'}>
                    {e.expired ? t('lists.ended', { when: formatMoment(e.expiresAt, zone) }) : t('lists.until', { when: formatMoment(e.expiresAt, zone) })}
                  </span>
                )}
              </div>
              <div class="row-actions">
                <DeleteButton question={t('lists.confirmDelete', { number: e.number.national })} onConfirm={() => m.remove(e)} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {m.next.value && (
        <button type="button" class="more" disabled={m.loading.value} onClick={() => void m.more()}>
          {t('history.more')}
        </button>
      )}
    </Screen>
  );
}

export const SpamListScreen = () => <ListScreen kind="spam" />;
export const FreePassListScreen = () => <ListScreen kind="free_pass" />;
