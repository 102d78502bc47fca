// The words for announcement situations and where a text comes from, shared by the staff and the
// org admin screens.
import type { AnnouncementScope } from '../../../../contract/safe-number';
import type { Situation } from '../../../../contract/vocabularies';
import type { MessageKey } from '../../i18n';

export const SITUATION_KEYS: Record<Situation, MessageKey> = {
  waiting: 'situation.waiting',
  connect: 'situation.connect',
  after_hours: 'situation.after_hours',
  lunch: 'situation.lunch',
  block: 'situation.block',
  suspended: 'situation.suspended',
  unavailable: 'situation.unavailable',
  limited: 'situation.limited',
};

export const SITUATION_HINT_KEYS: Record<Situation, MessageKey> = {
  waiting: 'situation.waitingHint',
  connect: 'situation.connectHint',
  after_hours: 'situation.after_hoursHint',
  lunch: 'situation.lunchHint',
  block: 'situation.blockHint',
  suspended: 'situation.suspendedHint',
  unavailable: 'situation.unavailableHint',
  limited: 'situation.limitedHint',
};

export const SOURCE_KEYS: Record<AnnouncementScope | 'builtin', MessageKey> = {
  personal: 'announcements.source.personal',
  team: 'announcements.source.team',
  org: 'announcements.source.org',
  builtin: 'announcements.source.builtin',
};
