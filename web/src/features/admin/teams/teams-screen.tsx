// 팀 관리: the team list with inline rename and delete, and a form to add a team.
import { useModel } from '@preact/signals';
import { useMemo, useState } from 'preact/hooks';
import type { Team } from '../../../../../contract/admin';
import { t } from '../../../i18n';
import { FormStatus, SubmitButton, TextField } from '../../../ui/fields';
import { Empty, Loaded, Screen } from '../../../ui/status';
import { TeamsModel } from './model';

type Model = InstanceType<typeof TeamsModel>;

function TeamRow({ model, team }: { model: Model; team: Team }) {
  const [editing, setEditing] = useState(false);
  const edit = useMemo(() => model.renameForm(team), [team]);
  async function onRename(e: Event) {
    e.preventDefault();
    if (await edit.submit()) setEditing(false);
  }
  async function onDelete() {
    if (confirm(t('teams.confirmDelete', { name: team.name }))) await model.remove(team, edit.form);
  }
  return (
    <li class="row">
      {editing ? (
        <form class="inline-form" onSubmit={onRename} noValidate>
          <TextField form={edit.form} name="name" label="teams.name" maxLength={50} />
          <SubmitButton form={edit.form} label="common.save" />
          <button type="button" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <>
          <div class="row-main">
            <strong>{team.name}</strong>
            <span class="muted small">{t('teams.userCount', { count: team.userCount })}</span>
          </div>
          <div class="row-actions">
            <button type="button" onClick={() => setEditing(true)}>
              {t('common.rename')}
            </button>
            <button type="button" class="danger" onClick={() => void onDelete()}>
              {t('common.delete')}
            </button>
          </div>
        </>
      )}
      {!editing && <FormStatus form={edit.form} />}
    </li>
  );
}

export function TeamsScreen() {
  const model = useModel(TeamsModel);
  async function onCreate(e: Event) {
    e.preventDefault();
    await model.create();
  }
  return (
    <Screen title="teams.title">
      <form class="card" onSubmit={onCreate} noValidate aria-labelledby="team-new">
        <h2 id="team-new">{t('teams.add')}</h2>
        <TextField form={model.createForm} name="name" label="teams.name" maxLength={50} />
        <FormStatus form={model.createForm} />
        <SubmitButton form={model.createForm} label="common.add" />
      </form>
      <Loaded res={model.teams}>
        {(teams) =>
          teams.length === 0 ? (
            <Empty text="teams.empty" />
          ) : (
            <ul class="list">
              {teams.map((team) => (
                <TeamRow key={team.id} model={model} team={team} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </Screen>
  );
}
