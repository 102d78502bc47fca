// 대기열 관리: each queue with the numbers that ring it, its distribution and its agents; add a queue.
import { useModel } from '@preact/signals';
import { useLocation } from 'preact-iso';
import type { CcQueue } from '../../../../../contract/contact-center';
import { t } from '../../../i18n';
import { FormStatus, SubmitButton, TextField } from '../../../ui/fields';
import { Empty, Loaded, Screen } from '../../../ui/status';
import { formatDuration } from '../format';
import { QueuesModel } from './queues-model';

function QueueItem({ queue }: { queue: CcQueue }) {
  return (
    <li class="row">
      <div class="row-main">
        <strong>{queue.name}</strong>
        <span class="muted small">
          {queue.numbers.length ? queue.numbers.map((n) => n.display).join(', ') : t('cc.queues.noNumber')} ·{' '}
          {t('cc.queues.memberCount', { count: queue.members.length })}
        </span>
        <span class="muted small">
          {t('cc.queues.summary', { strategy: t(`cc.queue.strategy.${queue.strategy}`), wait: formatDuration(queue.maxWaitSeconds) })}
        </span>
      </div>
      <div class="row-actions">
        <a class="button" href={`/cc/queues/${encodeURIComponent(queue.id)}`}>
          {t('cc.queues.edit')}
        </a>
      </div>
    </li>
  );
}

export function QueuesScreen() {
  const model = useModel(QueuesModel);
  const { route } = useLocation();
  return (
    <Screen title="cc.queues.title">
      <form
        class="card"
        aria-labelledby="queue-new"
        onSubmit={async (e) => {
          e.preventDefault();
          const id = await model.add();
          if (id) route(`/cc/queues/${encodeURIComponent(id)}`);
        }}
        noValidate
      >
        <h2 id="queue-new">{t('cc.queues.add')}</h2>
        <TextField form={model.addForm} name="name" label="cc.queues.name" maxLength={50} />
        <FormStatus form={model.addForm} />
        <SubmitButton form={model.addForm} label="common.add" />
      </form>
      <Loaded res={model.queues}>
        {({ queues }) =>
          queues.length === 0 ? (
            <Empty text="cc.queues.empty" />
          ) : (
            <ul class="list">
              {queues.map((q) => (
                <QueueItem key={q.id} queue={q} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </Screen>
  );
}
