// The live figures both screens show: customers waiting per queue (고객 대기, with the longest wait
// counting up), today's inbound, answered, answer rate and abandoned (응대율), and the agent's own
// performance today (개인 실적).
import type { AgentView, QueueLiveView } from '../../../../../contract/cc-live';
import { t, type MessageKey } from '../../../i18n';
import { formatCount, formatDuration, formatRatio } from '../format';
import { formatClock } from './clock-format';
import { serverNow } from './clock';

/** The longest wait now: the view's figure, counted on from when it was made. */
export function longestWait(q: QueueLiveView): number {
  return q.waitingCalls > 0 ? q.longestWaitSeconds + Math.max(0, (serverNow() - q.at) / 1000) : 0;
}

export function Figure({ name, label, value }: { name: string; label: MessageKey; value: string }) {
  return (
    <div data-figure={name}>
      <dt>{t(label)}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function WaitingList({ queues }: { queues: QueueLiveView[] }) {
  return (
    <ul class="queue-waiting">
      {queues.map((q) => (
        <li key={q.queueId} data-queue={q.queueId}>
          <span class="queue-name">{q.name}</span>
          <span class="waiting-count" data-waiting={q.waitingCalls}>
            {t('ccLive.waiting.count', { n: formatCount(q.waitingCalls) })}
          </span>
          <span class="small muted">
            {q.waitingCallbacks > 0 ? `${t('ccLive.waiting.callbacks', { n: formatCount(q.waitingCallbacks) })} · ` : ''}
            {q.waitingCalls > 0 ? t('ccLive.waiting.longest', { time: formatClock(longestWait(q)) }) : t('ccLive.waiting.none')}
          </span>
        </li>
      ))}
    </ul>
  );
}

export type TodayTotals = { inbound: number; answered: number; abandoned: number; answerRate: number | null };

export function TodayFigures({ today, extra }: { today: TodayTotals & { serviceLevel?: number | null; averageWaitSeconds?: number | null }; extra?: boolean }) {
  return (
    <dl class="figures today-figures">
      <Figure name="inbound" label="ccLive.today.inbound" value={formatCount(today.inbound)} />
      <Figure name="answered" label="ccLive.today.answered" value={formatCount(today.answered)} />
      <Figure name="answerRate" label="ccLive.today.answerRate" value={formatRatio(today.answerRate)} />
      <Figure name="abandoned" label="ccLive.today.abandoned" value={formatCount(today.abandoned)} />
      {extra && <Figure name="serviceLevel" label="ccLive.today.serviceLevel" value={formatRatio(today.serviceLevel ?? null)} />}
      {extra && <Figure name="averageWait" label="ccLive.today.averageWait" value={formatDuration(today.averageWaitSeconds ?? null)} />}
    </dl>
  );
}

export function MyFigures({ agent }: { agent: AgentView }) {
  const mine = agent.today;
  return (
    <dl class="figures my-figures">
      <Figure name="myAnswered" label="ccLive.mine.answered" value={formatCount(mine.answered)} />
      <Figure name="myOutbound" label="ccLive.mine.outbound" value={formatCount(mine.outbound)} />
      <Figure name="myTalk" label="ccLive.mine.talk" value={formatDuration(mine.talkSeconds)} />
      <Figure name="myMissed" label="ccLive.mine.missed" value={formatCount(mine.missedOffers)} />
    </dl>
  );
}
