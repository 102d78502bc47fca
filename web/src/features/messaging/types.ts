// The messaging API's answers as the web app reads them (worker/api/me-messages.ts, docs/api.md).
export type PhoneView = { e164: string; national: string };
export type MessageKind = 'sms' | 'lms' | 'mms';
export type MessageStatus = 'scheduled' | 'sending' | 'sent' | 'partial' | 'failed' | 'cancelled';
export type MessageCounts = { total: number; waiting: number; sent: number; delivered: number; failed: number };
export type MessageView = {
  id: string;
  kind: MessageKind;
  sender: PhoneView;
  subject: string | null;
  text: string;
  hasImage: boolean;
  status: MessageStatus;
  scheduledAt: number | null;
  createdAt: number;
  sentAt: number | null;
  counts: MessageCounts;
};
export type SkipReason = 'phone' | 'not_mobile' | 'not_dialable' | 'duplicate';
export type Skipped = { input: string; name: string | null; reason: SkipReason };
export type RecipientView = {
  id: string;
  messageId: string;
  number: PhoneView;
  name: string | null;
  status: string;
  updatedAt: number | null;
  kind: MessageKind;
  text: string;
  sentAt: number | null;
};
export type Favourite = { id: string; title: string; text: string; createdAt: number };
