// Listening to an announcement before it is saved (S5): the browser's own Korean speech synthesis
// (speechSynthesis, ko-KR). Callers hear the carrier's voice, which may sound different.

export function canSpeak(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';
}

/** Speaks `text` in Korean (stopping anything still speaking); false when the browser cannot. */
export function speak(text: string): boolean {
  if (!canSpeak() || text.trim() === '') return false;
  const synth = window.speechSynthesis;
  synth.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = 'ko-KR';
  const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').toLowerCase().startsWith('ko'));
  if (voice) utterance.voice = voice;
  synth.speak(utterance);
  return true;
}

export function stopSpeaking(): void {
  if (canSpeak()) window.speechSynthesis.cancel();
}
