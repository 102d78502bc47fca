// Whether "call back" can start now (no DOM, tested on its own).
import type { AgentView } from '../../../../contract/cc-live';
import type { MessageKey } from '../../i18n/ko';

/**
 * Why calling back cannot start now, from the agent's live presence: the queue is already ringing
 * this agent for this very callback, another call is ringing, or a call is in hand (the server
 * would refuse each). Null when it may start (or presence is not known yet).
 */
export function callBackBlocked(agent: AgentView | null, callbackId?: string): MessageKey | null {
  if (!agent) return null;
  if (agent.offer && callbackId && agent.offer.callbackId === callbackId) return 'cc.callbacks.ringingYou';
  if (agent.offer) return 'ccLive.error.ringing';
  if (agent.call) return 'ccLive.dial.busy';
  return null;
}
