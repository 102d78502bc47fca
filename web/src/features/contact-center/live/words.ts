// How the live screens name states, reasons and offers (the manual's words: 대기, 휴식, 후처리, 통화중),
// and the message a refused action gets. Keys only; views translate while rendering.
import type { OfferView } from '../../../../../contract/cc-live';
import type { PresenceState } from '../../../../../contract/vocabularies';
import type { MessageKey } from '../../../i18n';

export const STATE_KEYS: Record<PresenceState, MessageKey> = {
  offline: 'ccLive.state.offline',
  ready: 'ccLive.state.ready',
  break: 'ccLive.state.break',
  acw: 'ccLive.state.acw',
  ringing: 'ccLive.state.ringing',
  on_call: 'ccLive.state.on_call',
};

const REASON_KEYS: Record<string, MessageKey> = {
  login: 'ccLive.reason.login',
  logout: 'ccLive.reason.logout',
  manual: 'ccLive.reason.manual',
  forced: 'ccLive.reason.forced',
  offer: 'ccLive.reason.offer',
  offer_cancelled: 'ccLive.reason.offer_cancelled',
  missed_offer: 'ccLive.reason.missed_offer',
  declined_offer: 'ccLive.reason.declined_offer',
  answered: 'ccLive.reason.answered',
  call_started: 'ccLive.reason.call_started',
  after_call: 'ccLive.reason.after_call',
  acw_limit: 'ccLive.reason.acw_limit',
};

/** Why the state began, in words; a reason this app does not know yet says nothing. */
export function reasonKey(reason: string | null | undefined): MessageKey | null {
  return reason ? (REASON_KEYS[reason] ?? null) : null;
}

export const OFFER_KIND_KEYS: Record<OfferView['kind'], MessageKey> = {
  call: 'ccLive.offer.kind.call',
  callback: 'ccLive.offer.kind.callback',
  transfer: 'ccLive.offer.kind.transfer',
};

/** The badge colour of a state. */
export function stateTone(state: PresenceState): string {
  return `state-${state.replace('_', '-')}`;
}
