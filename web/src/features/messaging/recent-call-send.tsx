// "Right after a call" (S12): home's latest call of today, named, with the one tap that sends my
// safe number to the other party (the same button and server rule as a history row).
import type { CallRow } from '../../../../contract/safe-number';
import { t } from '../../i18n';
import { SendSafeNumberButton } from './send-safe-number-button';

export function RecentCallSend({ latest }: { latest: readonly CallRow[] }) {
  const row = latest[0];
  const to = row?.caller.e164;
  if (!row || !to) return null;
  const who = row.caller.name ? `${row.caller.name} ${row.caller.national ?? ''}`.trim() : (row.caller.national ?? to);
  return (
    <div class="recent-call" data-testid="recent-call-send">
      <p class="small">
        <strong>{t('messaging.safeNumber.recent', { who })}</strong>
        <span class="muted"> · {t('messaging.safeNumber.recentHint')}</span>
      </p>
      <SendSafeNumberButton key={row.id} to={to} label="messaging.safeNumber.sendMine" />
    </div>
  );
}
