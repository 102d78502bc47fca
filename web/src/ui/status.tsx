// How a screen shows data that is loading or failed to load, and common small pieces.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { t, tm, type MessageKey } from '../i18n';
import { appName } from '../layout/app-identity';
import type { Resource } from './resource';

export function Loaded<T>({ res, children }: { res: Resource<T>; children: (data: T) => ComponentChildren }) {
  const data = res.data.value;
  const error = res.error.value;
  if (error) {
    return (
      <div class="alert alert-error" role="alert">
        <span>{tm(error)}</span>{' '}
        <button type="button" class="link" onClick={() => void res.reload()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (data === undefined)
    return (
      <p class="muted" role="status">
        {t('common.loading')}
      </p>
    );
  return <>{children(data)}</>;
}

export function Empty({ text }: { text: MessageKey }) {
  return <p class="empty">{t(text)}</p>;
}

export function Screen({ title, children }: { title: MessageKey; children: ComponentChildren }) {
  const heading = t(title);
  const app = t(appName.value);
  useEffect(() => {
    document.title = `${heading} · ${app}`;
  }, [heading, app]);
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{heading}</h1>
      {children}
    </section>
  );
}

/** The foot of a paged list: "loading…" while a page comes, then the button for the next one while there is one. */
export function MorePages({
  pages,
  label,
}: {
  pages: { loading: { value: boolean }; nextBefore: { value: unknown }; more: () => Promise<void> };
  label: MessageKey;
}) {
  return (
    <>
      {pages.loading.value && (
        <p class="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {pages.nextBefore.value !== null && !pages.loading.value && (
        <button type="button" onClick={() => void pages.more()}>
          {t(label)}
        </button>
      )}
    </>
  );
}
