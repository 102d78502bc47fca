// What the masked outbound call (S11) says to the staff member (Korean, ko-KR TTS): the keypad
// prompt, the read-back, the refusals with their reason, and who is being called. Pure.
import type { DestinationClass } from '../../destinations';
import { formatNational } from '../../phone';

export const OUTBOUND_TEXTS = {
  /** Anyone but a registered mobile calling the access number. */
  unknownCaller: '등록된 휴대전화에서 걸어야 안심발신을 이용할 수 있습니다. 전화를 끊겠습니다.',
  prompt: '안심발신입니다. 걸 전화번호를 누르고 우물 정자를 눌러 주십시오. 다시 입력하시려면 별표를 누르십시오.',
  reprompt: '입력이 없었습니다. 걸 전화번호를 누르고 우물 정자를 눌러 주십시오.',
  invalid: '올바른 전화번호가 아닙니다.',
  noEntry: '입력이 없어 통화를 종료합니다. 감사합니다.',
  tooManyTries: '연결하지 못해 통화를 종료합니다. 감사합니다.',
  citizenNoAnswer: '상대방이 전화를 받지 않습니다. 통화를 종료합니다.',
  error: '죄송합니다. 일시적인 오류로 연결할 수 없습니다.',
} as const;

/** Why a number the policy refuses cannot be called, in words (dial-in speaks it). */
export function refusalText(cls: DestinationClass): string {
  switch (cls) {
    case 'international':
      return '국제전화는 걸 수 없습니다.';
    case 'premium':
      return '060 유료전화는 걸 수 없습니다.';
    case 'emergency':
      return '긴급전화는 휴대전화로 직접 걸어 주십시오.';
    case 'short':
      return '특수번호와 단축번호는 걸 수 없습니다.';
    case 'platform':
      return '안심번호로는 걸 수 없습니다.';
    default:
      return '걸 수 없는 번호입니다.';
  }
}

/** A number as the voice reads it: its national format with the groups spaced, each digit on its own. */
export function spokenNumber(e164: string): string {
  return formatNational(e164)
    .split('-')
    .map((group) => group.split('').join(' '))
    .join(', ');
}

/** Said to the staff member before the citizen is dialled (click-to-call) or after the keypad (dial-in). */
export const callingText = (citizen: string) => `${spokenNumber(citizen)} 번으로 전화를 겁니다. 잠시만 기다려 주십시오.`;
