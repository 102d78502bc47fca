// Small building blocks every list-and-form screen repeats: a delete button that asks first, and a
// form card with its own heading that submits without a page load.
import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../i18n';

/** `question` is already translated (it usually names the row). */
export function DeleteButton({ question, onConfirm }: { question: string; onConfirm: () => unknown }) {
  return (
    <button
      type="button"
      class="danger"
      onClick={() => {
        if (confirm(question)) void onConfirm();
      }}
    >
      {t('common.delete')}
    </button>
  );
}

/** Validation is the model's job (noValidate): its messages are translated and placed per field. */
export function CardForm(props: { id: string; title: MessageKey; onSubmit: () => unknown; children: ComponentChildren }) {
  return (
    <form
      class="card"
      aria-labelledby={props.id}
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit();
      }}
      noValidate
    >
      <h2 id={props.id}>{t(props.title)}</h2>
      {props.children}
    </form>
  );
}
