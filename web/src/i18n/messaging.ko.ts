// Korean texts of the messaging screens (S12, S15, S16): compose, send logs, favourites, the
// "send my safe number" button. Spread into ko.ts; messaging.en.ts has the same keys.
export const messagingKo = {
  'messaging.field.tooManyBytes': '{max}바이트까지 보낼 수 있습니다.',
  'messaging.field.chars': '문자로 보낼 수 없는 글자(이모지 등)가 있습니다.',
  'messaging.field.noSender': '선택한 발신번호가 없습니다. 내 정보에서 부서 번호를 등록하세요.',
  'messaging.field.noRecipients': '받는 사람이 없습니다.',
  'messaging.field.inPast': '이미 지난 시각입니다.',
  'messaging.field.imageType': 'JPG, PNG, GIF 이미지만 보낼 수 있습니다.',
} as const;
