// 호처리 통계 (C10, B5): the report for a period, grouped by agent, consult category or in total,
// optionally for one queue; reloaded when a choice changes; the CSV link with the same choices in
// the chosen language.
import { computed, createModel, signal } from '@preact/signals';
import { api, apiUrl } from '../../../api/client';
import type { CcOptions, StatsAnswer } from '../../../../../contract/contact-center';
import type { Period, StatsGroup } from '../../../../../contract/vocabularies';
import { lang } from '../../../i18n';
import { resource } from '../../../ui/resource';

export const StatsModel = createModel(() => {
  const period = signal<Period>('today');
  const group = signal<StatsGroup>('agent');
  const queueId = signal('');
  const options = resource(() => api.get<CcOptions>('/cc/options'));
  const query = () => ({ period: period.value, group: group.value, queueId: queueId.value || undefined });
  const report = resource(() => api.get<StatsAnswer>('/cc/stats', query()));

  function choose(next: { period?: Period; group?: StatsGroup; queueId?: string }) {
    if (next.period) period.value = next.period;
    if (next.group) group.value = next.group;
    if (next.queueId !== undefined) queueId.value = next.queueId;
    void report.reload();
  }

  /** The export of what the screen shows, headers in the language the user reads (a computed: model methods run untracked). */
  const csvHref = computed(() => apiUrl('/cc/stats/csv', { ...query(), lang: lang.value }));

  async function load() {
    await Promise.all([options.reload(), report.reload()]);
  }

  void load();
  return { period, group, queueId, options, report, choose, csvHref, load };
});
