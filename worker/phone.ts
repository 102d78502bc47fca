// Phone numbers: what people type (Korean national format by default, or +E.164) to the E.164 form
// stored and compared everywhere, and back to the Korean national format people read. Pure: used
// by the API, the provisioning file, the CLI and the inbound path alike.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import * as v from 'valibot';
import { coded, tooLong } from './fields';

export const DEFAULT_REGION: CountryCode = 'KR';

/**
 * The E.164 form of a valid number, or undefined. Any common Korean way of writing one works:
 * 010-1234-5678, 01012345678, 02-123-4567, 0505-123-4567, +82 10 1234 5678.
 */
export function toE164(input: string, region: CountryCode = DEFAULT_REGION): string | undefined {
  const parsed = parsePhoneNumberFromString(input, region);
  return parsed?.isValid() ? parsed.number : undefined;
}

const CANONICAL_E164 = /^\+[1-9]\d{6,14}$/;

/**
 * A caller number as the carrier reports it, as the list key it is compared with: E.164, or null
 * for anonymous / unparseable callers (who then match no list entry). The carrier already sends
 * E.164, which passes without a parse, so the inbound path stays cheap.
 */
export function callerE164(raw: string | null | undefined): string | null {
  if (!raw) return null;
  if (CANONICAL_E164.test(raw) && !raw.startsWith('+820')) return raw;
  return toE164(raw) ?? null;
}

/**
 * How people read a stored number: Korean numbers in national format (010-1234-5678, 02-123-4567,
 * 050-1234-0001), foreign ones in international format; text that is no phone number comes back as is.
 */
export function formatNational(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164, DEFAULT_REGION);
  if (!parsed) return e164;
  return parsed.country === DEFAULT_REGION || parsed.countryCallingCode === '82' ? parsed.formatNational() : parsed.formatInternational();
}

/** The national format with the middle group hidden (010-****-5678), for showing a linked mobile. */
export function maskNational(e164: string): string {
  const national = formatNational(e164);
  const groups = national.split('-');
  if (groups.length === 3) return `${groups[0]}-${'*'.repeat(groups[1]?.length ?? 4)}-${groups[2]}`;
  // Unusual shapes: keep the last four digits only.
  return national.replace(/\d(?=(?:\D*\d){4})/g, '*');
}

/** A phone number as typed (010-1234-5678, 0505-123-4567, +82…) → E.164. The message never echoes it. */
export const PhoneSchema = v.pipe(
  v.string(coded('phone', 'Phone number must be text.')),
  v.trim(),
  v.maxLength(32, tooLong(32, 'Phone number is too long.')),
  v.check((s) => toE164(s) !== undefined, coded('phone', 'Enter a valid phone number.')),
  v.transform((s) => toE164(s) ?? s),
);
