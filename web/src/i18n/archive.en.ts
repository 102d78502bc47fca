// English texts of the record retention screen (issue 20 §3): the same keys as archive.ko.ts.
import type { archiveKo } from './archive.ko';

export const archiveEn: Record<keyof typeof archiveKo, string> = {
  'nav.archive': 'Record retention',
  'archive.title': 'Record retention',
  'archive.intro': 'How many months of call records and audit entries stay ready to look up.',
  'archive.months': 'Keep for (months)',
  'archive.monthsHint': '1 to 120 months. This month counts as one.',
  'archive.monthsNow': 'Now {months} months: records from {from} on are kept.',
  'archive.whatHappens':
    'Call records and audit entries of older months move, a little every day, to archive files of your organisation only. Moved records still show in call history and the audit log, and statistics do not change. Download the archive files month by month from the list below. A call whose recording is still kept moves when the recording’s own retention ends.',
  'archive.saved': 'Retention saved.',
  'archive.listTitle': 'Archive files',
  'archive.listIntro': 'Each moved month downloads as compressed files, one record a line.',
  'archive.empty': 'Nothing has been moved yet.',
  'archive.dataset.calls': 'call records',
  'archive.dataset.audit_log': 'audit entries',
  'archive.monthRow': '{month}, {dataset}',
  'archive.monthFacts': '{rows} records · {parts} files · {size}',
  'archive.download': 'File {n}',
  'archive.downloadLabel': 'Download {month} {dataset}, file {n}',
};
