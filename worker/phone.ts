// Phone numbers: what people type (Korean national format by default, or +E.164) to the E.164 form
// stored everywhere. Pure: used by the API, the provisioning file and the CLI alike.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import * as v from 'valibot';
import { coded, tooLong } from './fields';

export const DEFAULT_REGION: CountryCode = 'KR';

/** The E.164 form of a valid number, or undefined. */
export function toE164(input: string, region: CountryCode = DEFAULT_REGION): string | undefined {
  const parsed = parsePhoneNumberFromString(input, region);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** A phone number as typed (010-1234-5678, 0505-123-4567, +82…) → E.164. The message never echoes it. */
export const PhoneSchema = v.pipe(
  v.string(coded('phone', 'Phone number must be text.')),
  v.trim(),
  v.maxLength(32, tooLong(32, 'Phone number is too long.')),
  v.check((s) => toE164(s) !== undefined, coded('phone', 'Enter a valid phone number.')),
  v.transform((s) => toE164(s) ?? s),
);
