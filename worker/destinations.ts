// The one destination policy (issue 19 §1): which numbers the product may make the carrier dial,
// as data — the Korean numbering plan by prefix of the national significant number (after +82)
// and its length. A person's phone (forwarding from a safe number, an agent's or a supervisor's
// phone) must be a mobile; an outbound destination (the dial pad, a callback, a customer) may be
// any ordinary subscriber number. Never: premium-rate (060), 030x, international, emergency and
// short codes, and 050x (our own safe numbers — dialling one loops back into the platform).
// Every path that dials checks here, and the command client refuses the rest (worker/telnyx/commands.ts). Pure.
import * as v from 'valibot';
import { coded } from './fields';
import { PhoneSchema } from './phone';

export type DestinationClass =
  | 'mobile'
  | 'geographic'
  | 'voip'
  | 'freephone'
  | 'representative'
  | 'platform'
  | 'premium'
  | 'network'
  | 'machine'
  | 'emergency'
  | 'short'
  | 'international'
  | 'unknown';

/** A range: a prefix of the national significant number, the lengths it has there, and its class. */
export type Range = { prefix: string; lengths: readonly number[]; cls: DestinationClass; note: string };

const AREA_CODES = ['31', '32', '33', '41', '42', '43', '44', '51', '52', '53', '54', '55', '61', '62', '63', '64'];

/** The plan, most specific first: the first range whose prefix and length match decides. */
export const KOREAN_RANGES: readonly Range[] = [
  { prefix: '10', lengths: [10], cls: 'mobile', note: '010-XXXX-XXXX' },
  ...['11', '16', '17', '18', '19'].map((p): Range => ({ prefix: p, lengths: [9, 10], cls: 'mobile', note: `0${p} (older mobile ranges)` })),
  // 15xx/16xx/18xx-XXXX: 8 digits, so they never collide with 016/018 mobiles (9–10 digits).
  ...['15', '16', '18'].map((p): Range => ({ prefix: p, lengths: [8], cls: 'representative', note: `${p}XX-XXXX (representative number)` })),
  ...['111', '112', '113', '117', '118', '119', '122', '125', '127', '182'].map((p): Range => ({
    prefix: p,
    lengths: [3],
    cls: 'emergency',
    note: `${p} (emergency / report line)`,
  })),
  { prefix: '1', lengths: [3, 4, 5, 6, 7], cls: 'short', note: 'short codes (114, 1330, 1588 without its subscriber part, …)' },
  { prefix: '2', lengths: [8, 9], cls: 'geographic', note: '02 Seoul' },
  ...AREA_CODES.map((p): Range => ({ prefix: p, lengths: [9, 10], cls: 'geographic', note: `0${p} area code` })),
  { prefix: '30', lengths: [8, 9, 10, 11], cls: 'network', note: '030x (0303 and other network-service numbers)' },
  { prefix: '50', lengths: [9, 10, 11, 12], cls: 'platform', note: '050x safe numbers (ours and others’: a loop back into the platform)' },
  { prefix: '60', lengths: [8, 9, 10], cls: 'premium', note: '060 premium-rate' },
  { prefix: '70', lengths: [10], cls: 'voip', note: '070-XXXX-XXXX internet telephony' },
  { prefix: '80', lengths: [9, 10], cls: 'freephone', note: '080 freephone' },
  { prefix: '12', lengths: [9, 10, 11], cls: 'machine', note: '012 machine-to-machine' },
  { prefix: '13', lengths: [9, 10, 11], cls: 'machine', note: '013x machine-to-machine' },
];

/** What each purpose may dial. */
export const ALLOWED: Record<DialPurpose, readonly DestinationClass[]> = {
  /** A person's phone: forwarding from a safe number, an agent's or a supervisor's phone. */
  person: ['mobile'],
  /** Someone outside: the dial pad, a callback, a customer. */
  outbound: ['mobile', 'geographic', 'voip', 'freephone', 'representative'],
  /** A text message (S12, S15): only a domestic mobile receives SMS/LMS/MMS. */
  message: ['mobile'],
};
export type DialPurpose = 'person' | 'outbound' | 'message';

/** The class of a number in E.164 (as stored); anything that is not +82 is international. */
export function destinationClass(e164: string): DestinationClass {
  if (!/^\+\d{3,15}$/.test(e164)) return 'unknown';
  if (!e164.startsWith('+82')) return 'international';
  const nsn = e164.slice(3);
  for (const r of KOREAN_RANGES) if (nsn.startsWith(r.prefix) && r.lengths.includes(nsn.length)) return r.cls;
  return 'unknown';
}

/** Whether the product may dial this number for this purpose. */
export function mayDial(e164: string, purpose: DialPurpose): boolean {
  return ALLOWED[purpose].includes(destinationClass(e164));
}

/** Why a message recipient is refused, as a field code: `not_mobile` (a Korean landline, 070, 080…) or `not_dialable` (the rest). */
export function messageRefusal(e164: string): 'not_mobile' | 'not_dialable' | null {
  if (mayDial(e164, 'message')) return null;
  return mayDial(e164, 'outbound') ? 'not_mobile' : 'not_dialable';
}

/** The last guard before the carrier: anything no purpose allows is never dialled. */
export function dialable(e164: string): boolean {
  return mayDial(e164, 'outbound') || mayDial(e164, 'person');
}

/** A person's phone as typed (forwarding, agent, supervisor): a valid number that is a Korean mobile (`not_mobile`). */
export const PersonPhoneSchema = v.pipe(
  PhoneSchema,
  v.check((e164) => mayDial(e164, 'person'), coded('not_mobile', 'Only a Korean mobile number (010, 011, 016–019) can ring a person.')),
);

/** A number to call out to as typed: a valid number the policy allows (`not_dialable`). */
export const OutboundNumberSchema = v.pipe(
  PhoneSchema,
  v.check((e164) => mayDial(e164, 'outbound'), coded('not_dialable', 'This number cannot be called (premium-rate, international, emergency, short or 050).')),
);
