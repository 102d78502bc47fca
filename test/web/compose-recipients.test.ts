// The compose screen's recipient list (S15): typed numbers, ticked contacts and groups merged, a
// number once however it was written, named when the phonebook knows it, groups counted by size.
import { describe, expect, it } from 'vitest';
import { numberKey, recipientLines } from '../../web/src/features/messaging/compose-recipients';

const kim = { id: 'con_kim', name: '김민원', e164: '+821023456789', national: '010-2345-6789' };
const lee = { id: 'con_lee', name: '이수강', e164: '+821034567890', national: '010-3456-7890' };
const group = { id: 'grp_a', name: '수강생', size: 3, createdAt: 0 };

describe('numberKey', () => {
  it('reads the national, hyphenated, spaced and +82 ways of one mobile as the same', () => {
    expect(['010-2345-6789', '01023456789', '010 2345 6789', '+82 10-2345-6789', '+821023456789'].map(numberKey)).toEqual(Array(5).fill('01023456789'));
    expect(numberKey('가나다')).toBeNull();
  });
});

describe('recipientLines', () => {
  it('lists a typed number once, named after the ticked contact with that number, then the other contacts, then groups', () => {
    const { lines, count, duplicates } = recipientLines(['010 2345 6789', '01023456789', '02-123-4567'], [kim, lee], [group]);
    expect(lines.map((l) => (l.kind === 'group' ? `group ${l.name} ${l.size}` : `${l.name ?? '-'} ${l.national} ${l.typed ? 'typed' : 'picked'}`))).toEqual([
      '김민원 010-2345-6789 typed',
      '- 02-123-4567 typed',
      '이수강 010-3456-7890 picked',
      'group 수강생 3',
    ]);
    // Three distinct numbers and the group's three members; the typed twin and Kim's contact are one.
    expect(count).toBe(6);
    expect(duplicates).toBe(2);
  });

  it('is empty with nobody, and counts a group alone by its size', () => {
    expect(recipientLines([], [], [])).toEqual({ lines: [], count: 0, duplicates: 0 });
    expect(recipientLines([], [], [group]).count).toBe(3);
  });
});
