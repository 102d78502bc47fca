// 감사 기록: who did what and when, filterable by action, with "more" for older entries.
import { useModel } from '@preact/signals';
import { useId } from 'preact/hooks';
import { formatDateTime, t, tm } from '../../../i18n';
import { me } from '../../../session/model';
import { Screen, MorePages } from '../../../ui/status';
import type { AuditEntry } from '../../../../../contract/admin';
import { actionLabel, AUDIT_ACTIONS, AUDIT_TARGETS, AuditModel } from './model';

function describe(action: string): string {
  const label = actionLabel(action);
  return 'key' in label ? t(label.key) : label.raw;
}

/** A person by name, the login ID beside it as secondary text (names are resolved by the server). */
function Person({ name, loginId }: { name: string; loginId: string | null }) {
  return (
    <>
      <span class="audit-name">{name}</span>
      {loginId && <span class="muted small audit-login"> {loginId}</span>}
    </>
  );
}

function Actor({ e }: { e: AuditEntry }) {
  if (e.actorUserId === null) return <span class="muted">{t('audit.system')}</span>;
  if (e.actorName === null) return <span class="muted">{t('audit.unknownUser')}</span>;
  return <Person name={e.actorName} loginId={e.actorLoginId} />;
}

function Target({ e }: { e: AuditEntry }) {
  if (!e.targetType) return <>—</>;
  const key = AUDIT_TARGETS[e.targetType];
  const kind = key ? t(key) : e.targetType;
  if (e.targetName === null) return <span class="muted">{kind}</span>;
  return (
    <>
      <span class="muted small">{kind} </span>
      <Person name={e.targetName} loginId={e.targetLoginId} />
    </>
  );
}

export function AuditLogScreen() {
  const model = useModel(AuditModel);
  const filterId = useId();
  const tz = me.value?.org.timezone;
  const entries = model.entries.value;
  return (
    <Screen title="audit.title">
      <div class="field">
        <label for={filterId}>{t('audit.action')}</label>
        <select id={filterId} value={model.action.value} onChange={(e) => void model.filter(e.currentTarget.value)}>
          <option value="">{t('common.all')}</option>
          {Object.entries(AUDIT_ACTIONS).map(([code, key]) => (
            <option key={code} value={code}>
              {t(key)}
            </option>
          ))}
        </select>
      </div>
      {model.error.value && (
        <p class="alert alert-error" role="alert">
          {tm(model.error.value)}{' '}
          <button type="button" class="link" onClick={() => void (entries.length ? model.more() : model.load())}>
            {t('common.retry')}
          </button>
        </p>
      )}
      {entries.length === 0 && !model.loading.value && !model.error.value && <p class="empty">{t('audit.empty')}</p>}
      {entries.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td data-label={t('audit.time')}>{formatDateTime(e.createdAt, tz)}</td>
                  <td data-label={t('audit.actor')} class="audit-actor">
                    <Actor e={e} />
                  </td>
                  <td data-label={t('audit.action')} title={e.action}>
                    {describe(e.action)}
                  </td>
                  <td data-label={t('audit.target')} class="audit-target">
                    <Target e={e} />
                  </td>
                  <td data-label={t('audit.ip')} class="mono">
                    {e.ip ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MorePages pages={model} label="audit.more" />
    </Screen>
  );
}
