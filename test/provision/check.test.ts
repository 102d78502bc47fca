// The organisation file's checks and the planner's pure parts, without a database.
import { describe, expect, it } from 'vitest';
import { checkOrgFile } from '../../worker/provision/check';
import { planApply, weekdayMask } from '../../worker/provision/plan';

const base = () => ({
  org: { name: '검사시청' },
  teams: [{ name: '가팀' }],
  users: [{ loginId: 'u1', name: '일', role: 'staff', password: 'Passw0rd!', team: '가팀' }],
});

function paths(input: unknown): string[] {
  const r = checkOrgFile(input);
  return r.ok ? [] : r.issues.map((i) => i.path).sort();
}

describe('checkOrgFile', () => {
  it('accepts a minimal file and fills the defaults', () => {
    const r = checkOrgFile({ org: { name: '최소' } });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.file).toMatchObject({ teams: [], users: [], numbers: [], holidays: [], consultCategories: [] });
  });

  it('names unknown keys, at any depth', () => {
    expect(paths({ ...base(), colour: 'blue' })).toEqual(['colour']);
    expect(paths({ ...base(), org: { name: 'x', nmae: 'y' } })).toEqual(['org.nmae']);
  });

  it('checks hours: HH:MM, start before end, lunch as a pair inside a valid order', () => {
    const hours = (h: object) => paths({ ...base(), hours: { workStart: '09:00', workEnd: '18:00', days: ['mon'], ...h } });
    expect(hours({})).toEqual([]);
    expect(hours({ workStart: '9:00' })).toEqual(['hours.workStart']);
    expect(hours({ workStart: '19:00' })).toEqual(['hours']);
    expect(hours({ lunchStart: '12:00' })).toEqual(['hours']);
    expect(hours({ lunchStart: '13:00', lunchEnd: '12:00' })).toEqual(['hours']);
    expect(hours({ days: [] })).toEqual(['hours.days']);
    expect(hours({ days: ['monday'] })).toEqual(['hours.days[0]']);
  });

  it('refuses an unknown time zone and a bad date', () => {
    expect(paths({ org: { name: 'x', timezone: 'Asia/Busan' } })).toEqual(['org.timezone']);
    expect(paths({ org: { name: 'x' }, holidays: [{ date: '2026-13-01', name: 'n' }] })).toEqual(['holidays[0].date']);
  });

  it('limits announcement text to 240 characters and ties scope to its owner', () => {
    const ann = (a: object) => paths({ ...base(), announcements: [{ scope: 'org', type: 'waiting', name: 'n', text: 't', ...a }] });
    expect(ann({ text: '가'.repeat(240) })).toEqual([]);
    expect(ann({ text: '가'.repeat(241) })).toEqual(['announcements[0].text']);
    expect(ann({ scope: 'team' })).toEqual(['announcements[0]']);
    expect(ann({ scope: 'org', user: 'u1' })).toEqual(['announcements[0]']);
    expect(ann({ scope: 'personal', user: 'u1' })).toEqual([]);
    expect(ann({ scope: 'personal', user: 'ghost' })).toEqual(['announcements[0].user']);
    expect(ann({ type: 'jingle' })).toEqual(['announcements[0].type']);
  });

  it('refuses two chosen announcements for one type and scope, and duplicates of every keyed list', () => {
    const a = { scope: 'org', type: 'waiting', text: 't', use: true };
    expect(
      paths({
        ...base(),
        announcements: [
          { ...a, name: 'a' },
          { ...a, name: 'b' },
        ],
      }),
    ).toEqual(['announcements[1].use']);
    expect(
      paths({
        ...base(),
        announcements: [
          { ...a, name: 'a' },
          { ...a, name: 'a', use: false },
        ],
      }),
    ).toEqual(['announcements[1].name']);
    expect(paths({ ...base(), teams: [{ name: '가팀' }, { name: '가팀' }] })).toEqual(['teams[1].name']);
    expect(paths({ ...base(), numbers: [{ number: '050-1111-2222' }, { number: '05011112222' }] })).toEqual(['numbers[1].number']);
    expect(paths({ ...base(), consultCategories: ['a', 'a'] })).toEqual(['consultCategories[1]']);
  });

  it('a number belongs to a user or a queue, never both, and both must exist', () => {
    const queues = [{ name: '큐', members: [] }];
    expect(paths({ ...base(), queues, numbers: [{ number: '0212345678', owner: 'u1', queue: '큐' }] })).toEqual(['numbers[0]']);
    expect(paths({ ...base(), queues, numbers: [{ number: '0212345678', queue: '없음' }] })).toEqual(['numbers[0].queue']);
    const agents = { ...base(), users: [{ loginId: 'a1', name: '상담', role: 'agent', password: 'Passw0rd!' }] };
    expect(paths({ ...agents, queues: [{ name: '큐', members: [{ loginId: 'a1' }, { loginId: 'a1' }] }] })).toEqual(['queues[0].members[1].loginId']);
  });

  it('queues: members are agents or supervisors of the file; every setting within the API’s bounds; hold audio over https', () => {
    const users = [
      { loginId: 'a1', name: '상담', role: 'agent', password: 'Passw0rd!' },
      { loginId: 's1', name: '팀장', role: 'supervisor', password: 'Passw0rd!' },
      { loginId: 'u1', name: '직원', role: 'staff', password: 'Passw0rd!' },
    ];
    const file = (q: object) => ({ org: { name: '큐시청' }, users, queues: [{ name: '큐', ...q }] });
    expect(
      paths(
        file({
          members: [
            { loginId: 'a1', level: 1 },
            { loginId: 's1', level: 3 },
          ],
        }),
      ),
    ).toEqual([]);
    expect(paths(file({ members: [{ loginId: 'u1' }] }))).toEqual(['queues[0].members[0].loginId']);
    expect(
      paths(
        file({
          holdMusicUrl: 'https://cdn.example.kr/hold.mp3',
          strategy: 'ring_all',
          serviceLevelSeconds: null,
          serviceLevelTargetPercent: 90,
          announceIntervalSeconds: 0,
          agentStateAfterCall: 'ready',
          acwLimitSeconds: null,
        }),
      ),
    ).toEqual([]);
    expect(paths(file({ holdMusicUrl: 'http://cdn.example.kr/hold.mp3' }))).toEqual(['queues[0].holdMusicUrl']);
    for (const url of ['https://169.254.169.254/x.mp3', 'https://[::1]/x.mp3', 'https://u:p@cdn.example.kr/x.mp3', 'https://localhost/x.mp3'])
      expect(paths(file({ holdMusicUrl: url })), url).toEqual(['queues[0].holdMusicUrl']);
    expect(paths(file({ strategy: 'random' }))).toEqual(['queues[0].strategy']);
    expect(paths(file({ serviceLevelTargetPercent: 100 }))).toEqual(['queues[0].serviceLevelTargetPercent']);
    expect(paths(file({ members: [{ loginId: 'a1', level: 10 }] }))).toEqual(['queues[0].members[0].level']);
    expect(paths({ org: { name: '큐시청', acwLimitSeconds: 0, shortAbandonSeconds: 601, serviceLevelTargetPercent: 0 } })).toEqual([
      'org.acwLimitSeconds',
      'org.serviceLevelTargetPercent',
      'org.shortAbandonSeconds',
    ]);
  });

  it('never echoes a rejected phone number or password in its messages', () => {
    const r = checkOrgFile({ ...base(), users: [{ loginId: 'u1', name: 'n', role: 'staff', password: 'Secret-no-digit', mobile: '010-999' }] });
    expect(r.ok).toBe(false);
    const text = JSON.stringify(r);
    expect(text).not.toContain('010-999');
    expect(text).not.toContain('Secret-no-digit');
  });
});

describe('planApply', () => {
  it('maps working days to the schedule bitmask (bit 0 = Monday)', () => {
    expect(weekdayMask(['mon', 'tue', 'wed', 'thu', 'fri'])).toBe(0b0011111);
    expect(weekdayMask(['sun'])).toBe(0b1000000);
  });

  it('is a pure function of its input', () => {
    const r = checkOrgFile({ ...base(), hours: { workStart: '09:00', workEnd: '18:00', days: ['mon'] } });
    if (!r.ok) throw new Error('fixture invalid');
    let n = 0;
    const input = () => ({ file: r.file, passwordHashes: new Map([['u1', 'pbkdf2-sha256$1$AA==$AA==']]), newId: (p: string) => `${p}_${n++}`, now: 1 });
    n = 0;
    const a = planApply(input());
    n = 0;
    const b = planApply(input());
    expect(a).toEqual(b);
    expect(a.every((s) => /^(INSERT|UPDATE) /i.test(s))).toBe(true);
    expect(a.join('\n')).not.toMatch(/\bDELETE\b/i);
  });
});
