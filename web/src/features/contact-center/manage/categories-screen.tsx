// 상담 업무 관리: add a consult category, rename it, move it up or down, switch it off or on again.
import { useModel } from '@preact/signals';
import { useMemo, useState } from 'preact/hooks';
import type { ConsultCategory } from '../../../../../contract/contact-center';
import { t } from '../../../i18n';
import { FormStatus, SubmitButton, TextField } from '../../../ui/fields';
import { Empty, Loaded, Screen } from '../../../ui/status';
import { CategoriesModel } from './categories-model';

function CategoryItem({ model, c, first, last }: { model: CategoriesModel; c: ConsultCategory; first: boolean; last: boolean }) {
  const [editing, setEditing] = useState(false);
  const edit = useMemo(() => model.renameForm(c), [c]);
  if (editing)
    return (
      <li class="row">
        <form
          class="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await edit.submit()) setEditing(false);
          }}
          noValidate
        >
          <TextField form={edit.form} name="name" label="cc.categories.name" maxLength={50} />
          <SubmitButton form={edit.form} label="common.save" />
          <button type="button" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </button>
        </form>
      </li>
    );
  return (
    <li class={c.disabled ? 'row disabled' : 'row'}>
      <div class="row-main">
        <strong>{c.name}</strong>
        {c.disabled && <span class="badge badge-warn">{t('cc.categories.disabled')}</span>}
      </div>
      <div class="row-actions">
        <button type="button" disabled={first} aria-label={t('cc.categories.moveUp', { name: c.name })} onClick={() => void model.move(c, -1)}>
          {t('cc.categories.up')}
        </button>
        <button type="button" disabled={last} aria-label={t('cc.categories.moveDown', { name: c.name })} onClick={() => void model.move(c, 1)}>
          {t('cc.categories.down')}
        </button>
        <button type="button" onClick={() => setEditing(true)}>
          {t('common.rename')}
        </button>
        <button type="button" onClick={() => void model.setDisabled(c, !c.disabled)}>
          {t(c.disabled ? 'cc.categories.enable' : 'cc.categories.disable')}
        </button>
      </div>
    </li>
  );
}

export function CategoriesScreen() {
  const model = useModel(CategoriesModel);
  return (
    <Screen title="cc.categories.title">
      <p class="muted">{t('cc.categories.hint')}</p>
      <form
        class="card"
        aria-labelledby="category-new"
        onSubmit={(e) => {
          e.preventDefault();
          void model.add();
        }}
        noValidate
      >
        <h2 id="category-new">{t('cc.categories.add')}</h2>
        <TextField form={model.addForm} name="name" label="cc.categories.name" maxLength={50} />
        <FormStatus form={model.addForm} />
        <SubmitButton form={model.addForm} label="common.add" />
      </form>
      <FormStatus form={model.listForm} />
      <Loaded res={model.categories}>
        {(list) =>
          list.length === 0 ? (
            <Empty text="cc.categories.empty" />
          ) : (
            <ul class="list">
              {list.map((c, i) => (
                <CategoryItem key={c.id} model={model} c={c} first={i === 0} last={i === list.length - 1} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </Screen>
  );
}
