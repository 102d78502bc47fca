// 호처리 통계 (C10, B5): by agent or consult category (상담사 / 상담 메뉴) for today, yesterday, this
// week, this month or the last 30 days; inbound, answered, abandoned, answer rate, the seed's service
// level beside the two that count abandons, average and maximum wait, average handle time; CSV
// export; the definitions under the table. On a phone each row is a card.
import { useModel } from '@preact/signals';
import { useId } from 'preact/hooks';
import { PERIODS, STATS_GROUPS, type StatsGroup } from '../../../../../contract/vocabularies';
import type { StatsAnswer, StatsRow } from '../../../../../contract/contact-center';
import { t, type MessageKey } from '../../../i18n';
import { Loaded, Screen } from '../../../ui/status';
import { formatCount, formatDuration, formatRatio } from '../format';
import { StatsModel } from './model';

type Model = InstanceType<typeof StatsModel>;

const GROUP_LABELS: Record<StatsGroup, MessageKey> = { agent: 'cc.stats.group.agent', category: 'cc.stats.group.category', total: 'cc.stats.group.total' };

type Column = { label: MessageKey; value: (r: StatsRow) => string; groups?: StatsGroup[] };

const COLUMNS: Column[] = [
  { label: 'cc.stats.col.inbound', value: (r) => formatCount(r.inbound) },
  { label: 'cc.stats.col.answered', value: (r) => formatCount(r.answered) },
  { label: 'cc.stats.col.abandoned', value: (r) => formatCount(r.abandoned) },
  { label: 'cc.stats.col.callbacks', value: (r) => formatCount(r.callbacks) },
  { label: 'cc.stats.col.answerRate', value: (r) => formatRatio(r.answerRate) },
  { label: 'cc.stats.col.serviceLevel', value: (r) => formatRatio(r.serviceLevel) },
  { label: 'cc.stats.col.slWithAbandons', value: (r) => formatRatio(r.serviceLevelWithAbandons) },
  { label: 'cc.stats.col.slWithoutShort', value: (r) => formatRatio(r.serviceLevelWithoutShortAbandons) },
  { label: 'cc.stats.col.avgWait', value: (r) => formatDuration(r.averageWaitSeconds) },
  { label: 'cc.stats.col.maxWait', value: (r) => formatDuration(r.maxWaitSeconds) },
  { label: 'cc.stats.col.aht', value: (r) => formatDuration(r.averageHandleSeconds) },
  {
    label: 'cc.stats.col.offers',
    value: (r) => (r.activity ? `${formatCount(r.activity.offers)} (${formatCount(r.activity.missedOffers)})` : t('cc.dash')),
    groups: ['agent'],
  },
];

function rowName(r: StatsRow, group: StatsGroup): string {
  if (r.key !== null) return r.name ?? r.key;
  if (group === 'total') return t('cc.stats.total');
  return t(group === 'agent' ? 'cc.stats.noAgent' : 'cc.stats.noCategory');
}

function Choices({ model }: { model: Model }) {
  const ids = { group: useId(), period: useId(), queue: useId() };
  return (
    <div class="card stats-choices">
      <div class="field">
        <label for={ids.group}>{t('cc.stats.group')}</label>
        <select id={ids.group} name="group" value={model.group.value} onChange={(e) => model.choose({ group: e.currentTarget.value as StatsGroup })}>
          {STATS_GROUPS.map((g) => (
            <option key={g} value={g}>
              {t(GROUP_LABELS[g])}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={ids.period}>{t('cc.period')}</label>
        <select
          id={ids.period}
          name="period"
          value={model.period.value}
          onChange={(e) => model.choose({ period: e.currentTarget.value as (typeof PERIODS)[number] })}
        >
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`cc.period.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={ids.queue}>{t('cc.queue')}</label>
        <select id={ids.queue} name="queueId" value={model.queueId.value} onChange={(e) => model.choose({ queueId: e.currentTarget.value })}>
          <option value="">{t('cc.anyQueue')}</option>
          {(model.options.data.value?.queues ?? []).map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </select>
      </div>
      <a class="button" href={model.csvHref.value} download>
        {t('cc.stats.csv')}
      </a>
    </div>
  );
}

function Table({ answer }: { answer: StatsAnswer }) {
  const { report } = answer;
  const columns = COLUMNS.filter((c) => !c.groups || c.groups.includes(report.group));
  // No call arrived and nobody worked: say so rather than show a table of zeros and dashes.
  const empty = report.total.inbound === 0 && !report.rows.some((r) => r.activity);
  return (
    <>
      <p class="muted small">
        {t('cc.range', { first: report.period.firstDate, last: report.period.lastDate })} ·{' '}
        {t('cc.stats.thresholds', { sl: report.serviceLevelSeconds, short: report.shortAbandonSeconds })}
      </p>
      {empty ? (
        <p class="empty stats-empty">{t('cc.stats.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table stats-table">
            <thead>
              <tr>
                <th scope="col">{t('cc.stats.col.group')}</th>
                {columns.map((c) => (
                  <th key={c.label} scope="col">
                    {t(c.label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.key ?? '(none)'} class={r.key === null && report.group !== 'total' ? 'unassigned' : undefined}>
                  <th scope="row">{rowName(r, report.group)}</th>
                  {columns.map((c) => (
                    <td key={c.label} data-label={t(c.label)}>
                      {c.value(r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            {report.group !== 'total' && (
              <tfoot>
                <tr class="total">
                  <th scope="row">{t('cc.stats.total')}</th>
                  {columns.map((c) => (
                    <td key={c.label} data-label={t(c.label)}>
                      {c.groups ? '' : c.value(report.total)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </>
  );
}

const DEFINITIONS: MessageKey[] = [
  'cc.stats.help.population',
  'cc.stats.help.wait',
  'cc.stats.help.counts',
  'cc.stats.help.callbacks',
  'cc.stats.help.answerRate',
  'cc.stats.help.serviceLevel',
  'cc.stats.help.slWithAbandons',
  'cc.stats.help.slWithoutShort',
  'cc.stats.help.waits',
  'cc.stats.help.aht',
  'cc.stats.help.groups',
  'cc.stats.help.total',
  'cc.stats.help.none',
];

export function StatsScreen() {
  const model = useModel(StatsModel);
  return (
    <Screen title="cc.stats.title">
      <Choices model={model} />
      <Loaded res={model.report}>{(answer) => <Table answer={answer} />}</Loaded>
      <details class="card definitions">
        <summary>{t('cc.stats.help.title')}</summary>
        <ul>
          {DEFINITIONS.map((k) => (
            <li key={k}>{t(k)}</li>
          ))}
        </ul>
      </details>
    </Screen>
  );
}
