// The platform operator's home (issue 16): GET /api/operator/overview, reloaded on demand.
import { createModel } from '@preact/signals';
import { api } from '../../api/client';
import { resource } from '../../ui/resource';

export type Check = 'ok' | 'failed';
export type OrgOverview = {
  id: string;
  name: string;
  timezone: string;
  disabled: boolean;
  users: { total: number; disabled: number };
  numbers: { safeNumber: number; service: number; access: number };
  callsToday: { total: number; answered: number; unanswered: number; lastAt: number | null };
  staleNumbers: number;
};
export type Overview = {
  at: number;
  health: {
    status: 'ok' | 'degraded';
    checks: { d1: Check; r2: { recordings: Check; files: Check }; durableObjects: { callSession: Check; agent: Check; queue: Check } };
  };
  totals: { organisations: number; numbers: number; callsToday: number; answeredToday: number; staleNumbers: number };
  organisations: OrgOverview[];
};

export const OperatorModel = createModel(() => {
  const overview = resource(() => api.get<Overview>('/operator/overview'));
  void overview.reload();
  return { overview, load: overview.reload };
});
