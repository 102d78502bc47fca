// Korean texts of the record retention screen (issue 20 §3): how many months of call records and
// audit entries stay in the database, and the archived months to download. Spread into ko.ts;
// archive.en.ts has the same keys.
export const archiveKo = {
  'nav.archive': '기록 보관',
  'archive.title': '기록 보관',
  'archive.intro': '통화 기록과 감사 기록을 몇 개월 동안 바로 조회할 수 있게 둘지 정합니다.',
  'archive.months': '보관 기간(개월)',
  'archive.monthsHint': '1~120개월. 이번 달도 한 달로 셉니다.',
  'archive.monthsNow': '지금은 {months}개월: {from}부터의 기록을 둡니다.',
  'archive.whatHappens':
    '이보다 오래된 달의 통화 기록과 감사 기록은 매일 조금씩 기관 전용 보관 파일로 옮겨집니다. 옮겨진 기록도 통화 이력과 감사 기록 화면에서 그대로 보이고, 통계는 바뀌지 않습니다. 보관 파일은 아래 목록에서 달마다 내려받을 수 있습니다. 녹음이 남아 있는 통화는 녹음 보관 기간이 끝날 때까지 옮기지 않습니다.',
  'archive.saved': '보관 기간을 저장했습니다.',
  'archive.listTitle': '보관 파일',
  'archive.listIntro': '옮겨진 달마다 압축 파일로 내려받습니다. 파일 한 줄이 기록 한 건입니다.',
  'archive.empty': '아직 옮겨진 기록이 없습니다.',
  'archive.dataset.calls': '통화 기록',
  'archive.dataset.audit_log': '감사 기록',
  'archive.monthRow': '{month} {dataset}',
  'archive.monthFacts': '{rows}건 · 파일 {parts}개 · {size}',
  'archive.download': '파일 {n} 내려받기',
  'archive.downloadLabel': '{month} {dataset} 파일 {n} 내려받기',
};
