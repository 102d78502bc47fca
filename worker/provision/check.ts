// Checks an organisation file completely before anything is written: the schema, then the cross
// references (teams, users, queues named elsewhere in the file) and duplicates. Pure.
import * as v from 'valibot';
import { OrgFileSchema, type OrgFile } from './schema';

export type FileIssue = { path: string; message: string };
export type CheckResult = { ok: true; file: OrgFile } | { ok: false; issues: FileIssue[] };

/** `users[2].mobile` from a valibot issue path. */
function formatPath(path: readonly { key: unknown }[] | undefined): string {
  if (!path || path.length === 0) return '(file)';
  let out = '';
  for (const item of path) {
    if (typeof item.key === 'number') out += `[${item.key}]`;
    else out += out ? `.${String(item.key)}` : String(item.key);
  }
  return out;
}

export function formatIssues(issues: readonly FileIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}

/** Reports the second and later occurrences of a key. */
function duplicates<T>(items: readonly T[], key: (t: T) => string, path: (i: number) => string, message: string): FileIssue[] {
  const seen = new Set<string>();
  const out: FileIssue[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) out.push({ path: path(i), message });
    seen.add(k);
  });
  return out;
}

function crossReferences(file: OrgFile): FileIssue[] {
  const issues: FileIssue[] = [];
  const teams = new Set(file.teams.map((t) => t.name));
  const users = new Set(file.users.map((u) => u.loginId));
  const roles = new Map(file.users.map((u) => [u.loginId, u.role]));
  const queues = new Set(file.queues.map((q) => q.name));

  issues.push(
    ...duplicates(
      file.teams,
      (t) => t.name,
      (i) => `teams[${i}].name`,
      'This team is listed twice.',
    ),
  );
  issues.push(
    ...duplicates(
      file.users,
      (u) => u.loginId,
      (i) => `users[${i}].loginId`,
      'This login ID is listed twice.',
    ),
  );
  issues.push(
    ...duplicates(
      file.queues,
      (q) => q.name,
      (i) => `queues[${i}].name`,
      'This queue is listed twice.',
    ),
  );
  issues.push(
    ...duplicates(
      file.numbers,
      (n) => n.number,
      (i) => `numbers[${i}].number`,
      'This number is listed twice.',
    ),
  );
  issues.push(
    ...duplicates(
      file.holidays,
      (h) => h.date,
      (i) => `holidays[${i}].date`,
      'This date is listed twice.',
    ),
  );
  issues.push(
    ...duplicates(
      file.consultCategories,
      (c) => c,
      (i) => `consultCategories[${i}]`,
      'This category is listed twice.',
    ),
  );

  file.users.forEach((u, i) => {
    if (u.team !== undefined && !teams.has(u.team)) issues.push({ path: `users[${i}].team`, message: 'No team of this name in `teams`.' });
    for (const list of ['spam', 'freePass'] as const) {
      issues.push(
        ...duplicates(
          u[list] ?? [],
          (e) => e.number,
          (j) => `users[${i}].${list}[${j}].number`,
          'This number is listed twice.',
        ),
      );
    }
  });
  file.queues.forEach((q, i) => {
    q.members.forEach((m, j) => {
      const role = roles.get(m.loginId);
      if (!users.has(m.loginId)) issues.push({ path: `queues[${i}].members[${j}].loginId`, message: 'No user with this login ID in `users`.' });
      else if (role !== 'agent' && role !== 'supervisor')
        issues.push({ path: `queues[${i}].members[${j}].loginId`, message: 'Queue members are agents or supervisors.' });
    });
    issues.push(
      ...duplicates(
        q.members,
        (m) => m.loginId,
        (j) => `queues[${i}].members[${j}].loginId`,
        'This member is listed twice.',
      ),
    );
  });
  file.numbers.forEach((n, i) => {
    if (n.owner !== undefined && !users.has(n.owner)) issues.push({ path: `numbers[${i}].owner`, message: 'No user with this login ID in `users`.' });
    if (n.queue !== undefined && !queues.has(n.queue)) issues.push({ path: `numbers[${i}].queue`, message: 'No queue of this name in `queues`.' });
  });
  file.announcements.forEach((a, i) => {
    if (a.team !== undefined && !teams.has(a.team)) issues.push({ path: `announcements[${i}].team`, message: 'No team of this name in `teams`.' });
    if (a.user !== undefined && !users.has(a.user)) issues.push({ path: `announcements[${i}].user`, message: 'No user with this login ID in `users`.' });
  });
  const owner = (a: OrgFile['announcements'][number]) => `${a.scope}\u0000${a.team ?? a.user ?? ''}\u0000${a.type}`;
  issues.push(
    ...duplicates(
      file.announcements,
      (a) => `${owner(a)}\u0000${a.name}`,
      (i) => `announcements[${i}].name`,
      'An announcement of this scope, type and name is listed twice.',
    ),
  );
  const chosen = file.announcements.map((a, i) => ({ a, i })).filter(({ a }) => a.use);
  issues.push(
    ...duplicates(
      chosen,
      ({ a }) => owner(a),
      (k) => `announcements[${chosen[k]?.i ?? 0}].use`,
      'Another announcement is already chosen for this type and scope.',
    ),
  );
  return issues;
}

/** The whole file, or every problem with a field path. Nothing is written by the caller unless ok. */
export function checkOrgFile(input: unknown): CheckResult {
  const parsed = v.safeParse(OrgFileSchema, input);
  if (!parsed.success) {
    const seen = new Set<string>();
    const issues: FileIssue[] = [];
    for (const issue of parsed.issues) {
      const path = formatPath(issue.path);
      // The first problem per field is enough to fix it; the rest are usually its echoes.
      if (seen.has(path)) continue;
      seen.add(path);
      issues.push({ path, message: issue.message });
    }
    return { ok: false, issues };
  }
  const issues = crossReferences(parsed.output);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, file: parsed.output };
}

/** `create-org` is an organisation file with just the org and its first admin, checked the same way. */
export function createOrgInput(opts: { name: string; adminLoginId: string; password: string; adminName?: string; timezone?: string }): unknown {
  return {
    org: { name: opts.name, ...(opts.timezone !== undefined && { timezone: opts.timezone }) },
    users: [{ loginId: opts.adminLoginId, name: opts.adminName ?? '관리자', role: 'org_admin', password: opts.password, mustChangePassword: true }],
  };
}
