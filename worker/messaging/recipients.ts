// Who a message goes to (S15): numbers typed, contacts and group members, merged into one list of
// E.164 mobiles, each once; what is no number or no mobile is listed with its reason and skipped.
// Pure: the API gathers the contacts, this decides.
import { messageRefusal } from '../destinations';
import { toE164 } from '../phone';

export type Recipient = { number: string; name: string | null };
export type SkipReason = 'phone' | 'not_mobile' | 'not_dialable' | 'duplicate';
export type Skipped = { input: string; name: string | null; reason: SkipReason };

/** Candidates in the order given (typed first, then contacts): the first of a number wins, the rest are duplicates. */
export function resolveRecipients(candidates: readonly { input: string; name: string | null }[]): { recipients: Recipient[]; skipped: Skipped[] } {
  const seen = new Set<string>();
  const recipients: Recipient[] = [];
  const skipped: Skipped[] = [];
  for (const c of candidates) {
    const e164 = toE164(c.input.trim());
    if (!e164) {
      skipped.push({ input: c.input, name: c.name, reason: 'phone' });
      continue;
    }
    const refusal = messageRefusal(e164);
    if (refusal) skipped.push({ input: c.input, name: c.name, reason: refusal });
    else if (seen.has(e164)) skipped.push({ input: c.input, name: c.name, reason: 'duplicate' });
    else {
      seen.add(e164);
      recipients.push({ number: e164, name: c.name });
    }
  }
  return { recipients, skipped };
}
