// The contact-center home (C8, for now without the live console): today's inbound, answered and
// answer rate of the org's queues, what I answered, and the callbacks waiting to be made.
import { api } from '../../../api/client';
import type { CallbackRow, StatsAnswer } from '../../../api/contact-center-types';
import { resource } from '../../../ui/resource';

const CALLBACK_PAGE = 100;

export type TodaySummary = { inbound: number; answered: number; answerRate: number | null; mine: number; pendingCallbacks: number; moreCallbacks: boolean };

export function createContactHomeModel(userId: string) {
  const today = resource<TodaySummary>(async () => {
    const [stats, callbacks] = await Promise.all([
      // By agent the rows add up to the total, and mine is among them.
      api.get<StatsAnswer>('/cc/stats', { period: 'today', group: 'agent' }),
      api.get<{ callbacks: CallbackRow[]; nextBefore: string | null }>('/cc/callbacks', { status: 'pending', limit: CALLBACK_PAGE }),
    ]);
    const rows = stats.report.rows;
    const inbound = rows.reduce((s, r) => s + r.inbound, 0);
    const answered = rows.reduce((s, r) => s + r.answered, 0);
    return {
      inbound,
      answered,
      answerRate: inbound > 0 ? answered / inbound : null,
      mine: rows.find((r) => r.key === userId)?.answered ?? 0,
      pendingCallbacks: callbacks.callbacks.length,
      moreCallbacks: callbacks.nextBefore !== null,
    };
  });
  return { today, load: today.reload };
}
