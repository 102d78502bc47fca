// 사용자 관리: search the accounts, issue a new one, and open one to edit, reset or disable it.
import { useModel } from '@preact/signals';
import { useMemo, useState } from 'preact/hooks';
import type { Team, User } from '../../../../../contract/admin';
import { t } from '../../../i18n';
import { roleLabel } from '../../../layout/role-label';
import { me } from '../../../session/model';
import { FormStatus, SelectField, SubmitButton, TextField, type Choice } from '../../../ui/fields';
import { Empty, Loaded, Screen } from '../../../ui/status';
import { NewPasswordField } from '../../account/password-checklist';
import { UsersModel, grantableRoles } from './model';

type Model = InstanceType<typeof UsersModel>;

function teamChoices(teams: Team[] | undefined, none: string): Choice[] {
  return [{ value: '', label: none }, ...(teams ?? []).map((tm) => ({ value: tm.id, label: tm.name }))];
}

function roleChoices(): Choice[] {
  return grantableRoles().map((r) => ({ value: r, label: roleLabel(r) }));
}

function UserEditor({ model, user, onClose }: { model: Model; user: User; onClose: () => void }) {
  const ed = useMemo(() => model.editor(user), [user.id]);
  const self = me.value?.user.id === user.id;
  return (
    <div class="editor">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void ed.save();
        }}
        noValidate
      >
        <TextField form={ed.details} name="name" label="users.name" maxLength={50} />
        <SelectField form={ed.details} name="role" label="users.role" choices={roleChoices()} />
        <SelectField form={ed.details} name="teamId" label="users.team" choices={teamChoices(model.teams.data.value, t('users.noTeam'))} />
        <TextField form={ed.details} name="mobile" label="users.mobile" type="tel" inputMode="tel" />
        <FormStatus form={ed.details} />
        <SubmitButton form={ed.details} label="common.save" />
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void ed.resetPassword();
        }}
        noValidate
      >
        <NewPasswordField form={ed.reset} name="password" label="users.newPassword" />
        <FormStatus form={ed.reset} />
        <SubmitButton form={ed.reset} label="users.resetPassword" />
      </form>
      {!self && (
        <div class="editor-actions">
          <button type="button" class={user.disabled ? '' : 'danger'} disabled={ed.status.busy.value} onClick={() => void ed.setDisabled(!user.disabled)}>
            {user.disabled ? t('users.enable') : t('users.disable')}
          </button>
          <FormStatus form={ed.status} />
        </div>
      )}
      <button type="button" class="link" onClick={onClose}>
        {t('common.close')}
      </button>
    </div>
  );
}

function UserRow({ model, user }: { model: Model; user: User }) {
  const [open, setOpen] = useState(false);
  const team = model.teams.data.value?.find((tm) => tm.id === user.teamId);
  return (
    <li class={user.disabled ? 'row disabled' : 'row'}>
      <div class="row-main">
        <strong>{user.name}</strong>
        <span class="muted small">
          {user.loginId} · {roleLabel(user.role)}
          {team ? ` · ${team.name}` : ''}
          {user.mobileNational ? ` · ${user.mobileNational}` : ''}
        </span>
        <span>
          {user.disabled && <span class="badge">{t('users.disabled')}</span>}
          {user.mustChangePassword && <span class="badge badge-warn">{t('users.mustChange')}</span>}
        </span>
      </div>
      <div class="row-actions">
        {user.role === 'staff' && (
          <a class="button" href={`/admin/users/${encodeURIComponent(user.id)}/settings`}>
            {t('staffSettings.open')}
          </a>
        )}
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('common.edit')}
        </button>
      </div>
      {open && <UserEditor model={model} user={user} onClose={() => setOpen(false)} />}
    </li>
  );
}

export function UsersScreen() {
  const model = useModel(UsersModel);
  const teams = model.teams.data.value;
  const [issuing, setIssuing] = useState(false);
  return (
    <Screen title="users.title">
      <form
        class="card search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void model.find();
        }}
      >
        <TextField form={model.search} name="q" label="users.search" type="search" />
        <SelectField form={model.search} name="role" label="users.role" choices={[{ value: '', label: t('common.all') }, ...roleChoices()]} />
        <SelectField form={model.search} name="teamId" label="users.team" choices={teamChoices(teams, t('common.all'))} />
        <button type="submit">{t('common.search')}</button>
      </form>
      <p>
        <button type="button" class="primary" aria-expanded={issuing} onClick={() => setIssuing(!issuing)}>
          {t('users.issue')}
        </button>
      </p>
      {issuing && (
        <form
          class="card"
          aria-labelledby="issue-title"
          onSubmit={(e) => {
            e.preventDefault();
            void model.issue();
          }}
          noValidate
        >
          <h2 id="issue-title">{t('users.issue')}</h2>
          <TextField form={model.issueForm} name="loginId" label="users.loginId" hint={t('users.loginIdHint')} maxLength={32} />
          <TextField form={model.issueForm} name="name" label="users.name" maxLength={50} />
          <SelectField form={model.issueForm} name="role" label="users.role" choices={roleChoices()} />
          <SelectField form={model.issueForm} name="teamId" label="users.team" choices={teamChoices(teams, t('users.noTeam'))} />
          <TextField form={model.issueForm} name="mobile" label="users.mobile" type="tel" inputMode="tel" />
          <NewPasswordField form={model.issueForm} name="password" label="users.initialPassword" />
          <FormStatus form={model.issueForm} />
          <SubmitButton form={model.issueForm} label="users.issueSubmit" />
        </form>
      )}
      <Loaded res={model.users}>
        {(users) =>
          users.length === 0 ? (
            <Empty text="users.empty" />
          ) : (
            <ul class="list" aria-label={t('users.title')}>
              {users.map((u) => (
                <UserRow key={u.id} model={model} user={u} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </Screen>
  );
}
