// What the Queue reducer accepts (issue 11): a configuration within its bounds and inputs whose ids,
// times and values are well formed. Anything else is refused before it can change the line. Pure.
import { OVERFLOW_TARGETS, STRATEGIES, type QueueConfig, type QueueInput } from './queue-types';

const isInt = (n: unknown, min: number, max: number) => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
const isId = (x: unknown) => typeof x === 'string' && x.length > 0 && x.length <= 200;
const isTime = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

function validTimeZone(tz: unknown): boolean {
  if (typeof tz !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function validConfig(c: QueueConfig): boolean {
  return (
    isId(c.queueId) &&
    (STRATEGIES as readonly string[]).includes(c.strategy) &&
    (OVERFLOW_TARGETS as readonly string[]).includes(c.overflow) &&
    isInt(c.ringTimeoutSeconds, 1, 600) &&
    isInt(c.maxWaitSeconds, 1, 86_400) &&
    isInt(c.tierWidenSeconds, 0, 86_400) &&
    isInt(c.serviceLevelSeconds, 1, 3600) &&
    typeof c.serviceLevelTarget === 'number' &&
    c.serviceLevelTarget > 0 &&
    c.serviceLevelTarget < 1 &&
    isInt(c.announceIntervalSeconds, 0, 3600) &&
    typeof c.defaultHandleSeconds === 'number' &&
    c.defaultHandleSeconds > 0 &&
    validTimeZone(c.timezone)
  );
}

export function validInput(i: QueueInput): boolean {
  switch (i.kind) {
    case 'configure':
      return (
        validConfig(i.config) &&
        Array.isArray(i.members) &&
        new Set(i.members.map((m) => m.userId)).size === i.members.length &&
        i.members.every((m) => isId(m.userId) && isInt(m.level, 1, 9))
      );
    case 'caller_joined':
      return isId(i.callSessionId) && (i.priority === undefined || isInt(i.priority, -1000, 1000));
    case 'caller_left':
      return isId(i.callSessionId);
    case 'callback_requested':
      return isId(i.callSessionId) && isId(i.callbackId);
    case 'callback_added':
      return isId(i.callbackId) && isTime(i.queuedAt) && (i.priority === undefined || isInt(i.priority, -1000, 1000));
    case 'callback_removed':
      return isId(i.callbackId);
    case 'agent_ready':
      return isId(i.userId) && isTime(i.since) && isTime(i.idleSince) && isTime(i.seenOfferSeq);
    case 'agent_unavailable':
      return isId(i.userId) && isTime(i.since) && isTime(i.seenOfferSeq) && ['offline', 'break', 'acw', 'on_call', 'ringing'].includes(i.presence);
    case 'offer_answered':
    case 'offer_declined':
      return isId(i.offerId);
    case 'handled':
      return isTime(i.handleMs) && i.handleMs >= 0;
    case 'timer':
      return typeof i.name === 'string';
    default:
      return false;
  }
}
