// The compose screen's recipients from the phonebook (S15), phone first: a full-screen sheet with a
// search, group chips showing their member counts (a tap adds the whole group), the contacts with
// checkboxes, and a done button with the count; below the form's typed numbers, the list of who
// the message goes to — names beside numbers, each number once, groups with their size, a count.
import { useEffect, useRef } from 'preact/hooks';
import { t, tm } from '../../i18n';
import type { ComposeModel } from './compose-model';
import type { RecipientPicker } from './compose-picker-model';

function GroupChips({ p }: { p: RecipientPicker }) {
  const groups = p.groups.value ?? [];
  if (groups.length === 0) return null;
  return (
    <div class="chips" role="group" aria-label={t('messaging.picker.groups')}>
      {groups.map((g) => (
        <button
          key={g.id}
          type="button"
          name="pickGroup"
          aria-pressed={p.pickedGroups.value.some((x) => x.id === g.id)}
          disabled={g.size === 0}
          onClick={() => p.toggleGroup(g)}
        >
          {t('messaging.picker.groupChip', { name: g.name, count: g.size.toLocaleString() })}
        </button>
      ))}
    </div>
  );
}

function ContactList({ p }: { p: RecipientPicker }) {
  const contacts = p.contacts.value;
  if (contacts === undefined) return <p class="muted small">{t('common.loading')}</p>;
  if (contacts.length === 0) return <p class="muted">{t('messaging.picker.empty')}</p>;
  const picked = new Set(p.pickedContacts.value.map((c) => c.id));
  return (
    <>
      <ul class="list picker-contacts">
        {contacts.map((c) => (
          <li key={c.id} class="row">
            <label class="picker-contact">
              <input type="checkbox" name="pickContact" value={c.id} checked={picked.has(c.id)} onChange={() => p.toggleContact(c)} />
              <span>
                <strong>{c.name}</strong> <span class="number small">{c.number.national}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {contacts.length < p.total.value && (
        <button type="button" class="link" disabled={p.loading.value} onClick={() => void p.more()}>
          {t('messaging.picker.more', { shown: contacts.length.toLocaleString(), total: p.total.value.toLocaleString() })}
        </button>
      )}
    </>
  );
}

/** The sheet itself: Escape or the close button closes it; what was ticked stays. */
export function PickerSheet({ p }: { p: RecipientPicker }) {
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    search.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') p.close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [p]);
  return (
    <div class="picker-sheet" role="dialog" aria-modal="true" aria-labelledby="picker-title">
      <header class="picker-head">
        <h2 id="picker-title">{t('messaging.picker.title')}</h2>
        <button type="button" class="link" name="closePicker" onClick={p.close}>
          {t('common.close')}
        </button>
      </header>
      <div class="picker-body">
        <label class="field">
          <span>{t('messaging.picker.search')}</span>
          <input ref={search} type="search" name="pickerSearch" value={p.query.value} onInput={(e) => p.search(e.currentTarget.value)} />
        </label>
        {p.error.value && (
          <p class="alert alert-error" role="alert">
            {tm(p.error.value)}
          </p>
        )}
        <GroupChips p={p} />
        <ContactList p={p} />
      </div>
      <footer class="picker-foot">
        <button type="button" class="primary" name="pickerDone" onClick={p.close}>
          {t('messaging.picker.done', { count: p.pickedCount.value.toLocaleString() })}
        </button>
      </footer>
    </div>
  );
}

/** Who the message goes to, under the typed numbers: each line removable, the count on top. */
export function RecipientList({ m }: { m: ComposeModel }) {
  const { lines, count } = m.recipients.value;
  const p = m.picker;
  const hasGroups = lines.some((l) => l.kind === 'group');
  return (
    <section class="recipients" aria-labelledby="recipients-title">
      <div class="recipients-head">
        <h2 id="recipients-title" class="small" data-testid="recipient-count">
          {t('messaging.recipients.title', { count: count.toLocaleString() })}
        </h2>
        <button type="button" name="openPicker" onClick={p.show}>
          {t('messaging.pick')}
        </button>
      </div>
      {lines.length > 0 && (
        <ul class="list recipient-lines">
          {lines.map((l) =>
            l.kind === 'group' ? (
              <li key={l.key} class="row recipient-group">
                <span class="row-main">
                  <strong>{t('messaging.recipients.group', { name: l.name, count: l.size.toLocaleString() })}</strong>
                </span>
                <button type="button" class="link" onClick={() => p.removeGroup(l.id)} aria-label={t('messaging.recipients.removeLabel', { name: l.name })}>
                  {t('messaging.recipients.remove')}
                </button>
              </li>
            ) : (
              <li key={l.key} class="row recipient-number">
                <span class="row-main">
                  <span>
                    {l.name && <strong>{l.name} </strong>}
                    <span class="number">{l.national}</span>
                  </span>
                </span>
                {!l.typed && l.contactId && (
                  <button
                    type="button"
                    class="link"
                    onClick={() => l.contactId && p.removeContact(l.contactId)}
                    aria-label={t('messaging.recipients.removeLabel', { name: l.name ?? l.national })}
                  >
                    {t('messaging.recipients.remove')}
                  </button>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {hasGroups && <p class="muted small">{t('messaging.recipients.overlapNote')}</p>}
      {p.open.value && <PickerSheet p={p} />}
    </section>
  );
}
