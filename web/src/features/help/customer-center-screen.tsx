// 고객센터 (S19): notices, inquiries, FAQ and files as tabs, each its own address (/help/<tab>).
import { useRoute } from 'preact-iso';
import type { FunctionComponent } from 'preact';
import { t, type MessageKey } from '../../i18n';
import { NotFoundScreen } from '../../layout/not-found-screen';
import { Screen } from '../../ui/status';
import { FaqTab } from './faq-tab';
import { FilesTab } from './files-tab';
import { InquiriesTab } from './inquiries-tab';
import { NoticesTab } from './notices-tab';

const TABS: { id: string; label: MessageKey; view: FunctionComponent }[] = [
  { id: 'notices', label: 'help.notices', view: NoticesTab },
  { id: 'inquiries', label: 'help.inquiries', view: InquiriesTab },
  { id: 'faq', label: 'help.faq', view: FaqTab },
  { id: 'files', label: 'help.files', view: FilesTab },
];

export function CustomerCenterScreen() {
  const { params } = useRoute();
  const current = TABS.find((tab) => tab.id === (params.tab ?? 'notices'));
  if (!current) return <NotFoundScreen />;
  const View = current.view;
  return (
    <Screen title="help.title">
      <nav class="tabs" aria-label={t('help.title')}>
        {TABS.map((tab) => (
          <a key={tab.id} href={`/help/${tab.id}`} aria-current={tab.id === current.id ? 'page' : undefined}>
            {t(tab.label)}
          </a>
        ))}
      </nav>
      <View key={current.id} />
    </Screen>
  );
}
