// "Send my safe number" (S12): the short text that gives a citizen the staff member's safe number,
// from a template the org admin may edit ({name}, {safeNumber}, {org}). Pure: the API sends it, the
// admin's template screen previews it with the same rule.

export const DEFAULT_SAFE_NUMBER_TEMPLATE = '[{org}] {name}입니다. 제 안심번호는 {safeNumber}입니다. 이 번호로 연락 주세요.';
export const TEMPLATE_MAX_CHARS = 200;
export const TEMPLATE_PLACEHOLDERS = ['name', 'safeNumber', 'org'] as const;
export type TemplateValues = Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string>;

export function safeNumberText(template: string | null, values: TemplateValues): string {
  return (template ?? DEFAULT_SAFE_NUMBER_TEMPLATE).replace(/\{(name|safeNumber|org)\}/g, (_, k: keyof TemplateValues) => values[k]);
}
