// The user's own account (S18): changing the password, and the SMS sender number and outbound
// caller ID, which need the current password re-entered.
import { api } from '../../api/client';
import type { Me } from '../../../../contract/auth';
import { me, passwordChanged } from '../../session/model';
import { phoneProblem } from '../../ui/checks';
import { FormModel } from '../../ui/form';
import { passwordProblem } from './password-policy';

export function createPasswordModel() {
  const form = new FormModel({ currentPassword: '', newPassword: '', confirmPassword: '' });

  async function submit(): Promise<boolean> {
    return form.submit(
      (v) => ({
        currentPassword: v.currentPassword === '' ? 'field.required' : undefined,
        newPassword: v.newPassword === '' ? 'field.required' : passwordProblem(v.newPassword),
        confirmPassword: v.confirmPassword !== v.newPassword ? 'password.mismatch' : undefined,
      }),
      async (v) => {
        await api.post('/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
        form.reset();
        passwordChanged();
        return { key: 'password.changed' };
      },
    );
  }
  return { form, submit };
}

export function createContactNumbersModel() {
  const user = me.value?.user;
  const form = new FormModel({ smsSender: user?.national.smsSender ?? '', outboundCallerId: user?.national.outboundCallerId ?? '', password: '' });

  async function submit(): Promise<boolean> {
    return form.submit(
      (v) => ({
        smsSender: phoneProblem(v.smsSender),
        outboundCallerId: phoneProblem(v.outboundCallerId),
        password: v.password === '' ? 'profile.passwordNeeded' : undefined,
      }),
      async (v) => {
        const answer = await api.put<{ user: Me['user'] }>('/me/profile', {
          password: v.password,
          smsSender: v.smsSender.trim(),
          outboundCallerId: v.outboundCallerId.trim(),
        });
        if (me.value) me.value = { ...me.value, user: answer.user };
        form.reset({ smsSender: answer.user.national.smsSender ?? '', outboundCallerId: answer.user.national.outboundCallerId ?? '', password: '' });
        return { key: 'common.saved' };
      },
    );
  }
  return { form, submit };
}
