// The situations an announcement is written for: the vocabulary the schema's column, the org file,
// the snapshot compiler and the pure safe-number parts share. PURE: no imports.
export const ANNOUNCEMENT_TYPES = [
  'waiting',
  'connect',
  'after_hours',
  'lunch',
  'block',
  'suspended',
  'unavailable',
  /** The abuse shield's refusal (B3). */
  'limited',
  'recording_notice',
  'queue_greeting',
  'queue_hold',
] as const;
export type AnnouncementType = (typeof ANNOUNCEMENT_TYPES)[number];
