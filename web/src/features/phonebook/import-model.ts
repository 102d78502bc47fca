// Importing a file into the phonebook (S17): pick a group (or name a new one) and a file; the
// file is read here in the browser (the reader loads on demand) and planned — accepted, duplicates,
// rejected with reasons — before anything is saved; saving sends the accepted rows in chunks with
// a progress bar, and a failure half-way resumes at the chunk that failed (chunks are idempotent).
import { signal } from '@preact/signals';
import { api } from '../../api/client';
import type { ContactGroup, ExportedContact } from '../../../../contract/phonebook';
import type { Message } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { FormModel } from '../../ui/form';
import { chunksOf, detectColumns, planImport, type ImportPlan } from './import-plan';
import type { SheetEncoding } from './read-sheet';

type Sheet = { rows: string[][]; encoding: SheetEncoding | null };
type Progress = { done: number; total: number; nextChunk: number; importId: string; groupId: string; groupName: string };

export function createImportModel() {
  const groups = signal<ContactGroup[] | undefined>(undefined);
  const form = new FormModel({ groupId: '', newGroup: '' });
  const reading = signal(false);
  const sheet = signal<Sheet | null>(null);
  const plan = signal<ImportPlan | null>(null);
  const problem = signal<Message | null>(null);
  const progress = signal<Progress | null>(null);
  const saving = signal(false);
  const summary = signal<{ imported: number; group: string } | null>(null);
  let planSeq = 0;

  async function loadGroups(): Promise<void> {
    try {
      groups.value = (await api.get<{ groups: ContactGroup[] }>('/phonebook/groups')).groups;
    } catch (err) {
      problem.value = errorMessage(err);
    }
  }

  /** The numbers the chosen group holds already (a new group: none). */
  async function numbersInGroup(groupId: string): Promise<Set<string>> {
    if (!groupId) return new Set();
    const { contacts } = await api.get<{ contacts: ExportedContact[] }>('/phonebook/export', { group: groupId });
    return new Set(contacts.map((c) => c.number.e164));
  }

  async function replan(): Promise<void> {
    const current = sheet.value;
    if (!current) return;
    const mine = ++planSeq;
    const columns = detectColumns(current.rows);
    if (!columns) {
      plan.value = null;
      problem.value = { key: 'import.noColumns' };
      return;
    }
    try {
      const inGroup = await numbersInGroup(form.values.value.newGroup.trim() ? '' : form.values.value.groupId);
      if (mine !== planSeq) return;
      plan.value = planImport(current.rows, columns, inGroup);
      problem.value = null;
    } catch (err) {
      if (mine === planSeq) problem.value = errorMessage(err);
    }
  }

  async function choose(file: File | null): Promise<void> {
    sheet.value = null;
    plan.value = null;
    progress.value = null;
    summary.value = null;
    problem.value = null;
    if (!file) return;
    reading.value = true;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { readSheet } = await import('./read-sheet');
      sheet.value = readSheet(bytes);
    } catch {
      problem.value = { key: 'import.unreadable' };
    } finally {
      reading.value = false;
    }
    await replan();
  }

  function setGroup(groupId: string): void {
    form.set('groupId', groupId);
    void replan();
  }

  function setNewGroup(name: string): void {
    const had = form.values.value.newGroup.trim() !== '';
    form.set('newGroup', name);
    if (had !== (name.trim() !== '')) void replan();
  }

  /** The group the rows go to: the chosen one, or the new one made now (once, kept for a retry). */
  async function targetGroup(): Promise<{ id: string; name: string }> {
    const { groupId, newGroup } = form.values.value;
    if (newGroup.trim()) {
      const { group } = await api.post<{ group: ContactGroup }>('/phonebook/groups', { name: newGroup.trim() });
      return group;
    }
    return { id: groupId, name: groups.value?.find((g) => g.id === groupId)?.name ?? '' };
  }

  async function save(): Promise<void> {
    const current = plan.value;
    if (!current || saving.value) return;
    const { groupId, newGroup } = form.values.value;
    if (!groupId && !newGroup.trim() && !progress.value) {
      form.errors.value = { groupId: { key: 'import.chooseGroup' } };
      return;
    }
    saving.value = true;
    problem.value = null;
    try {
      const rows = current.accepted.map((r) => ({ name: r.name, number: r.number, memo: r.memo }));
      const chunks = chunksOf(rows);
      if (!progress.value) {
        const group = await targetGroup();
        progress.value = {
          done: 0,
          total: rows.length,
          nextChunk: 0,
          importId: crypto.randomUUID().replaceAll('-', ''),
          groupId: group.id,
          groupName: group.name,
        };
      }
      for (let i = progress.value.nextChunk; i < chunks.length; i++) {
        const chunk = chunks[i];
        const p: Progress = progress.value;
        if (!chunk) break;
        await api.post(`/phonebook/imports/${p.importId}/chunks`, { groupId: p.groupId, firstRow: chunk.firstRow, rows: chunk.rows });
        progress.value = { ...p, done: Math.min(p.total, chunk.firstRow + chunk.rows.length), nextChunk: i + 1 };
      }
      const p: Progress = progress.value;
      const { imported } = await api.post<{ imported: number }>(`/phonebook/imports/${p.importId}/finish`);
      summary.value = { imported, group: p.groupName };
      sheet.value = null;
      plan.value = null;
      form.reset({ groupId: p.groupId, newGroup: '' });
      await loadGroups();
    } catch (err) {
      problem.value = progress.value ? { key: 'import.failed' } : errorMessage(err);
    } finally {
      saving.value = false;
    }
  }

  return { groups, form, reading, sheet, plan, problem, progress, saving, summary, loadGroups, choose, setGroup, setNewGroup, save };
}

export type ImportModel = ReturnType<typeof createImportModel>;
