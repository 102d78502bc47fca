// What an unknown address (or a screen the role may not open) shows.
import { t } from '../i18n';
import { Screen } from '../ui/status';

export function NotFoundScreen() {
  return (
    <Screen title="notFound.title">
      <p>{t('notFound.body')}</p>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </Screen>
  );
}
