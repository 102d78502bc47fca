// 휴일 관리: a year's holidays, built-in ones marked, and the organisation's own added or deleted.
import { useModel } from '@preact/signals';
import { formatDay, t } from '../../../i18n';
import { CardForm, DeleteButton } from '../../../ui/actions';
import { FormStatus, SubmitButton, TextField } from '../../../ui/fields';
import { Empty, Loaded, Screen } from '../../../ui/status';
import { HolidaysModel } from './model';

export function HolidaysScreen() {
  const model = useModel(() => new HolidaysModel());
  const year = model.year.value;
  return (
    <Screen title="holidays.title">
      <div class="year-picker" role="group" aria-label={t('holidays.year')}>
        <button type="button" aria-label={t('holidays.prevYear')} onClick={() => void model.showYear(year - 1)}>
          ‹
        </button>
        <strong aria-live="polite">{t('holidays.yearLabel', { year })}</strong>
        <button type="button" aria-label={t('holidays.nextYear')} onClick={() => void model.showYear(year + 1)}>
          ›
        </button>
      </div>
      <Loaded res={model.holidays}>
        {(list) =>
          list.length === 0 ? (
            <Empty text="holidays.empty" />
          ) : (
            <ul class="list">
              {list.map((h) => (
                <li class="row" key={h.id}>
                  <div class="row-main">
                    <strong data-date={h.date}>{formatDay(h.date, true)}</strong>
                    <span>
                      {h.name} {h.builtIn && <span class="badge">{t('holidays.builtIn')}</span>}
                    </span>
                  </div>
                  {!h.builtIn && (
                    <div class="row-actions">
                      <DeleteButton question={t('holidays.confirmDelete', { name: h.name })} onConfirm={() => model.remove(h)} />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <FormStatus form={model.rowForm} />
      <CardForm id="holiday-new" title="holidays.add" onSubmit={model.add}>
        <TextField form={model.addForm} name="date" label="holidays.date" type="date" />
        <TextField form={model.addForm} name="name" label="holidays.name" maxLength={50} />
        <FormStatus form={model.addForm} />
        <SubmitButton form={model.addForm} label="common.add" />
      </CardForm>
    </Screen>
  );
}
