// 번호 관리: the organisation's virtual numbers, who or which queue each one rings, and adding one.
import { useModel } from '@preact/signals';
import { useMemo, useState } from 'preact/hooks';
import type { Queue, User, VirtualNumber } from '../../../../../contract/admin';
import { t, tm, type MessageKey } from '../../../i18n';
import { FormStatus, SelectField, SubmitButton, TextField, type Choice } from '../../../ui/fields';
import type { FormModel } from '../../../ui/form';
import { Empty, Loaded, Screen } from '../../../ui/status';
import { NumbersModel } from './model';

type Model = InstanceType<typeof NumbersModel>;
type AssignValues = { target: string; ownerUserId: string; queueId: string };

const KIND_KEYS: Record<VirtualNumber['kind'], MessageKey> = {
  safe_number: 'numbers.kind.safe_number',
  service: 'numbers.kind.service',
  access: 'numbers.kind.access',
};

function targetChoices(): Choice[] {
  return [
    { value: 'none', label: t('numbers.target.none') },
    { value: 'user', label: t('numbers.target.user') },
    { value: 'queue', label: t('numbers.target.queue') },
  ];
}

function userChoices(users: User[] | undefined): Choice[] {
  return [{ value: '', label: t('numbers.chooseUser') }, ...(users ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.loginId})` }))];
}

function queueChoices(queues: Queue[] | undefined): Choice[] {
  return [{ value: '', label: t('numbers.chooseQueue') }, ...(queues ?? []).map((q) => ({ value: q.id, label: q.name }))];
}

type Targets = { users: User[] | undefined; queues: Queue[] | undefined };

/** Target select plus the user or queue select it asks for. */
function AssignFields<T extends AssignValues>({ form, users, queues }: { form: FormModel<T> } & Targets) {
  // Both forms carry these three fields; TypeScript cannot see that through the generic.
  const f = form as unknown as FormModel<AssignValues>;
  const target = f.values.value.target;
  return (
    <>
      <SelectField form={f} name="target" label="numbers.assignTo" choices={targetChoices()} />
      {target === 'user' && <SelectField form={f} name="ownerUserId" label="numbers.owner" choices={userChoices(users)} />}
      {target === 'queue' && (
        <SelectField
          form={f}
          name="queueId"
          label="numbers.queue"
          choices={queueChoices(queues)}
          // An org without queues gets told where they come from instead of an empty list.
          hint={queues?.length === 0 ? t('numbers.noQueues') : undefined}
        />
      )}
    </>
  );
}

function NumberRow({ model, n }: { model: Model; n: VirtualNumber }) {
  const [open, setOpen] = useState(false);
  const a = useMemo(() => model.assigner(n), [n]);
  const assigned = tm(model.assignedTo.value(n));
  async function onDelete() {
    if (confirm(t('numbers.confirmDelete', { number: n.national }))) await a.remove();
  }
  return (
    <li class="row">
      <div class="row-main">
        <strong class="mono">{n.national}</strong>
        <span class="muted small">
          {t(KIND_KEYS[n.kind])} · {assigned}
        </span>
        {n.paused && <span class="badge badge-warn">{t('numbers.paused')}</span>}
      </div>
      <div class="row-actions">
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('numbers.assign')}
        </button>
        <button type="button" class="danger" onClick={() => void onDelete()}>
          {t('common.delete')}
        </button>
      </div>
      {open && (
        <form
          class="editor"
          onSubmit={(e) => {
            e.preventDefault();
            void a.save();
          }}
          noValidate
        >
          <AssignFields form={a.form} users={model.users.data.value} queues={model.queues.data.value} />
          <SubmitButton form={a.form} label="common.save" />
        </form>
      )}
      <FormStatus form={a.form} />
    </li>
  );
}

export function NumbersScreen() {
  const model = useModel(NumbersModel);
  return (
    <Screen title="numbers.title">
      <form
        class="card"
        aria-labelledby="number-new"
        onSubmit={(e) => {
          e.preventDefault();
          void model.add();
        }}
        noValidate
      >
        <h2 id="number-new">{t('numbers.add')}</h2>
        <TextField form={model.addForm} name="e164" label="numbers.e164" type="tel" inputMode="tel" hint={t('numbers.e164Hint')} />
        <SelectField
          form={model.addForm}
          name="kind"
          label="numbers.kind"
          choices={(['safe_number', 'service', 'access'] as const).map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))}
        />
        <AssignFields form={model.addForm} users={model.users.data.value} queues={model.queues.data.value} />
        <FormStatus form={model.addForm} />
        <SubmitButton form={model.addForm} label="common.add" />
      </form>
      <Loaded res={model.numbers}>
        {(numbers) =>
          numbers.length === 0 ? (
            <Empty text="numbers.empty" />
          ) : (
            <ul class="list">
              {numbers.map((n) => (
                <NumberRow key={n.id} model={model} n={n} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </Screen>
  );
}
