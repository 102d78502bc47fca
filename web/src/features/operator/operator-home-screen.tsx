// The platform operator's home (issue 16): the platform's health, then every organisation as a card
// (phone first) with its people, numbers, today's calls and what needs attention.
import { useModel } from '@preact/signals';
import { formatTime, t, type MessageKey } from '../../i18n';
import { Loaded, Screen } from '../../ui/status';
import { OperatorModel, type Check, type OrgOverview, type Overview } from './model';

function Health({ health }: { health: Overview['health'] }) {
  const c = health.checks;
  const checks: [MessageKey, Check][] = [
    ['operator.check.d1', c.d1],
    ['operator.check.recordings', c.r2.recordings],
    ['operator.check.files', c.r2.files],
    ['operator.check.calls', c.durableObjects.callSession],
    ['operator.check.agents', c.durableObjects.agent],
    ['operator.check.queues', c.durableObjects.queue],
  ];
  const failed = checks.filter(([, v]) => v !== 'ok');
  return (
    <section class={`card operator-health ${health.status}`} aria-labelledby="operator-health">
      <h2 id="operator-health">{t('operator.health')}</h2>
      <p class={health.status === 'ok' ? 'alert alert-ok' : 'alert alert-error'} role="status">
        {t(health.status === 'ok' ? 'operator.health.ok' : 'operator.health.degraded')}
      </p>
      {failed.length > 0 && (
        <ul class="plain">
          {failed.map(([key]) => (
            <li key={key}>{t('operator.check.failed', { what: t(key) })}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OrgCard({ org }: { org: OrgOverview }) {
  const attention = org.disabled || org.staleNumbers > 0;
  return (
    <li class={`card operator-org${attention ? ' attention' : ''}`} data-org={org.name}>
      <h3>
        {org.name} {org.disabled && <span class="badge badge-warn">{t('operator.org.disabled')}</span>}
      </h3>
      <dl class="facts">
        <div>
          <dt>{t('operator.org.users')}</dt>
          <dd>{t('operator.org.usersValue', { n: org.users.total, off: org.users.disabled })}</dd>
        </div>
        <div>
          <dt>{t('operator.org.numbers')}</dt>
          <dd>{t('operator.org.numbersValue', { safe: org.numbers.safeNumber, service: org.numbers.service })}</dd>
        </div>
        <div>
          <dt>{t('operator.org.callsToday')}</dt>
          <dd class="calls-today">
            {t('operator.org.callsValue', { n: org.callsToday.total, answered: org.callsToday.answered, missed: org.callsToday.unanswered })}
            {org.callsToday.lastAt !== null && (
              <span class="muted small"> · {t('operator.org.lastCall', { at: formatTime(org.callsToday.lastAt, org.timezone) })}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('operator.org.routing')}</dt>
          <dd>{org.staleNumbers > 0 ? t('operator.org.stale', { n: org.staleNumbers }) : t('operator.org.routingOk')}</dd>
        </div>
      </dl>
    </li>
  );
}

export function OperatorHomeScreen() {
  const { overview } = useModel(OperatorModel);
  return (
    <Screen title="operator.title">
      <Loaded res={overview}>
        {(o) => (
          <>
            <Health health={o.health} />
            <p class="operator-totals">
              {t('operator.totals', { orgs: o.totals.organisations, numbers: o.totals.numbers, calls: o.totals.callsToday, answered: o.totals.answeredToday })}{' '}
              <button type="button" class="link" onClick={() => void overview.reload()}>
                {t('operator.refresh')}
              </button>
            </p>
            <h2>{t('operator.orgs')}</h2>
            {o.organisations.length === 0 ? (
              <p class="empty">{t('operator.orgs.empty')}</p>
            ) : (
              <ul class="plain operator-orgs">
                {o.organisations.map((org) => (
                  <OrgCard key={org.id} org={org} />
                ))}
              </ul>
            )}
          </>
        )}
      </Loaded>
    </Screen>
  );
}
