// The org's contact-center policy (C2, C10, B5): state after login and after a call, ACW limit,
// service-level threshold and target, short-abandon threshold. Every queue follows it unless it sets
// its own. Supervisors and org admins edit it (the org settings screen shows it too).
import { createModel } from '@preact/signals';
import { api } from '../../../api/client';
import type { ContactCenterSettings } from '../../../../../contract/contact-center';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';
import { fromWhole, toWhole, wholeProblem } from './numbers';

const EMPTY = {
  agentStateAfterLogin: 'break',
  agentStateAfterCall: 'acw',
  acwLimitSeconds: '',
  serviceLevelSeconds: '20',
  serviceLevelTargetPercent: '80',
  shortAbandonSeconds: '5',
};
type Values = typeof EMPTY;

function toValues(s: ContactCenterSettings): Values {
  return {
    agentStateAfterLogin: s.agentStateAfterLogin,
    agentStateAfterCall: s.agentStateAfterCall,
    acwLimitSeconds: fromWhole(s.acwLimitSeconds),
    serviceLevelSeconds: String(s.serviceLevelSeconds),
    serviceLevelTargetPercent: String(s.serviceLevelTargetPercent),
    shortAbandonSeconds: String(s.shortAbandonSeconds),
  };
}

function check(v: Values) {
  return {
    acwLimitSeconds: wholeProblem(v.acwLimitSeconds, 1, 3600, true),
    serviceLevelSeconds: wholeProblem(v.serviceLevelSeconds, 1, 3600),
    serviceLevelTargetPercent: wholeProblem(v.serviceLevelTargetPercent, 1, 99),
    shortAbandonSeconds: wholeProblem(v.shortAbandonSeconds, 0, 600),
  };
}

export const CcSettingsModel = createModel(() => {
  const form = new FormModel<Values>({ ...EMPTY });
  const settings = resource(async () => {
    const { settings: s } = await api.get<{ settings: ContactCenterSettings }>('/admin/org/contact-center');
    form.reset(toValues(s));
    return s;
  });

  async function save(): Promise<boolean> {
    return form.submit(check, async (v) => {
      const { settings: saved } = await api.put<{ settings: ContactCenterSettings }>('/admin/org/contact-center', {
        agentStateAfterLogin: v.agentStateAfterLogin,
        agentStateAfterCall: v.agentStateAfterCall,
        acwLimitSeconds: toWhole(v.acwLimitSeconds),
        serviceLevelSeconds: Number(v.serviceLevelSeconds),
        serviceLevelTargetPercent: Number(v.serviceLevelTargetPercent),
        shortAbandonSeconds: Number(v.shortAbandonSeconds),
      });
      settings.data.value = saved;
      form.reset(toValues(saved));
      return { key: 'common.saved' };
    });
  }

  void settings.reload();
  return { form, settings, save, load: settings.reload };
});
