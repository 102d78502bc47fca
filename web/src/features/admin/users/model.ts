// Accounts of the organisation (P2): search, issue an account with an initial password, edit role,
// team and mobile, reset the password (the user must change it at next login), disable and enable.
import { createModel } from '@preact/signals';
import { api } from '../../../api/client';
import type { Team, User } from '../../../../../contract/admin';
import type { Role } from '../../../../../contract/vocabularies';
import { me } from '../../../session/model';
import { blankProblem, phoneProblem } from '../../../ui/checks';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';
import { passwordProblem } from '../../account/password-policy';

/** Roles this admin may hand out: an org admin cannot make operators. */
export function grantableRoles(): Role[] {
  const mine = me.value?.user.role;
  return mine === 'operator' ? ['staff', 'agent', 'supervisor', 'org_admin', 'operator'] : ['staff', 'agent', 'supervisor', 'org_admin'];
}

export const UsersModel = createModel(() => {
  const search = new FormModel({ q: '', role: '', teamId: '' });
  let query = { q: '', role: '', teamId: '' };
  const users = resource(async () => (await api.get<{ users: User[] }>('/admin/users', query)).users);
  const teams = resource(async () => (await api.get<{ teams: Team[] }>('/admin/teams')).teams);
  const issueForm = new FormModel({ loginId: '', name: '', role: 'staff', teamId: '', mobile: '', password: '' });

  async function load() {
    await Promise.all([users.reload(), teams.reload()]);
  }

  async function find(): Promise<void> {
    const v = search.values.value;
    query = { q: v.q.trim(), role: v.role, teamId: v.teamId };
    await users.reload();
  }

  async function issue(): Promise<boolean> {
    return issueForm.submit(
      (v) => ({
        loginId:
          blankProblem(v.loginId) ?? (/\s/.test(v.loginId.trim()) ? 'users.loginIdSpaces' : v.loginId.trim().length > 32 ? 'users.loginIdLong' : undefined),
        name: blankProblem(v.name),
        mobile: phoneProblem(v.mobile),
        password: v.password === '' ? 'field.required' : passwordProblem(v.password),
      }),
      async (v) => {
        await api.post('/admin/users', {
          loginId: v.loginId.trim(),
          name: v.name.trim(),
          role: v.role,
          ...(v.teamId ? { teamId: v.teamId } : {}),
          ...(v.mobile.trim() ? { mobile: v.mobile.trim() } : {}),
          password: v.password,
        });
        issueForm.reset();
        await Promise.all([users.reload(), teams.reload()]);
        return { key: 'users.issued', params: { loginId: v.loginId.trim() } };
      },
      { conflict: { field: 'loginId', key: 'users.loginIdTaken' } },
    );
  }

  /** The editor of one account: its details, a password reset, and disable/enable. */
  function editor(user: User) {
    const details = new FormModel({ name: user.name, role: user.role as string, teamId: user.teamId ?? '', mobile: user.mobileNational ?? '' });
    const reset = new FormModel({ password: '' });
    const status = new FormModel({});

    const save = () =>
      details.submit(
        (v) => ({ name: blankProblem(v.name), mobile: phoneProblem(v.mobile) }),
        async (v) => {
          await api.patch(`/admin/users/${encodeURIComponent(user.id)}`, {
            name: v.name.trim(),
            role: v.role,
            teamId: v.teamId || null,
            mobile: v.mobile.trim() || null,
          });
          await Promise.all([users.reload(), teams.reload()]);
          return { key: 'common.saved' };
        },
      );

    const resetPassword = () =>
      reset.submit(
        (v) => ({ password: v.password === '' ? 'field.required' : passwordProblem(v.password) }),
        async (v) => {
          await api.post(`/admin/users/${encodeURIComponent(user.id)}/password`, { password: v.password });
          reset.reset();
          await users.reload();
          return { key: 'users.passwordReset' };
        },
      );

    const setDisabled = (disabled: boolean) =>
      status.submit(
        () => ({}),
        async () => {
          await api.patch(`/admin/users/${encodeURIComponent(user.id)}`, { disabled });
          await users.reload();
        },
      );

    return { details, reset, status, save, resetPassword, setDisabled };
  }

  void load();
  return { search, users, teams, issueForm, load, find, issue, editor };
});
