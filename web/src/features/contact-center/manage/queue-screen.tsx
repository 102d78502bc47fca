// 대기열 설정: announcements, waiting and distribution, the service-level and after-call overrides
// (empty = the org's policy, shown beside), the agents with their levels, and delete.
import { useModel } from '@preact/signals';
import { useLocation, useRoute } from 'preact-iso';
import type { AfterCallState } from '../../../../../contract/vocabularies';
import type { CcOptions, ContactCenterSettings } from '../../../../../contract/contact-center';
import { OVERFLOWS, STRATEGIES } from '../../../../../contract/vocabularies';
import { t } from '../../../i18n';
import { FormStatus, SelectField, SubmitButton, TextAreaField, TextField } from '../../../ui/fields';
import { Loaded, Screen } from '../../../ui/status';
import { formatDuration } from '../format';
import { QueueModel, GREETING_MAX, LEVELS } from './queue-model';

const stateLabel = (s: AfterCallState) => t(`cc.state.${s}`);

function SettingsForm({ model, defaults }: { model: QueueModel; defaults: ContactCenterSettings }) {
  const { form } = model;
  const greeting = form.values.value.greetingText.length;
  const org = (value: string) => t('cc.queue.orgValue', { value });
  return (
    <form
      data-form="queue-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void model.save();
      }}
      noValidate
    >
      <fieldset class="card">
        <legend>{t('cc.queue.basics')}</legend>
        <TextField form={form} name="name" label="cc.queues.name" maxLength={50} />
        <TextAreaField
          form={form}
          name="greetingText"
          label="cc.queue.greeting"
          rows={3}
          hint={
            <>
              {t('cc.queue.greetingHint')}{' '}
              <span class={greeting > GREETING_MAX ? 'counter over' : 'counter'}>{t('cc.wrapUp.counter', { n: greeting, max: GREETING_MAX })}</span>
            </>
          }
        />
        <TextField form={form} name="holdMusicUrl" label="cc.queue.hold" inputMode="text" hint={t('cc.queue.holdHint')} />
      </fieldset>
      <fieldset class="card">
        <legend>{t('cc.queue.distribution')}</legend>
        <SelectField
          form={form}
          name="strategy"
          label="cc.queue.strategy"
          choices={STRATEGIES.map((s) => ({ value: s, label: t(`cc.queue.strategy.${s}`) }))}
        />
        <div class="pair">
          <TextField form={form} name="maxWaitSeconds" label="cc.queue.maxWait" type="number" inputMode="numeric" />
          <TextField form={form} name="ringTimeoutSeconds" label="cc.queue.ringTimeout" type="number" inputMode="numeric" />
        </div>
        <p class="field-hint">{t('cc.queue.ringTimeoutHint')}</p>
        <TextField form={form} name="tierWidenSeconds" label="cc.queue.tierWiden" type="number" inputMode="numeric" hint={t('cc.queue.tierWidenHint')} />
        <TextField form={form} name="announceIntervalSeconds" label="cc.queue.announce" type="number" inputMode="numeric" hint={t('cc.queue.announceHint')} />
        <SelectField form={form} name="overflow" label="cc.queue.overflow" choices={OVERFLOWS.map((o) => ({ value: o, label: t(`cc.queue.overflow.${o}`) }))} />
      </fieldset>
      <fieldset class="card">
        <legend>{t('cc.queue.policy')}</legend>
        <p class="muted small">{t('cc.queue.policyHint')}</p>
        <div class="pair">
          <TextField
            form={form}
            name="serviceLevelSeconds"
            label="cc.queue.sl"
            type="number"
            inputMode="numeric"
            hint={org(formatDuration(defaults.serviceLevelSeconds))}
          />
          <TextField
            form={form}
            name="serviceLevelTargetPercent"
            label="cc.queue.slTarget"
            type="number"
            inputMode="numeric"
            hint={org(`${defaults.serviceLevelTargetPercent}%`)}
          />
        </div>
        <div class="pair">
          <SelectField
            form={form}
            name="agentStateAfterCall"
            label="cc.queue.afterCall"
            choices={[
              { value: '', label: t('cc.queue.useOrg', { value: stateLabel(defaults.agentStateAfterCall) }) },
              ...(['ready', 'break', 'acw'] as const).map((s) => ({ value: s, label: stateLabel(s) })),
            ]}
          />
          <TextField
            form={form}
            name="acwLimitSeconds"
            label="cc.queue.acwLimit"
            type="number"
            inputMode="numeric"
            hint={org(defaults.acwLimitSeconds === null ? t('cc.queue.noLimit') : formatDuration(defaults.acwLimitSeconds))}
          />
        </div>
      </fieldset>
      <FormStatus form={form} />
      <SubmitButton form={form} label="common.save" />
    </form>
  );
}

function Members({ model, options }: { model: QueueModel; options: CcOptions | undefined }) {
  const agents = options?.agents ?? [];
  const picks = model.picks.value;
  return (
    <form
      class="card"
      aria-labelledby="members-title"
      data-form="queue-members"
      onSubmit={(e) => {
        e.preventDefault();
        void model.saveMembers();
      }}
      noValidate
    >
      <h2 id="members-title">{t('cc.queue.membersTitle')}</h2>
      <p class="muted small">{t('cc.queue.membersHint')}</p>
      {agents.length === 0 ? (
        <p class="empty">{t('cc.queue.noAgents')}</p>
      ) : (
        <ul class="member-list">
          {agents.map((a) => {
            const level = picks[a.id];
            const checkId = `member-${a.id}`;
            return (
              <li key={a.id} class="member">
                <input
                  id={checkId}
                  type="checkbox"
                  name="member"
                  value={a.id}
                  checked={level !== undefined}
                  onChange={(e) => model.pick(a.id, e.currentTarget.checked ? (level ?? 1) : null)}
                />
                <label for={checkId}>
                  {t('cc.queue.member', { name: a.name, loginId: a.loginId })}
                  {a.disabled && <span class="badge badge-warn">{t('cc.queue.userDisabled')}</span>}
                </label>
                <select
                  aria-label={t('cc.queue.memberLevel', { name: a.name })}
                  name={`level-${a.id}`}
                  value={String(level ?? 1)}
                  disabled={level === undefined}
                  onChange={(e) => model.pick(a.id, Number(e.currentTarget.value))}
                >
                  {LEVELS.map((n) => (
                    <option key={n} value={String(n)}>
                      {t('cc.queue.level', { n })}
                    </option>
                  ))}
                </select>
              </li>
            );
          })}
        </ul>
      )}
      <FormStatus form={model.membersForm} />
      <SubmitButton form={model.membersForm} label="cc.queue.saveMembers" />
    </form>
  );
}

export function QueueScreen() {
  const { params } = useRoute();
  const { route } = useLocation();
  const model = useModel(() => new QueueModel(params.id ?? ''));
  return (
    <Screen title="cc.queue.title">
      <p>
        <a href="/cc/queues">{t('cc.queue.back')}</a>
      </p>
      <Loaded res={model.queue}>
        {({ queue, defaults }) => (
          <>
            <p class="muted">
              {t('cc.queue.numbers')}: {queue.numbers.length ? queue.numbers.map((n) => n.display).join(', ') : t('cc.queues.noNumber')}
            </p>
            <SettingsForm model={model} defaults={defaults} />
            <Members model={model} options={model.options.data.value} />
            <div class="card">
              <button
                type="button"
                class="danger"
                onClick={async () => {
                  if (confirm(t('cc.queue.confirmDelete', { name: queue.name })) && (await model.remove())) route('/cc/queues', true);
                }}
              >
                {t('cc.queue.delete')}
              </button>
              <FormStatus form={model.deleteForm} />
            </div>
          </>
        )}
      </Loaded>
    </Screen>
  );
}
