// The org admin's "send my safe number" template (S12): the text as saved (or the default), a live
// preview with the admin's own name and org filled in, its Korean byte count and kind, save, and
// reset to the default. The preview and the API share one rule (contract/safe-number-sms.ts). No DOM.
import { computed, createModel } from '@preact/signals';
import { countBytes, messageKind } from '../../../../../contract/message-bytes';
import type { SafeNumberSmsTemplate as TemplateAnswer } from '../../../../../contract/messages';
import { DEFAULT_SAFE_NUMBER_TEMPLATE, safeNumberText, TEMPLATE_MAX_CHARS } from '../../../../../contract/safe-number-sms';
import { api } from '../../../api/client';
import { me } from '../../../session/model';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';

/** The number the preview shows: a sample, since the admin may own none. */
export const SAMPLE_SAFE_NUMBER = '050-1234-5678';

export const SafeNumberSmsModel = createModel(() => {
  const form = new FormModel({ template: '' });
  const saved = resource(async () => {
    const answer = await api.get<TemplateAnswer>('/admin/safe-number-sms');
    form.reset({ template: answer.template ?? answer.defaultTemplate });
    return answer;
  });
  const defaultTemplate = computed(() => saved.data.value?.defaultTemplate ?? DEFAULT_SAFE_NUMBER_TEMPLATE);

  /** What a citizen would receive from this admin: the text, its bytes, the kind, characters that cannot go. */
  const preview = computed(() => {
    const template = form.values.value.template.trim() || null;
    const text = safeNumberText(template ?? defaultTemplate.value, {
      name: me.value?.user.name ?? '',
      safeNumber: SAMPLE_SAFE_NUMBER,
      org: me.value?.org.name ?? '',
    });
    const { bytes, unsupported } = countBytes(text);
    return { text, bytes, unsupported, kind: messageKind(bytes, false), withoutNumber: template !== null && !template.includes('{safeNumber}') };
  });

  async function put(template: string | null): Promise<void> {
    const answer = await api.put<TemplateAnswer>('/admin/safe-number-sms', { template });
    saved.data.value = answer;
    form.reset({ template: answer.template ?? answer.defaultTemplate });
  }

  async function save(): Promise<boolean> {
    return form.submit(
      (v) => ({
        template:
          v.template.trim().length > TEMPLATE_MAX_CHARS
            ? { key: 'field.tooLong', params: { max: TEMPLATE_MAX_CHARS } }
            : preview.value.unsupported.length
              ? 'messaging.field.chars'
              : undefined,
      }),
      async (v) => {
        const text = v.template.trim();
        // The default saved as itself stays "the default", so a later change of the default reaches this org.
        await put(text && text !== defaultTemplate.value ? text : null);
        return { key: 'safeNumberSms.saved' };
      },
    );
  }

  async function resetToDefault(): Promise<boolean> {
    return form.submit(
      () => ({}),
      async () => {
        await put(null);
        return { key: 'safeNumberSms.resetDone' };
      },
    );
  }

  void saved.reload();
  return { form, saved, defaultTemplate, preview, load: saved.reload, save, resetToDefault };
});

export type SafeNumberSmsModel = InstanceType<typeof SafeNumberSmsModel>;
