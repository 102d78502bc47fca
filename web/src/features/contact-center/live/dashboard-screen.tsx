// 실시간 현황, the supervisor's home in 모바일 콘택트 (C11, C12, B5): each queue's waiting callers and
// longest wait, today's counters, the staffing hint beside the ready count; every agent's state and
// time in it, a forced change with a reason, and listening in, whispering or barging in on a call
// through the supervisor's own phone. Live over the queue sockets.
import { useModel } from '@preact/signals';
import { FORCEABLE_STATES, SUPERVISE_ROLES, type SuperviseRole } from '../../../../../contract/vocabularies';
import type { QueueLiveView, TeamMember } from '../../../../../contract/cc-live';
import { t, tm, type MessageKey } from '../../../i18n';
import { roleLabel } from '../../../layout/role-label';
import { me } from '../../../session/model';
import { FormStatus, SelectField, TextField } from '../../../ui/fields';
import { Empty, Loaded, Screen } from '../../../ui/status';
import { formatCount } from '../format';
import { formatClock } from './clock-format';
import { secondsSince, useTicking } from './clock';
import { TodayFigures, WaitingList } from './figures';
import { HourlyGraphs } from './hourly-graph';
import { SupervisorModel, REASON_MAX } from './supervisor-model';
import { OFFER_KIND_KEYS, reasonKey, STATE_KEYS, stateTone } from './words';

const ROLE_KEYS: Record<SuperviseRole, MessageKey> = {
  monitor: 'ccLive.supervise.monitor',
  whisper: 'ccLive.supervise.whisper',
  barge: 'ccLive.supervise.barge',
};

function QueueCard({ q }: { q: QueueLiveView }) {
  const s = q.staffing;
  const short = Math.max(0, s.agents - s.staffed);
  return (
    <section class="card queue-live" aria-labelledby={`queue-${q.queueId}`} data-queue={q.queueId}>
      <h3 id={`queue-${q.queueId}`}>{q.name}</h3>
      <WaitingList queues={[q]} />
      <TodayFigures today={q.today} extra />
      <p class={short > 0 ? 'staffing staffing-short' : 'staffing'} data-staffing={s.agents}>
        <strong>{t('ccLive.staffing.needed', { n: formatCount(s.agents) })}</strong>
        {' · '}
        {t('ccLive.staffing.ready', { n: formatCount(s.ready) })}
        {' · '}
        {t('ccLive.staffing.staffed', { n: formatCount(s.staffed) })}
      </p>
      <p class="small muted">
        {short > 0 ? t('ccLive.staffing.short', { n: formatCount(short) }) : t('ccLive.staffing.enough')} {t('ccLive.staffing.how')}
      </p>
    </section>
  );
}

function ForceForm({ model, member }: { model: SupervisorModel; member: TeamMember }) {
  const choices = FORCEABLE_STATES.map((s) => ({ value: s, label: t(STATE_KEYS[s]) }));
  return (
    <form
      class="editor force-form"
      aria-label={t('ccLive.force.title', { name: member.name })}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void model.submitForce();
      }}
    >
      <SelectField form={model.force} name="state" label="ccLive.force.state" choices={choices} />
      <TextField form={model.force} name="reason" label="ccLive.force.reason" maxLength={REASON_MAX} />
      <FormStatus form={model.force} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={model.force.busy.value}>
          {t('ccLive.force.submit')}
        </button>
        <button type="button" onClick={model.closeForce}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function Supervise({ model, member }: { model: SupervisorModel; member: TeamMember }) {
  const mobile = me.value?.user.national.mobile ?? null;
  const active = model.supervising.value?.userId === member.userId ? model.supervising.value.role : null;
  const problem = model.superviseProblem.value?.userId === member.userId ? model.superviseProblem.value.message : null;
  const busy = model.superviseBusy.value !== null;
  return (
    <div class="supervise" role="group" aria-label={t('ccLive.supervise.title', { name: member.name })}>
      <p class="small muted">{mobile ? t('ccLive.supervise.dials', { mobile }) : t('ccLive.supervise.noMobile')}</p>
      <div class="supervise-buttons">
        {SUPERVISE_ROLES.map((role) => (
          <button
            key={role}
            type="button"
            data-supervise={role}
            aria-pressed={active === role}
            disabled={busy || !mobile}
            onClick={() => void model.supervise(member.userId, role)}
          >
            {t(ROLE_KEYS[role])}
          </button>
        ))}
        {active && (
          <button type="button" class="danger" disabled={busy} onClick={() => void model.supervise(member.userId, null)}>
            {t('ccLive.supervise.stop')}
          </button>
        )}
      </div>
      {active && (
        <p class="alert alert-info" role="status">
          {t('ccLive.supervise.calling', { role: t(ROLE_KEYS[active]), mobile: mobile ?? '' })}
        </p>
      )}
      {problem && (
        <p class="alert alert-error" role="alert">
          {tm(problem)}
        </p>
      )}
    </div>
  );
}

function AgentRow({ model, member }: { model: SupervisorModel; member: TeamMember }) {
  const reason = reasonKey(member.reason);
  const open = model.forcing.value === member.userId;
  const call = member.call;
  return (
    <li class={`row agent-live ${stateTone(member.state)}`} data-agent={member.userId} data-state={member.state}>
      <div class="row-main">
        <strong>{member.name}</strong>
        <span class="small muted">{roleLabel(member.role)}</span>
        <span class="agent-state">
          <span class="state-dot" aria-hidden="true" />
          {t(STATE_KEYS[member.state])}
          {member.state !== 'offline' && member.since !== null ? ` ${formatClock(secondsSince(member.since))}` : ''}
        </span>
        {reason && member.state !== 'offline' && <span class="small muted">{t(reason)}</span>}
        {member.offer && (
          <span class="small">
            {t(OFFER_KIND_KEYS[member.offer.kind])}
            {member.offer.queueName ? ` · ${member.offer.queueName}` : ''}
          </span>
        )}
        {call && (
          <span class="small">
            {call.queueName ? `${call.queueName} · ` : ''}
            {call.caller?.national ?? call.caller?.number ?? t('ccLive.noCallerId')}
            {` · ${formatClock(secondsSince(call.startedAt))}`}
            {call.held ? ` · ${t('ccLive.call.held')}` : ''}
          </span>
        )}
        {member.missedOffers > 0 && <span class="small muted">{t('ccLive.missedOffers', { n: member.missedOffers })}</span>}
      </div>
      <div class="row-actions">
        <button type="button" aria-expanded={open} data-force={member.userId} onClick={() => model.openForce(member)}>
          {t('ccLive.force.open')}
        </button>
      </div>
      {call && <Supervise model={model} member={member} />}
      {open && <ForceForm model={model} member={member} />}
    </li>
  );
}

export function DashboardScreen() {
  const model = useModel(SupervisorModel);
  useTicking();
  return (
    <Screen title="ccLive.dashboard.title">
      <div class="dashboard" data-live={model.feedOpen.value ? 'open' : 'connecting'}>
        <section aria-labelledby="queues-title">
          <h2 id="queues-title">{t('ccLive.dashboard.queues')}</h2>
          <Loaded res={model.list}>
            {() => (model.queues.value.length ? model.queues.value.map((q) => <QueueCard key={q.queueId} q={q} />) : <Empty text="ccLive.noQueues" />)}
          </Loaded>
        </section>
        <section class="card" aria-labelledby="agents-title">
          <h2 id="agents-title">{t('ccLive.dashboard.agents')}</h2>
          <Loaded res={model.team}>
            {(team) =>
              team.length ? (
                <ul class="list agents-live">
                  {team.map((m) => (
                    <AgentRow key={m.userId} model={model} member={m} />
                  ))}
                </ul>
              ) : (
                <Empty text="ccLive.dashboard.noAgents" />
              )
            }
          </Loaded>
        </section>
        <HourlyGraphs model={model.graphs} />
      </div>
    </Screen>
  );
}
