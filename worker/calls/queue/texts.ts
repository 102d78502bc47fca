// What a queue call says (Korean, ko-KR TTS): the built-in greeting, the position announcement, the
// callback confirmation, overflow and closing lines, and the whisper an agent hears on answering.
/** The key a waiting caller presses for a callback (C4). */
export const CALLBACK_KEY = '1';

export const QUEUE_TEXTS = {
  greeting: '안녕하십니까. 상담원에게 연결해 드리겠습니다. 잠시만 기다려 주십시오.',
  callbackHint: `기다리지 않고 상담원의 전화를 받으시려면 ${CALLBACK_KEY}번을 눌러 주십시오.`,
  callbackTaken: '콜백 요청이 접수되었습니다. 상담원이 곧 전화드리겠습니다. 감사합니다.',
  callbackFailed: '죄송합니다. 콜백 요청을 접수하지 못했습니다. 계속 기다려 주십시오.',
  overflowCallback: `지금은 모든 상담원이 통화 중입니다. 상담원의 전화를 받으시려면 ${CALLBACK_KEY}번을 눌러 주십시오.`,
  closing: '지금은 상담원과 연결할 수 없습니다. 잠시 후 다시 걸어 주십시오. 감사합니다.',
  stillWaiting: '상담원과 연결 중입니다. 잠시만 기다려 주십시오.',
  error: '죄송합니다. 일시적인 오류로 연결할 수 없습니다. 잠시 후 다시 걸어 주십시오.',
  transferWhisper: '호전환된 상담 전화입니다.',
  customerNoAnswer: '고객이 전화를 받지 않습니다. 통화를 종료합니다.',
} as const;

/** "N번째 순서이며, 예상 대기 시간은 약 M분입니다." (rounded up to whole minutes; under one minute says so). */
export function positionText(position: number, estimatedWaitSeconds: number): string {
  const minutes = Math.ceil(estimatedWaitSeconds / 60);
  const wait = minutes <= 1 ? '1분 이내' : `약 ${minutes}분`;
  return `고객님의 대기 순서는 ${position}번째이며, 예상 대기 시간은 ${wait}입니다. ${QUEUE_TEXTS.callbackHint}`;
}

/** The whisper an agent hears on answering an offer: the queue's name. */
export const whisperText = (queueName: string) => (queueName ? `${queueName} 상담 전화입니다.` : '상담 전화입니다.');
