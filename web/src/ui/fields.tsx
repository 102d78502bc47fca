// Form controls bound to a FormModel: a visible label, the field's problem right under it
// (announced, and linked with aria-describedby), and nothing rendered as HTML.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { t, tm, type MessageKey } from '../i18n';
import type { FormModel, FormValues } from './form';

export type StringKeys<T> = { [K in keyof T & string]: T[K] extends string ? K : never }[keyof T & string];
type BoolKeys<T> = { [K in keyof T & string]: T[K] extends boolean ? K : never }[keyof T & string];

type FieldProps<T extends FormValues, K> = {
  form: FormModel<T>;
  name: K;
  label: MessageKey;
  hint?: ComponentChildren;
};

function FieldFrame(props: { id: string; label: MessageKey; error?: string; hint?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{t(props.label)}</label>
      {props.children}
      {props.hint && (
        <div class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      )}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/**
 * How many characters a limited field holds, live: "12/240", "240/240 · 최대 글자 수입니다" at the limit,
 * "245/240 · 5자를 줄이세요" past it. The input never cuts what was typed or pasted (issue 9 §4);
 * the form refuses to send until it fits.
 */
export function CharCount({ value, max }: { value: string; max: number }) {
  const n = value.trim().length;
  const state = n > max ? 'over' : n === max ? 'full' : '';
  // Only reaching or passing the limit is announced, not every keystroke.
  return (
    <span class={`counter ${state}`.trim()}>
      {n.toLocaleString()}/{max.toLocaleString()}
      {state && <span role="status">{n === max ? ` · ${t('common.limitReached')}` : ` · ${t('common.limitOver', { over: n - max })}`}</span>}
    </span>
  );
}

function withCount(hint: ComponentChildren, value: string, max: number | undefined, password = false): ComponentChildren {
  if (max === undefined || password) return hint;
  return (
    <>
      {hint && <span class="hint-text">{hint}</span>}
      <CharCount value={value} max={max} />
    </>
  );
}

function describedBy(id: string, error?: string, hint?: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** What every control of a field shares: its id, its translated problem, its aria attributes. */
function useField<T extends FormValues>(form: FormModel<T>, name: keyof T & string, hint?: unknown) {
  const id = useId();
  const problem = form.errors.value[name];
  const error = problem ? tm(problem) : undefined;
  const aria = { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, error, hint) } as const;
  return { id, error, aria };
}

export function TextField<T extends FormValues, K extends StringKeys<T>>(
  props: FieldProps<T, K> & {
    type?: 'text' | 'password' | 'tel' | 'number' | 'date' | 'time' | 'search';
    autoComplete?: string;
    inputMode?: 'text' | 'tel' | 'numeric';
    list?: string;
    /** A limit shown as a live counter (not for passwords); the input itself never cuts. */
    maxLength?: number;
  },
) {
  const value = props.form.values.value[props.name] as string;
  const password = props.type === 'password';
  const hint = withCount(props.hint, value, props.maxLength, password);
  const { id, error, aria } = useField(props.form, props.name, hint);
  return (
    <FieldFrame id={id} label={props.label} error={error} hint={hint}>
      <input
        id={id}
        name={props.name}
        // Preact's typings split <input> by `type`; ours is one of the text-like types.
        type={(props.type ?? 'text') as 'text'}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        list={props.list}
        maxLength={password ? props.maxLength : undefined}
        value={value}
        onInput={(e) => props.form.set(props.name, e.currentTarget.value as T[K])}
        {...aria}
      />
    </FieldFrame>
  );
}

export function TextAreaField<T extends FormValues, K extends StringKeys<T>>(props: FieldProps<T, K> & { rows?: number; maxLength?: number }) {
  const value = props.form.values.value[props.name] as string;
  const hint = withCount(props.hint, value, props.maxLength);
  const { id, error, aria } = useField(props.form, props.name, hint);
  return (
    <FieldFrame id={id} label={props.label} error={error} hint={hint}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        value={value}
        onInput={(e) => props.form.set(props.name, e.currentTarget.value as T[K])}
        {...aria}
      />
    </FieldFrame>
  );
}

export type Choice = { value: string; label: string };

export function SelectField<T extends FormValues, K extends StringKeys<T>>(props: FieldProps<T, K> & { choices: Choice[] }) {
  const { id, error, aria } = useField(props.form, props.name, props.hint);
  return (
    <FieldFrame id={id} label={props.label} error={error} hint={props.hint}>
      <select
        id={id}
        name={props.name}
        value={props.form.values.value[props.name] as string}
        onChange={(e) => props.form.set(props.name, e.currentTarget.value as T[K])}
        {...aria}
      >
        {props.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckField<T extends FormValues, K extends BoolKeys<T>>(props: FieldProps<T, K>) {
  const { id, error, aria } = useField(props.form, props.name, props.hint);
  return (
    <div class={error ? 'field check has-error' : 'field check'}>
      <input
        id={id}
        name={props.name}
        type="checkbox"
        checked={props.form.values.value[props.name] as boolean}
        onChange={(e) => props.form.set(props.name, e.currentTarget.checked as T[K])}
        aria-invalid={aria['aria-invalid']}
      />
      <label for={id}>{t(props.label)}</label>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The form-level problem and the success note of a form. */
export function FormStatus<T extends FormValues>({ form }: { form: FormModel<T> }) {
  const problem = form.formError.value;
  const done = form.done.value;
  return (
    <>
      {problem && (
        <p class="alert alert-error" role="alert">
          {tm(problem)}
        </p>
      )}
      {done && (
        <p class="alert alert-ok" role="status">
          {tm(done)}
        </p>
      )}
    </>
  );
}

export function SubmitButton<T extends FormValues>({ form, label }: { form: FormModel<T>; label: MessageKey }) {
  return (
    <button type="submit" class="primary" disabled={form.busy.value} aria-busy={form.busy.value || undefined}>
      {form.busy.value ? t('common.working') : t(label)}
    </button>
  );
}

/** A file picker; the chosen File goes to `onChoose`, the form keeps its problem. */
export function FileField<T extends FormValues, K extends StringKeys<T>>(props: FieldProps<T, K> & { onChoose: (file: File | null) => void }) {
  const { id, error, aria } = useField(props.form, props.name, props.hint);
  return (
    <FieldFrame id={id} label={props.label} error={error} hint={props.hint}>
      <input id={id} name={props.name} type="file" onChange={(e) => props.onChoose(e.currentTarget.files?.[0] ?? null)} {...aria} />
    </FieldFrame>
  );
}
