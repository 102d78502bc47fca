// Korean message sizing (S15): the byte count Korean carriers bill by (EUC-KR/CP949: ASCII 1 byte,
// Hangul 2), the characters that cannot be sent, and the kind a message goes as (SMS ≤ 90 bytes,
// LMS ≤ 2,000 with a subject, MMS with an image). Pure: the compose screen and the API share it.

export const SMS_MAX_BYTES = 90;
export const LMS_MAX_BYTES = 2_000;
/** LMS/MMS subjects: 40 bytes is what Korean carriers show in the message title. */
export const SUBJECT_MAX_BYTES = 40;

export type MessageKind = 'sms' | 'lms' | 'mms';

/**
 * Bytes of one character (a code point) in CP949, or null when it has none we accept.
 *
 * A table-free rule, exact for what it accepts: ASCII is one byte; every precomposed Hangul
 * syllable (U+AC00–U+D7A3) is two (KS X 1001 has 2,350 of them, CP949 — the extended EUC-KR every
 * Korean handset and carrier uses — the other 8,822 in its extension area, all two bytes); the 94
 * Hangul compatibility jamo (U+3131–U+318E, ㄱ…ㆎ) are KS X 1001 row 4, two bytes. A few symbols
 * from KS X 1001 rows 1–2 that Korean notices use are listed by code point. Everything else (emoji,
 * most other symbols, Hanja) is refused rather than guessed: a character counted as sendable here
 * always is, so a message never reaches a handset as '?'.
 */
export function charBytes(codePoint: number): 1 | 2 | null {
  if (codePoint <= 0x7f) return 1;
  if (codePoint >= 0xac00 && codePoint <= 0xd7a3) return 2;
  if (codePoint >= 0x3131 && codePoint <= 0x318e) return 2;
  return NOTICE_SYMBOLS.has(codePoint) ? 2 : null;
}

/** KS X 1001 symbols (rows 1–2) common in public notices: · ※ ○ ● ◎ ◇ ◆ □ ■ △ ▲ ▽ ▼ → ← ↑ ↓ ☆ ★ ♥ 「 」 『 』 【 】 〈 〉 《 》 ‘ ’ “ ” … ℃ ～. */
const NOTICE_SYMBOLS = new Set([
  0x00b7, 0x203b, 0x25cb, 0x25cf, 0x25ce, 0x25c7, 0x25c6, 0x25a1, 0x25a0, 0x25b3, 0x25b2, 0x25bd, 0x25bc, 0x2192, 0x2190, 0x2191, 0x2193, 0x2606, 0x2605,
  0x2665, 0x300c, 0x300d, 0x300e, 0x300f, 0x3010, 0x3011, 0x3008, 0x3009, 0x300a, 0x300b, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026, 0x2103, 0xff5e,
]);

export type ByteCount = {
  bytes: number;
  /** Characters with no CP949 form, each once, in the order they first appear. */
  unsupported: string[];
};

/** The byte count of a text; unsupported characters count 2 (what a handset would at best show). */
export function countBytes(text: string): ByteCount {
  let bytes = 0;
  const unsupported: string[] = [];
  for (const ch of text) {
    const n = charBytes(ch.codePointAt(0) ?? 0);
    bytes += n ?? 2;
    if (n === null && !unsupported.includes(ch)) unsupported.push(ch);
  }
  return { bytes, unsupported };
}

/** What a message goes as: an image makes it MMS; otherwise up to 90 bytes SMS, above LMS. */
export function messageKind(bytes: number, hasImage: boolean): MessageKind {
  if (hasImage) return 'mms';
  return bytes <= SMS_MAX_BYTES ? 'sms' : 'lms';
}
