// 기록 보관 (issue 20 §3): the org admin sets how many months of call records and audit entries stay
// in the database (1–120), reads what happens to older months, and downloads the archived months'
// files. Phone first: one field, one button, then the list of months with a link a file.
import { useModel } from '@preact/signals';
import { formatBytes, formatMonth, t } from '../../../i18n';
import { FormStatus, SubmitButton, TextField } from '../../../ui/fields';
import { Empty, Loaded, Screen } from '../../../ui/status';
import { ArchiveModel, firstKeptMonth, partHref, type ArchiveMonth } from './model';

function MonthRow({ m }: { m: ArchiveMonth }) {
  const month = formatMonth(m.month);
  const dataset = t(m.dataset === 'calls' ? 'archive.dataset.calls' : 'archive.dataset.audit_log');
  return (
    <li class="row" data-month={`${m.dataset}-${m.month}`}>
      <span class="row-main">
        <strong>{t('archive.monthRow', { month, dataset })}</strong>
        <span class="small muted">{t('archive.monthFacts', { rows: m.rows.toLocaleString(), parts: m.parts, size: formatBytes(m.bytes) })}</span>
        <span class="small">
          {Array.from({ length: m.parts }, (_, i) => (
            <a key={i} class="button" href={partHref(m, i + 1)} download aria-label={t('archive.downloadLabel', { month, dataset, n: i + 1 })}>
              {t('archive.download', { n: i + 1 })}
            </a>
          ))}
        </span>
      </span>
    </li>
  );
}

export function ArchiveScreen() {
  const m = useModel(ArchiveModel);
  return (
    <Screen title="archive.title">
      <p class="muted">{t('archive.intro')}</p>
      <Loaded res={m.settings}>
        {(s) => (
          <form
            class="card"
            data-form="retention"
            onSubmit={(e) => {
              e.preventDefault();
              void m.save();
            }}
            noValidate
          >
            <TextField form={m.form} name="callRetentionMonths" label="archive.months" type="number" inputMode="numeric" hint={t('archive.monthsHint')} />
            <p class="small" data-testid="retention-now">
              {t('archive.monthsNow', {
                months: s.org.callRetentionMonths ?? 13,
                from: formatMonth(firstKeptMonth(Date.now(), s.org.timezone, s.org.callRetentionMonths ?? 13)),
              })}
            </p>
            <p class="small muted">{t('archive.whatHappens')}</p>
            <FormStatus form={m.form} />
            <SubmitButton form={m.form} label="common.save" />
          </form>
        )}
      </Loaded>
      <section class="card" aria-labelledby="archive-list-title">
        <h2 id="archive-list-title">{t('archive.listTitle')}</h2>
        <p class="small muted">{t('archive.listIntro')}</p>
        <Loaded res={m.months}>
          {(months) =>
            months.length ? (
              <ul class="list">
                {months.map((x) => (
                  <MonthRow key={`${x.dataset}-${x.month}`} m={x} />
                ))}
              </ul>
            ) : (
              <Empty text="archive.empty" />
            )
          }
        </Loaded>
      </section>
    </Screen>
  );
}
