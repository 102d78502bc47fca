// A form's state without any DOM: values, per-field problems, a form-level problem, busy and done.
// submit() validates first, sends only when clean, and files the server's field errors under the
// fields they name (or at form level when no such field is on the form).
import { signal, type Signal } from '@preact/signals';
import { ApiError, type ErrorCode } from '../api/client';
import { errorMessage, fieldMessage } from '../i18n/errors';
import type { Message, MessageKey } from '../i18n';

export type FormValues = Record<string, string | boolean>;
export type Problems<T> = Partial<Record<keyof T & string, Message>>;
export type Check<T> = (values: T) => Partial<Record<keyof T & string, MessageKey | Message>>;
/** What a given API error code means on this form, e.g. 409 → "login ID taken" next to loginId. */
export type CodeMeanings<T> = Partial<Record<ErrorCode, { key: MessageKey; field?: keyof T & string }>>;

export class FormModel<T extends FormValues> {
  readonly values: Signal<T>;
  readonly errors = signal<Problems<T>>({});
  readonly formError = signal<Message | null>(null);
  readonly busy = signal(false);
  /** A success note after the last submit (e.g. "saved"). */
  readonly done = signal<Message | null>(null);

  /**
   * The values of the last reset, which reset() without arguments goes back to. A signal rather than
   * a private field so a FormModel inside a screen's model (createModel) keeps its own type.
   */
  readonly initial: Signal<T>;

  constructor(initial: T) {
    this.initial = signal<T>({ ...initial });
    this.values = signal<T>({ ...initial });
  }

  set<K extends keyof T & string>(name: K, value: T[K]): void {
    this.values.value = { ...this.values.value, [name]: value };
    if (this.errors.value[name]) {
      const { [name]: _dropped, ...rest } = this.errors.value;
      this.errors.value = rest as Problems<T>;
    }
    this.done.value = null;
  }

  reset(values: T = this.initial.peek()): void {
    this.initial.value = { ...values };
    this.values.value = { ...values };
    this.errors.value = {};
    this.formError.value = null;
  }

  /** Runs `check`; if clean, `send`. Returns true when sent successfully. */
  async submit(check: Check<T>, send: (values: T) => Promise<void | Message>, meanings: CodeMeanings<T> = {}): Promise<boolean> {
    if (this.busy.value) return false;
    const values = this.values.value;
    const found = check(values);
    const problems: Problems<T> = {};
    for (const [name, p] of Object.entries(found) as [keyof T & string, MessageKey | Message | undefined][]) {
      if (p) problems[name] = typeof p === 'string' ? { key: p } : p;
    }
    this.errors.value = problems;
    this.formError.value = null;
    this.done.value = null;
    if (Object.keys(problems).length > 0) return false;
    this.busy.value = true;
    try {
      const note = await send(values);
      if (note) this.done.value = note;
      return true;
    } catch (err) {
      this.fail(err, meanings);
      return false;
    } finally {
      this.busy.value = false;
    }
  }

  fail(err: unknown, meanings: CodeMeanings<T> = {}): void {
    const fieldProblems: Problems<T> = {};
    let unplaced = false;
    const meaning = err instanceof ApiError ? meanings[err.code] : undefined;
    if (meaning) {
      if (meaning.field) {
        this.errors.value = { [meaning.field]: { key: meaning.key } } as Problems<T>;
        this.formError.value = null;
      } else {
        this.errors.value = {};
        this.formError.value = { key: meaning.key };
      }
      return;
    }
    let unplacedMessage: Message | null = null;
    if (err instanceof ApiError) {
      for (const f of err.fields) {
        // The server names nested fields by path (`schedule.workEndTime`); forms use the last part.
        const initial = this.initial.peek();
        const name = f.field in initial ? f.field : (f.field.split('.').pop() ?? '');
        if (name in initial) fieldProblems[name as keyof T & string] ??= fieldMessage(f);
        else {
          unplaced = true;
          unplacedMessage ??= fieldMessage(f);
        }
      }
    }
    this.errors.value = fieldProblems;
    // A form-level message whenever the fields alone do not explain the failure: the text of the
    // field code for a field this form does not show, unless it is the generic one, else the error's.
    if (Object.keys(fieldProblems).length === 0 || unplaced) {
      this.formError.value = unplacedMessage && unplacedMessage.key !== 'field.invalid' ? unplacedMessage : errorMessage(err);
    }
  }
}

export function required<T extends FormValues>(...names: (keyof T & string)[]): Check<T> {
  return (values) => {
    const out: Partial<Record<keyof T & string, MessageKey>> = {};
    for (const n of names) {
      const v = values[n];
      if (typeof v === 'string' && v.trim() === '') out[n] = 'field.required';
    }
    return out;
  };
}
