// The language toggle: names the other language in that language, as users look for it.
import { lang, setLang, t } from '../i18n';

export function LanguageSwitch() {
  const next = lang.value === 'ko' ? 'en' : 'ko';
  return (
    <button type="button" class="lang-switch" lang={next} aria-label={t('lang.switch')} onClick={() => setLang(next)}>
      {next === 'en' ? 'English' : '한국어'}
    </button>
  );
}
