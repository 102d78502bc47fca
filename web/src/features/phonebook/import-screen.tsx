// 연락처 가져오기 (S17): group and file, then the preview — rows to save, duplicates and rows left
// out, each with its row number and reason — and only then the save, with a progress bar.
import { useEffect, useId, useMemo } from 'preact/hooks';
import { t, tm } from '../../i18n';
import { TextField } from '../../ui/fields';
import { Screen } from '../../ui/status';
import { GROUP_NAME_MAX } from './limits';
import { createImportModel, type ImportModel } from './import-model';

/** Rows shown of the accepted list: enough to check the columns were read right. */
const SHOWN = 50;

function GroupPicker({ m }: { m: ImportModel }) {
  const id = useId();
  const problem = m.form.errors.value.groupId;
  return (
    <div class={problem ? 'field has-error' : 'field'}>
      <label for={id}>{t('import.group')}</label>
      <select
        id={id}
        name="groupId"
        value={m.form.values.value.groupId}
        onChange={(e) => m.setGroup(e.currentTarget.value)}
        aria-invalid={problem ? true : undefined}
      >
        <option value="">—</option>
        {(m.groups.value ?? []).map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
      {problem && (
        <p class="field-error" role="alert">
          {tm(problem)}
        </p>
      )}
    </div>
  );
}

function Preview({ m }: { m: ImportModel }) {
  const plan = m.plan.value;
  if (!plan) return null;
  const encoding = m.sheet.value?.encoding;
  return (
    <section class="card" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('import.preview')}</h2>
      <p class="alert alert-info" role="status" id="import-summary">
        {t('import.summary', {
          accepted: plan.accepted.length.toLocaleString(),
          duplicates: plan.duplicates.length.toLocaleString(),
          rejected: plan.rejected.length.toLocaleString(),
        })}
      </p>
      {encoding && <p class="muted small">{t('import.encoding', { encoding: encoding === 'euc-kr' ? 'CP949' : 'UTF-8' })}</p>}
      <details open={plan.accepted.length <= SHOWN}>
        <summary>
          {t('import.accepted')} ({plan.accepted.length.toLocaleString()})
        </summary>
        {plan.accepted.length > SHOWN && <p class="muted small">{t('import.firstRows', { shown: SHOWN })}</p>}
        <ul class="list preview-list accepted">
          {plan.accepted.slice(0, SHOWN).map((r) => (
            <li key={r.line} class="row">
              <span class="muted small">{t('import.line', { line: r.line })}</span>
              <strong>{r.name}</strong>
              <span class="number">{r.number}</span>
            </li>
          ))}
        </ul>
      </details>
      {plan.duplicates.length > 0 && (
        <details open>
          <summary>
            {t('import.duplicates')} ({plan.duplicates.length.toLocaleString()})
          </summary>
          <ul class="list preview-list duplicates">
            {plan.duplicates.map((r) => (
              <li key={r.line} class="row">
                <span class="muted small">{t('import.line', { line: r.line })}</span>
                <strong>{r.name}</strong>
                <span>{t(r.reason === 'in_file' ? 'import.dup.in_file' : 'import.dup.in_group')}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {plan.rejected.length > 0 && (
        <details open>
          <summary>
            {t('import.rejected')} ({plan.rejected.length.toLocaleString()})
          </summary>
          <ul class="list preview-list rejected">
            {plan.rejected.map((r) => (
              <li key={r.line} class="row">
                <span class="muted small">{t('import.line', { line: r.line })}</span>
                <strong>{r.name || r.number}</strong>
                <span>{t(`import.reason.${r.reason}`)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

export function ImportScreen() {
  const m = useMemo(() => createImportModel(), []);
  const fileId = useId();
  useEffect(() => {
    void m.loadGroups();
  }, [m]);
  const plan = m.plan.value;
  const progress = m.progress.value;
  const summary = m.summary.value;
  return (
    <Screen title="import.title">
      <a class="back" href="/phonebook">
        {t('import.back')}
      </a>
      <p class="muted small">{t('import.intro')}</p>
      <div class="card">
        <GroupPicker m={m} />
        <TextField form={m.form} name="newGroup" label="import.newGroup" maxLength={GROUP_NAME_MAX} />
        <div class="field">
          <label for={fileId}>{t('import.file')}</label>
          <input
            id={fileId}
            name="file"
            type="file"
            accept=".xls,.xlsx,.csv,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => void m.choose(e.currentTarget.files?.[0] ?? null)}
            aria-describedby={`${fileId}-hint`}
          />
          <div class="field-hint" id={`${fileId}-hint`}>
            {t('import.fileHint')}
          </div>
        </div>
      </div>
      {m.reading.value && (
        <p class="muted" role="status">
          {t('import.reading')}
        </p>
      )}
      {m.problem.value && (
        <p class="alert alert-error" role="alert">
          {tm(m.problem.value)}
        </p>
      )}
      <Preview m={m} />
      {progress && (
        <div class="card">
          <label for="import-progress">{t('import.saving', { done: progress.done.toLocaleString(), total: progress.total.toLocaleString() })}</label>
          <progress id="import-progress" class="import-progress" max={Math.max(1, progress.total)} value={progress.done} aria-label={t('import.progress')} />
        </div>
      )}
      {plan && plan.accepted.length > 0 && (
        <button type="button" class="primary" disabled={m.saving.value} aria-busy={m.saving.value || undefined} onClick={() => void m.save()}>
          {m.saving.value ? t('common.working') : t(progress ? 'import.retry' : 'import.save', { count: plan.accepted.length.toLocaleString() })}
        </button>
      )}
      {summary && (
        <p class="alert alert-ok" role="status" id="import-done">
          {t('import.done', { imported: summary.imported.toLocaleString(), group: summary.group })}
        </p>
      )}
    </Screen>
  );
}
