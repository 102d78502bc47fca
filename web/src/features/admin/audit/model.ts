// The audit log (P8): newest first, a page at a time (`before` cursor), filtered by action.
import { createModel, signal } from '@preact/signals';
import { api } from '../../../api/client';
import type { AuditEntry } from '../../../../../contract/admin';
import { errorMessage } from '../../../i18n/errors';
import type { Message, MessageKey } from '../../../i18n';

export const PAGE_SIZE = 50;
/** Actions the server writes (worker/api/**), with their labels; the filter offers these. */
export const AUDIT_ACTIONS: Record<string, MessageKey> = {
  login: 'audit.a.login',
  'login.failed': 'audit.a.loginFailed',
  'password.changed': 'audit.a.passwordChanged',
  'password.reset': 'audit.a.passwordReset',
  'profile.updated': 'audit.a.profileUpdated',
  'account.issued': 'audit.a.accountIssued',
  'account.updated': 'audit.a.accountUpdated',
  'account.disabled': 'audit.a.accountDisabled',
  'account.enabled': 'audit.a.accountEnabled',
  'team.created': 'audit.a.teamCreated',
  'team.renamed': 'audit.a.teamRenamed',
  'team.deleted': 'audit.a.teamDeleted',
  'number.created': 'audit.a.numberCreated',
  'number.assigned': 'audit.a.numberAssigned',
  'number.deleted': 'audit.a.numberDeleted',
  'org.settings_updated': 'audit.a.orgSettingsUpdated',
  'holiday.created': 'audit.a.holidayCreated',
  'holiday.deleted': 'audit.a.holidayDeleted',
  'notice.created': 'audit.a.noticeCreated',
  'notice.deleted': 'audit.a.noticeDeleted',
  'faq.created': 'audit.a.faqCreated',
  'faq.deleted': 'audit.a.faqDeleted',
  'inquiry.created': 'audit.a.inquiryCreated',
  'inquiry.answered': 'audit.a.inquiryAnswered',
  'file.uploaded': 'audit.a.fileUploaded',
  'file.downloaded': 'audit.a.fileDownloaded',
  'file.deleted': 'audit.a.fileDeleted',
  'safe_number.switched': 'audit.a.safeNumberSwitched',
  'schedule.updated': 'audit.a.scheduleUpdated',
  'block_window.created': 'audit.a.blockWindowCreated',
  'block_window.updated': 'audit.a.blockWindowUpdated',
  'block_window.deleted': 'audit.a.blockWindowDeleted',
  'announcement.created': 'audit.a.announcementCreated',
  'announcement.updated': 'audit.a.announcementUpdated',
  'announcement.deleted': 'audit.a.announcementDeleted',
  'announcement.chosen': 'audit.a.announcementChosen',
  'list.added': 'audit.a.listAdded',
  'list.removed': 'audit.a.listRemoved',
  'mobile.changed': 'audit.a.mobileChanged',
  'shield.personal_updated': 'audit.a.shieldPersonal',
  'shield.org_updated': 'audit.a.shieldOrg',
  'org.contact_center_updated': 'audit.a.ccSettingsUpdated',
  'queue.created': 'audit.a.queueCreated',
  'queue.updated': 'audit.a.queueUpdated',
  'queue.deleted': 'audit.a.queueDeleted',
  'queue.members_updated': 'audit.a.queueMembersUpdated',
  'category.created': 'audit.a.categoryCreated',
  'category.updated': 'audit.a.categoryUpdated',
  'category.reordered': 'audit.a.categoryReordered',
  'wrap_up.updated': 'audit.a.wrapUpUpdated',
  'callback.done': 'audit.a.callbackDone',
  'callback.deleted': 'audit.a.callbackDeleted',
  'recording.played': 'audit.a.recordingPlayed',
  'recording.downloaded': 'audit.a.recordingDownloaded',
  'recording.retention_deleted': 'audit.a.recordingRetentionDeleted',
  'voicemail.settings_updated': 'audit.a.voicemailSettingsUpdated',
  'push.subscribed': 'audit.a.pushSubscribed',
  'push.unsubscribed': 'audit.a.pushUnsubscribed',
  'cc.force_state': 'audit.a.ccForceState',
  'cc.outbound': 'audit.a.ccOutbound',
  'cc.supervise': 'audit.a.ccSupervise',
  'cc.transfer': 'audit.a.ccTransfer',
};

/** What an entry acted on, in words (the server names it; this says what kind of thing it is). */
export const AUDIT_TARGETS: Record<string, MessageKey> = {
  user: 'audit.t.user',
  team: 'audit.t.team',
  queue: 'audit.t.queue',
  number: 'audit.t.number',
  category: 'audit.t.category',
  announcement: 'audit.t.announcement',
  recording: 'audit.t.recording',
  call: 'audit.t.call',
  callback: 'audit.t.callback',
  org: 'audit.t.org',
  file: 'audit.t.file',
  notice: 'audit.t.notice',
  faq: 'audit.t.faq',
  inquiry: 'audit.t.inquiry',
  holiday: 'audit.t.holiday',
  block_window: 'audit.t.blockWindow',
  list_entry: 'audit.t.listEntry',
  push_subscription: 'audit.t.pushSubscription',
};

/** A recorded action in words, or its code when this app does not know it yet. */
export function actionLabel(action: string): { key: MessageKey } | { raw: string } {
  const key = AUDIT_ACTIONS[action];
  return key ? { key } : { raw: action };
}

type Page = { entries: AuditEntry[]; nextBefore: string | number | null };

export const AuditModel = createModel(() => {
  const entries = signal<AuditEntry[]>([]);
  const nextBefore = signal<string | number | null>(null);
  const loading = signal(false);
  const error = signal<Message | null>(null);
  const action = signal('');

  async function fetchPage(before: string | number | null) {
    loading.value = true;
    error.value = null;
    try {
      const page = await api.get<Page>('/admin/audit', {
        action: action.value || undefined,
        before: before ?? undefined,
        limit: PAGE_SIZE,
      });
      entries.value = before === null ? page.entries : [...entries.value, ...page.entries];
      nextBefore.value = page.nextBefore ?? null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  const load = () => fetchPage(null);
  const more = () => fetchPage(nextBefore.value);
  async function filter(next: string) {
    action.value = next;
    entries.value = [];
    await load();
  }

  void load();
  return { entries, nextBefore, loading, error, action, load, more, filter };
});
