// 감사 기록: who did what and when, filterable by action, with "more" for older entries.
import { useId } from 'preact/hooks';
import { formatDateTime, t, tm } from '../../../i18n';
import { me } from '../../../session/model';
import { Screen, MorePages } from '../../../ui/status';
import { useModel } from '../../../ui/use-model';
import { actionLabel, AUDIT_ACTIONS, createAuditModel } from './model';

function describe(action: string): string {
  const label = actionLabel(action);
  return 'key' in label ? t(label.key) : label.raw;
}

export function AuditLogScreen() {
  const model = useModel(createAuditModel);
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
                  <td data-label={t('audit.actor')}>{e.actorLoginId ?? e.actorUserId ?? '—'}</td>
                  <td data-label={t('audit.action')} title={e.action}>
                    {describe(e.action)}
                  </td>
                  <td data-label={t('audit.target')}>{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—'}</td>
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
