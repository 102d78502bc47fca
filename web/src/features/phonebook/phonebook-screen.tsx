// 전화번호부 (S17): group chips, a search, the contacts of the chosen group with 전화 걸기 / 문자 /
// 수정 / 삭제, the add-or-edit form, group management, and export to XLS or CSV.
import { useModel } from '@preact/signals';
import type { Contact } from '../../../../contract/phonebook';
import { t, tm } from '../../i18n';
import { DeleteButton } from '../../ui/actions';
import { CheckField, FormStatus, SelectField, SubmitButton, TextField } from '../../ui/fields';
import { Empty, Screen } from '../../ui/status';
import { GROUP_NAME_MAX, MEMO_MAX, NAME_MAX } from './limits';
import { PhonebookModel } from './phonebook-model';

function GroupChips({ m }: { m: PhonebookModel }) {
  const chips = [
    { id: '', label: t('phonebook.all') },
    ...(m.groups.value ?? []).map((g) => ({ id: g.id, label: `${g.name} (${g.size.toLocaleString()})` })),
    { id: 'none', label: t('phonebook.ungrouped') },
  ];
  return (
    <nav class="chips" aria-label={t('phonebook.group')}>
      {chips.map((c) => (
        <button key={c.id} type="button" aria-pressed={m.filter.value === c.id} onClick={() => m.choose(c.id)}>
          {c.label}
        </button>
      ))}
    </nav>
  );
}

function ContactRow({ m, c }: { m: PhonebookModel; c: Contact }) {
  const to = encodeURIComponent(c.number.e164);
  return (
    <li class="row contact">
      <div class="row-main">
        <strong>{c.name}</strong>
        <span class="number">{c.number.national}</span>
        {c.memo && <span class="small muted">{c.memo}</span>}
      </div>
      <div class="row-actions">
        <a class="button primary" href={`/call?to=${to}`}>
          {t('phonebook.call')}
        </a>
        <a class="button" href={`/messages?to=${to}`}>
          {t('phonebook.sms')}
        </a>
        <button type="button" onClick={() => m.edit(c)}>
          {t('phonebook.edit')}
        </button>
        <DeleteButton question={t('phonebook.confirmDelete', { name: c.name })} onConfirm={() => m.removeContact(c)} />
      </div>
    </li>
  );
}

function ContactForm({ m }: { m: PhonebookModel }) {
  const groupChoices = [{ value: '', label: t('phonebook.ungrouped') }, ...(m.groups.value ?? []).map((g) => ({ value: g.id, label: g.name }))];
  const editing = m.editing.value;
  return (
    <form
      class="card"
      id="contact-form"
      aria-labelledby="contact-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        void m.saveContact();
      }}
      noValidate
    >
      <h2 id="contact-form-title">{t(editing ? 'phonebook.editTitle' : 'phonebook.add')}</h2>
      <TextField form={m.contactForm} name="name" label="phonebook.name" maxLength={NAME_MAX} />
      <TextField form={m.contactForm} name="number" label="phonebook.number" type="tel" inputMode="tel" hint={t('phonebook.numberHint')} />
      <TextField form={m.contactForm} name="memo" label="phonebook.memo" maxLength={MEMO_MAX} />
      <SelectField form={m.contactForm} name="groupId" label="phonebook.group" choices={groupChoices} />
      <FormStatus form={m.contactForm} />
      <div class="row-actions">
        <SubmitButton form={m.contactForm} label="phonebook.save" />
        {editing && (
          <button type="button" onClick={() => m.edit(null)}>
            {t('phonebook.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function GroupsCard({ m }: { m: PhonebookModel }) {
  const current = m.groups.value?.find((g) => g.id === m.filter.value);
  return (
    <form
      class="card"
      aria-labelledby="groups-title"
      onSubmit={(e) => {
        e.preventDefault();
        void m.addGroup();
      }}
      noValidate
    >
      <h2 id="groups-title">{t('phonebook.groups')}</h2>
      <TextField form={m.groupForm} name="name" label="phonebook.groupName" maxLength={GROUP_NAME_MAX} />
      <FormStatus form={m.groupForm} />
      <div class="row-actions">
        <SubmitButton form={m.groupForm} label="phonebook.groupAdd" />
        {current && (
          <>
            <button
              type="button"
              onClick={() => {
                const name = prompt(t('phonebook.groupRenamePrompt', { name: current.name }), current.name);
                if (name?.trim()) void m.renameGroup(current, name);
              }}
            >
              {t('phonebook.groupRename')}
            </button>
            <button
              type="button"
              class="danger"
              onClick={() => {
                if (confirm(t('phonebook.groupConfirmDelete', { name: current.name, count: current.size }))) void m.deleteGroup(current);
              }}
            >
              {t('phonebook.groupDelete')}
            </button>
          </>
        )}
      </div>
    </form>
  );
}

function ExportCard({ m }: { m: PhonebookModel }) {
  const groupChoices = [{ value: '', label: t('phonebook.all') }, ...(m.groups.value ?? []).map((g) => ({ value: g.id, label: g.name }))];
  return (
    <form
      class="card"
      aria-labelledby="export-title"
      onSubmit={(e) => {
        e.preventDefault();
        void m.exportNow();
      }}
      noValidate
    >
      <h2 id="export-title">{t('export.title')}</h2>
      <SelectField form={m.exportForm} name="groupId" label="export.group" choices={groupChoices} />
      <SelectField
        form={m.exportForm}
        name="format"
        label="export.format"
        choices={[
          { value: 'xls', label: t('export.xls') },
          { value: 'csv', label: t('export.csv') },
        ]}
      />
      <CheckField form={m.exportForm} name="hyphens" label="export.hyphens" />
      <FormStatus form={m.exportForm} />
      <SubmitButton form={m.exportForm} label="export.submit" />
    </form>
  );
}

export function PhonebookScreen() {
  const m = useModel(PhonebookModel);
  const contacts = m.contacts.value;
  return (
    <Screen title="phonebook.title">
      <div class="row-actions">
        <a class="button primary" href="/phonebook/import">
          {t('phonebook.import')}
        </a>
        <a class="button" href="#export-title">
          {t('phonebook.export')}
        </a>
      </div>
      <GroupChips m={m} />
      <form
        class="search-bar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void m.loadContacts();
        }}
        noValidate
      >
        <TextField form={m.search} name="q" label="phonebook.search" type="search" />
        <button type="submit">{t('common.search')}</button>
      </form>
      {m.error.value && (
        <p class="alert alert-error" role="alert">
          {tm(m.error.value)}
        </p>
      )}
      {contacts === undefined && !m.error.value && (
        <p class="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {contacts && <p class="muted small">{t('phonebook.count', { count: m.total.value.toLocaleString() })}</p>}
      {contacts && contacts.length === 0 && <Empty text="phonebook.empty" />}
      {contacts && contacts.length > 0 && (
        <ul class="list contacts">
          {contacts.map((c) => (
            <ContactRow key={c.id} m={m} c={c} />
          ))}
        </ul>
      )}
      {contacts && contacts.length < m.total.value && (
        <button type="button" class="more" disabled={m.loading.value} onClick={() => void m.more()}>
          {t('phonebook.more')}
        </button>
      )}
      <ContactForm m={m} />
      <GroupsCard m={m} />
      <ExportCard m={m} />
    </Screen>
  );
}
