// Teams of the organisation (P2): list, create, rename, delete (refused while users belong to it).
import { createModel } from '@preact/signals';
import { api } from '../../../api/client';
import type { Team } from '../../../../../contract/admin';
import { FormModel, required } from '../../../ui/form';
import { resource } from '../../../ui/resource';

export const TeamsModel = createModel(() => {
  const teams = resource(async () => (await api.get<{ teams: Team[] }>('/admin/teams')).teams);
  const createForm = new FormModel({ name: '' });

  async function create(): Promise<boolean> {
    return createForm.submit(
      required('name'),
      async (v) => {
        await api.post('/admin/teams', { name: v.name.trim() });
        createForm.reset();
        await teams.reload();
        return { key: 'common.created' };
      },
      { conflict: { field: 'name', key: 'teams.duplicate' } },
    );
  }

  /** A rename form per team, made when the user opens it. */
  function renameForm(team: Team) {
    const form = new FormModel({ name: team.name });
    const submit = () =>
      form.submit(
        required('name'),
        async (v) => {
          await api.patch(`/admin/teams/${encodeURIComponent(team.id)}`, { name: v.name.trim() });
          await teams.reload();
        },
        { conflict: { field: 'name', key: 'teams.duplicate' } },
      );
    return { form, submit };
  }

  async function remove(team: Team, form: FormModel<{ name: string }>): Promise<boolean> {
    return form.submit(
      () => ({}),
      async () => {
        await api.delete(`/admin/teams/${encodeURIComponent(team.id)}`);
        await teams.reload();
      },
      { conflict: { key: 'teams.hasUsers' } },
    );
  }

  void teams.reload();
  return { teams, createForm, create, renameForm, remove, load: teams.reload };
});
