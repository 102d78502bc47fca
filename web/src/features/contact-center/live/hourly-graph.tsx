// The C8 graphs (그래프: 전일, 당일, 통합): inbound, answered and abandoned calls, and average and
// maximum wait, by hour of the org's day (today's calls under way included as they happen). Plain SVG
// drawn from the numbers (no chart library), each chart named and summed up for screen readers, with
// its numbers as a table one tap away.
import { useId } from 'preact/hooks';
import type { HourBucket, HourlyAnswer } from '../../../../../contract/cc-live';
import { t, type MessageKey } from '../../../i18n';
import { Loaded } from '../../../ui/status';
import { formatCount, formatDuration } from '../format';
import { serverNow } from './clock';
import { GRAPH, niceMax, pathOf, xOfHour, yOf } from './graph-geometry';
import { GRAPH_DAYS, type GraphDay, type HourlyModel } from './hourly-model';

const { width: W, height: H, left: LEFT, right: RIGHT } = GRAPH;
const X_TICKS = [0, 6, 12, 18, 23];

type Series = { key: string; label: string; cls: string; values: (number | null)[] };

function Chart(props: { title: string; summary: string; series: Series[]; unit: (v: number) => string }) {
  const id = useId();
  const max = niceMax(Math.max(0, ...props.series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const y = (v: number) => yOf(v, max);
  const x = xOfHour;
  return (
    <figure class="graph">
      <figcaption id={`${id}-title`}>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} class="graph-svg">
        <desc id={`${id}-desc`}>{props.summary}</desc>
        {/* Both units show whole numbers: a half-way line that would read as a rounded repeat (0.5 → 1) is left out. */}
        {[0, max / 2, max].filter(Number.isInteger).map((v) => (
          <g key={v} class="graph-grid">
            <line x1={LEFT} x2={W - RIGHT} y1={y(v)} y2={y(v)} />
            <text x={LEFT - 4} y={y(v) + 3} text-anchor="end">
              {props.unit(v)}
            </text>
          </g>
        ))}
        {X_TICKS.map((h) => (
          // The last hour sits at the plot's right edge: anchored at its end, "23시" stays inside the chart.
          <text key={h} class="graph-axis" x={x(h)} y={H - 5} text-anchor={h === X_TICKS[X_TICKS.length - 1] ? 'end' : 'middle'}>
            {t('ccLive.graph.hour', { h })}
          </text>
        ))}
        {props.series.map((s) => (
          <g key={s.key} class={`graph-series ${s.cls}`}>
            <path d={pathOf(s.values, max)} />
            {s.values.map((v, hour) => (v === null ? null : <circle key={hour} cx={x(hour)} cy={y(v)} r={2} />))}
          </g>
        ))}
      </svg>
      <ul class="graph-legend">
        {props.series.map((s) => (
          <li key={s.key}>
            <span class={`swatch ${s.cls}`} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}

const DAY_LABEL: Record<GraphDay, MessageKey> = { yesterday: 'ccLive.graph.yesterday', today: 'ccLive.graph.today', both: 'ccLive.graph.both' };

/** Hours of today still to come have no value yet (drawing them as zero would say nobody called). */
function known(day: HourlyAnswer['days'][number], pick: (h: HourBucket) => number | null): (number | null)[] {
  const now = serverNow();
  return day.hours.map((h) => (day.day === 'today' && h.from > now ? null : pick(h)));
}

function Graphs({ data, choice }: { data: HourlyAnswer; choice: GraphDay }) {
  const days = data.days.filter((d) => choice === 'both' || d.day === choice);
  const dayName = (d: HourlyAnswer['days'][number]) => t(d.day === 'today' ? 'ccLive.graph.today' : 'ccLive.graph.yesterday');
  const named = (d: HourlyAnswer['days'][number], key: MessageKey) => (choice === 'both' ? `${dayName(d)} ${t(key)}` : t(key));
  const dash = (d: HourlyAnswer['days'][number]) => (choice === 'both' && d.day === 'yesterday' ? ' graph-past' : '');
  const calls: Series[] = days.flatMap((d) => [
    { key: `${d.day}-in`, label: named(d, 'ccLive.graph.inbound'), cls: `g-inbound${dash(d)}`, values: known(d, (h) => h.inbound) },
    { key: `${d.day}-ans`, label: named(d, 'ccLive.graph.answered'), cls: `g-answered${dash(d)}`, values: known(d, (h) => h.answered) },
    { key: `${d.day}-abd`, label: named(d, 'ccLive.graph.abandoned'), cls: `g-abandoned${dash(d)}`, values: known(d, (h) => h.abandoned) },
  ]);
  const waits: Series[] = days.flatMap((d) => [
    { key: `${d.day}-avg`, label: named(d, 'ccLive.graph.avgWait'), cls: `g-avg${dash(d)}`, values: known(d, (h) => h.averageWaitSeconds) },
    { key: `${d.day}-max`, label: named(d, 'ccLive.graph.maxWait'), cls: `g-max${dash(d)}`, values: known(d, (h) => h.maxWaitSeconds) },
  ]);
  const sum = (d: HourlyAnswer['days'][number], pick: (h: HourBucket) => number) => d.hours.reduce((s, h) => s + pick(h), 0);
  const callsSummary = days
    .map((d) =>
      t('ccLive.graph.callsSummary', {
        day: dayName(d),
        inbound: sum(d, (h) => h.inbound),
        answered: sum(d, (h) => h.answered),
        abandoned: sum(d, (h) => h.abandoned),
      }),
    )
    .join(' ');
  const waitsSummary = days
    .map((d) => {
      const max = Math.max(0, ...d.hours.map((h) => h.maxWaitSeconds ?? 0));
      return t('ccLive.graph.waitsSummary', { day: dayName(d), max: formatDuration(max) });
    })
    .join(' ');
  return (
    <>
      <Chart title={t('ccLive.graph.calls')} summary={callsSummary} series={calls} unit={(v) => formatCount(Math.round(v))} />
      <Chart title={t('ccLive.graph.waits')} summary={waitsSummary} series={waits} unit={(v) => t('ccLive.graph.seconds', { s: Math.round(v) })} />
      <details class="graph-table">
        <summary>{t('ccLive.graph.asTable')}</summary>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('ccLive.graph.hourColumn')}</th>
                {days.map((d) => (
                  <th scope="col" key={d.day}>
                    {dayName(d)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: 24 }, (_, hour) => (
                <tr key={hour}>
                  <th scope="row">{t('ccLive.graph.hour', { h: hour })}</th>
                  {days.map((d) => {
                    const h = d.hours[hour];
                    return (
                      <td key={d.day}>
                        {h
                          ? t('ccLive.graph.cell', {
                              inbound: h.inbound,
                              answered: h.answered,
                              abandoned: h.abandoned,
                              avg: formatDuration(h.averageWaitSeconds),
                              max: formatDuration(h.maxWaitSeconds),
                            })
                          : ''}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

export function HourlyGraphs({ model }: { model: HourlyModel }) {
  const choice = model.day.value;
  return (
    <section class="card" aria-labelledby="graphs-title">
      <h2 id="graphs-title">{t('ccLive.graph.title')}</h2>
      <div class="segmented" role="group" aria-label={t('ccLive.graph.pickDay')}>
        {GRAPH_DAYS.map((d) => (
          <button key={d} type="button" aria-pressed={choice === d} onClick={() => (model.day.value = d)}>
            {t(DAY_LABEL[d])}
          </button>
        ))}
      </div>
      {/* Drawn from `shown`: the records with today's calls under way, live from the queues' sockets. */}
      <Loaded res={model.hourly}>{(data) => <Graphs data={model.shown.value ?? data} choice={choice} />}</Loaded>
    </section>
  );
}
