// Field schemas the safe-number settings share (staff and org admin bodies, contract/requests/me.ts
// and admin.ts): times, weekday masks, announcement texts and situations, abuse-shield numbers. Each
// carries its field code (contract/fields.ts).
import * as v from 'valibot';
import { coded, outOfRange, required, requiredText } from '../fields';
import { SITUATIONS } from '../vocabularies';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const TimeSchema = v.pipe(v.string(required('Enter a time.')), v.regex(TIME, coded('time', 'Use HH:MM (24-hour).')));
export const OptionalTimeSchema = v.optional(v.nullable(TimeSchema), null);

/** Bit 0 = Monday … bit 6 = Sunday; at least one day. */
export const WeekdaysSchema = v.pipe(
  v.number(coded('no_weekday', 'Pick the days.')),
  v.integer(coded('invalid', 'Unknown weekday bits.')),
  v.minValue(1, coded('no_weekday', 'Pick at least one day.')),
  v.maxValue(0b1111111, coded('invalid', 'Unknown weekday bits.')),
);

/** S5: at most 240 characters, spoken by TTS. */
export const ANNOUNCEMENT_TEXT_MAX = 240;
export const ANNOUNCEMENT_NAME_MAX = 40;
export const AnnouncementTextSchema = requiredText(ANNOUNCEMENT_TEXT_MAX, { message: 'Enter the text.' });
export const AnnouncementNameSchema = requiredText(ANNOUNCEMENT_NAME_MAX, { message: 'Enter a name.' });
export const SituationSchema = v.picklist(SITUATIONS, coded('choice', 'Choose a situation.'));

/** A whole number from min to max, with its range in the field error. */
export function wholeNumber(min: number, max: number) {
  return v.pipe(v.number(outOfRange(min, max)), v.integer(outOfRange(min, max)), v.minValue(min, outOfRange(min, max)), v.maxValue(max, outOfRange(min, max)));
}

/** B3 limits: at most `limit` calls per caller in `windowMinutes`, then `coolOffMinutes` refused; limit 0 = off. */
export const SHIELD_LIMITS = { limit: [0, 1000], windowMinutes: [1, 24 * 60], coolOffMinutes: [0, 7 * 24 * 60] } as const;
export const ShieldFieldsSchema = {
  limit: wholeNumber(...SHIELD_LIMITS.limit),
  windowMinutes: wholeNumber(...SHIELD_LIMITS.windowMinutes),
  coolOffMinutes: wholeNumber(...SHIELD_LIMITS.coolOffMinutes),
};
