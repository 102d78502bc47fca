// The platform operator's home (issue 16): GET /api/operator/overview, reloaded on demand.
import { createModel } from '@preact/signals';
import type { OperatorOverview as Overview } from '../../../../contract/operator';
import { api } from '../../api/client';
import { resource } from '../../ui/resource';

export type { OrgOverview } from '../../../../contract/operator';
export type { Overview };
export type Check = Overview['health']['checks']['d1'];

export const OperatorModel = createModel(() => {
  const overview = resource(() => api.get<Overview>('/operator/overview'));
  void overview.reload();
  return { overview, load: overview.reload };
});
