// What a text-to-speech announcement may hold (S5): at most 240 characters, counted as the server
// counts them, and characters a Korean voice cannot read (emoji, pictographs, control characters),
// found before saving so the screen can warn instead of the caller hearing a gap. No DOM.

const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]/u;
// Line breaks and tabs read as pauses; other control characters are never spoken.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Joiners, variation selectors and skin tones are parts of an emoji, not characters of their own. */
const GLUE = /[\u200d\ufe0e\ufe0f\p{Emoji_Modifier}]/u;

/** The distinct characters of `text` that TTS will not read, in the order they appear. */
export function unreadableCharacters(text: string): string[] {
  const found: string[] = [];
  for (const ch of text) {
    if (GLUE.test(ch) || found.includes(ch)) continue;
    if (PICTOGRAPH.test(ch) || CONTROL.test(ch)) found.push(ch);
  }
  return found;
}

/** Characters as the server counts them: trimmed, in UTF-16 code units (valibot's maxLength). */
export function textLength(text: string): number {
  return text.trim().length;
}
