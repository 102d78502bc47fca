// Turns a checked organisation file into SQL statements for D1 (run by `wrangler d1 execute` or a
// batch). Pure: ids, time and password hashes come in. Every statement is an upsert keyed by a
// natural key (org name, login ID, E.164, team/queue name …) that writes only when something
// differs, so applying the same file twice changes nothing the second time. Nothing is deleted.
import { sql, type SQLWrapper } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import { scheduleUpsert } from '../db/schedule-write';
import type { ScheduleFields } from '../routing/schedule';
import { checkOrgFile, type FileIssue } from './check';
import type { Hours, OrgFile, OrgFileUser } from './schema';
import { WEEKDAYS } from './schema';

export type PlanInput = {
  file: OrgFile;
  /** PBKDF2 hash per login ID (worker/auth/password.ts format); used only when the user is new. */
  passwordHashes: ReadonlyMap<string, string>;
  newId: (prefix: string) => string;
  now: number;
};

/** A piece of SQL to splice in as is (a subquery); everything else becomes a literal. */
class Raw {
  constructor(readonly sql: string) {}
}
type Value = string | number | boolean | null | undefined | Raw;

/** A SQL literal. Strings are quoted with '' doubling; the schema already refused NUL characters. */
function lit(value: Value): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Raw) return value.sql;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('non-finite number in plan');
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/** Bitmask of working days: bit 0 = Monday … bit 6 = Sunday (worker/db/schema.ts). */
export function weekdayMask(days: readonly (typeof WEEKDAYS)[number][]): number {
  return days.reduce((mask, d) => mask | (1 << WEEKDAYS.indexOf(d)), 0);
}

type Row = Record<string, Value>;

function columns(row: Row) {
  const names = Object.keys(row);
  return { names: names.join(', '), values: names.map((n) => lit(row[n])).join(', ') };
}

/** INSERT … ON CONFLICT(key) DO UPDATE the `update` columns, only where one of them differs. */
function upsert(table: string, row: Row, conflict: string[], update: string[], opts: { extraSet?: Record<string, string>; guard?: string } = {}): string {
  const { names, values } = columns(row);
  const head = `INSERT INTO ${table} (${names}) VALUES (${values}) ON CONFLICT (${conflict.join(', ')})`;
  if (update.length === 0) return `${head} DO NOTHING`;
  const set = [...update.map((c) => `${c} = excluded.${c}`), ...Object.entries(opts.extraSet ?? {}).map(([c, e]) => `${c} = ${e}`)];
  const differs = update.map((c) => `${table}.${c} IS NOT excluded.${c}`).join(' OR ');
  return `${head} DO UPDATE SET ${set.join(', ')} WHERE ${opts.guard ? `${opts.guard} AND ` : ''}(${differs})`;
}

/**
 * Update the row matching `key` where something differs, then insert it if absent. For
 * announcements, whose natural key has no unique index (its team and user columns may be NULL,
 * matched here with IS), and for queues and categories found by name.
 */
function ensureRow(table: string, id: string, key: Row, values: Row): string[] {
  const where = Object.entries(key)
    .map(([c, v]) => `${c} IS ${lit(v)}`)
    .join(' AND ');
  const out: string[] = [];
  const valueCols = Object.keys(values);
  if (valueCols.length > 0) {
    const set = valueCols.map((c) => `${c} = ${lit(values[c])}`);
    const differs = valueCols.map((c) => `${c} IS NOT ${lit(values[c])}`).join(' OR ');
    out.push(`UPDATE ${table} SET ${set.join(', ')} WHERE ${where} AND (${differs})`);
  }
  const all: Row = { id, ...key, ...values };
  const names = Object.keys(all);
  out.push(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.map((n) => lit(all[n])).join(', ')} ` +
      `WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE ${where})`,
  );
  return out;
}

/**
 * Builds (never runs) statements shared with the worker's API: a drizzle database with the worker's
 * casing (worker/db/client.ts) over a driver that refuses to execute anything.
 */
const builder = drizzle(
  () => {
    throw new Error('the plan only builds SQL');
  },
  // drizzle-orm/sqlite-proxy reads the casing from its third argument only.
  undefined,
  { casing: 'snake_case' },
);
const dialect = new SQLiteSyncDialect({ casing: 'snake_case' });

/** A shared statement as SQL text, its values inlined as literals (quoted by drizzle as lit() does). */
function inline(statement: SQLWrapper): string {
  return dialect.sqlToQuery(statement.getSQL().inlineParams()).sql;
}

/** Only the given (defined) fields: a field left out of the file leaves the stored value alone. */
function defined(row: Row): Row {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
}

export function planApply({ file, passwordHashes, newId, now }: PlanInput): string[] {
  const out: string[] = [];
  const org = new Raw(`(SELECT id FROM orgs WHERE name = ${lit(file.org.name)})`);
  const team = (name: string | undefined) => (name === undefined ? null : new Raw(`(SELECT id FROM teams WHERE org_id = ${org.sql} AND name = ${lit(name)})`));
  const user = (loginId: string) => new Raw(`(SELECT id FROM users WHERE org_id = ${org.sql} AND login_id = ${lit(loginId)})`);
  const queue = (name: string | undefined) =>
    name === undefined ? null : new Raw(`(SELECT id FROM queues WHERE org_id = ${org.sql} AND name = ${lit(name)})`);

  // The organisation, keyed by its unique name.
  const settings = defined({
    timezone: file.org.timezone,
    recording_enabled: file.org.recordingEnabled,
    recording_retention_days: file.org.recordingRetentionDays,
    recording_notice_text: file.org.recordingNoticeText,
    service_level_seconds: file.org.serviceLevelSeconds,
    service_level_target_percent: file.org.serviceLevelTargetPercent,
    short_abandon_seconds: file.org.shortAbandonSeconds,
    agent_state_after_login: file.org.agentStateAfterLogin,
    agent_state_after_call: file.org.agentStateAfterCall,
    acw_limit_seconds: file.org.acwLimitSeconds,
    shield_limit: file.org.shield?.limit,
    shield_window_minutes: file.org.shield?.windowMinutes,
    shield_cool_off_minutes: file.org.shield?.coolOffMinutes,
  });
  out.push(upsert('orgs', { id: newId('org'), name: file.org.name, ...settings }, ['name'], Object.keys(settings)));

  for (const t of file.teams) out.push(upsert('teams', { id: newId('team'), org_id: org, name: t.name }, ['org_id', 'name'], []));

  for (const u of file.users) out.push(userUpsert(u));

  // Hours go through the API's own statement (worker/db/schedule-write.ts), keyed by the same
  // indexes, so the org keeps one default row and each person one row, whoever wrote them last.
  const orgIdExpr = sql`(SELECT id FROM orgs WHERE name = ${file.org.name})`;
  const hours = (h: Hours): ScheduleFields => ({
    workStartTime: h.workStart,
    workEndTime: h.workEnd,
    weekdays: weekdayMask(h.days),
    lunchStartTime: h.lunchStart ?? null,
    lunchEndTime: h.lunchEnd ?? null,
  });
  if (file.hours) out.push(inline(scheduleUpsert(builder, { orgId: orgIdExpr, userId: null, fields: hours(file.hours), now })));
  for (const u of file.users) {
    if (!u.hours) continue;
    const userId = sql`(SELECT id FROM users WHERE org_id = ${orgIdExpr} AND login_id = ${u.loginId})`;
    out.push(inline(scheduleUpsert(builder, { orgId: orgIdExpr, userId, newId: newId('sch'), fields: hours(u.hours), now })));
  }

  for (const u of file.users) {
    if (!u.shield) continue;
    const values = defined({
      shield_limit: u.shield.limit,
      shield_window_minutes: u.shield.windowMinutes,
      shield_cool_off_minutes: u.shield.coolOffMinutes,
    });
    const keys = Object.keys(values);
    if (keys.length > 0) out.push(upsert('personal_settings', { user_id: user(u.loginId), org_id: org, ...values }, ['user_id'], keys));
  }

  for (const h of file.holidays) {
    out.push(upsert('holidays', { id: newId('hol'), org_id: org, date: h.date, name: h.name }, ['org_id', 'date'], ['name']));
  }

  for (const q of file.queues) {
    const values = defined({
      greeting_text: q.greetingText,
      hold_music_url: q.holdMusicUrl,
      max_wait_seconds: q.maxWaitSeconds,
      ring_timeout_seconds: q.ringTimeoutSeconds,
      tier_widen_seconds: q.tierWidenSeconds,
      overflow: q.overflow,
      strategy: q.strategy,
      service_level_seconds: q.serviceLevelSeconds,
      service_level_target_percent: q.serviceLevelTargetPercent,
      announce_interval_seconds: q.announceIntervalSeconds,
      agent_state_after_call: q.agentStateAfterCall,
      acw_limit_seconds: q.acwLimitSeconds,
    });
    out.push(...ensureRow('queues', newId('que'), { org_id: org, name: q.name }, values));
    for (const m of q.members) {
      out.push(upsert('queue_members', { org_id: org, queue_id: queue(q.name), user_id: user(m.loginId), level: m.level }, ['queue_id', 'user_id'], ['level']));
    }
  }

  for (const n of file.numbers) {
    const row: Row = {
      id: newId('num'),
      org_id: org,
      e164: n.number,
      kind: n.kind,
      owner_user_id: n.owner === undefined ? null : user(n.owner),
      queue_id: queue(n.queue),
      ...defined({ paused: n.paused }),
    };
    const update = ['kind', 'owner_user_id', 'queue_id', ...(n.paused === undefined ? [] : ['paused'])];
    // Never take over a number that another organisation holds: the CLI refuses those beforehand,
    // and this guard keeps the SQL itself safe.
    out.push(upsert('virtual_numbers', row, ['e164'], update, { guard: 'virtual_numbers.org_id = excluded.org_id' }));
  }

  for (const a of file.announcements) {
    const owner = { team_id: a.scope === 'team' ? team(a.team) : null, user_id: a.scope === 'personal' && a.user ? user(a.user) : null };
    const key: Row = { org_id: org, scope: a.scope, ...owner, type: a.type, name: a.name };
    out.push(...ensureRow('announcements', newId('ann'), key, { text: a.text }));
    if (a.use) {
      const scopeId = a.scope === 'org' ? org : a.scope === 'team' ? team(a.team) : user(a.user ?? '');
      const where = Object.entries(key)
        .map(([c, v]) => `${c} IS ${lit(v)}`)
        .join(' AND ');
      const chosen = new Raw(`(SELECT id FROM announcements WHERE ${where})`);
      out.push(
        upsert(
          'announcement_choices',
          { org_id: org, scope: a.scope, scope_id: scopeId, type: a.type, announcement_id: chosen },
          ['org_id', 'scope', 'scope_id', 'type'],
          ['announcement_id'],
        ),
      );
    }
  }

  for (const u of file.users) {
    for (const [kind, entries] of [
      ['spam', u.spam ?? []],
      ['free_pass', u.freePass ?? []],
    ] as const) {
      for (const e of entries) {
        out.push(
          upsert(
            'list_entries',
            { id: newId('lst'), org_id: org, user_id: user(u.loginId), kind, number: e.number, memo: e.memo ?? null },
            ['user_id', 'kind', 'number'],
            ['memo'],
          ),
        );
      }
    }
  }

  file.consultCategories.forEach((name, i) => {
    out.push(...ensureRow('consult_categories', newId('cat'), { org_id: org, name }, { sort_order: i }));
  });

  // The inbound path reads precompiled snapshots that SQL cannot build. Version 0 asks the cron
  // tick (worker/db/snapshot-refresh.ts) to rebuild: a placeholder for each number of the file
  // (only if this org holds it), and a stale mark on the org's existing ones, still served meanwhile.
  for (const n of file.numbers) {
    out.push(
      `INSERT INTO routing_snapshots (e164, org_id, number_id, version, snapshot, built_at) ` +
        `SELECT e164, org_id, id, 0, '{}', ${now} FROM virtual_numbers WHERE e164 = ${lit(n.number)} AND org_id = ${org.sql} ` +
        `ON CONFLICT (e164) DO NOTHING`,
    );
  }
  out.push(`UPDATE routing_snapshots SET version = 0 WHERE org_id = ${org.sql} AND version <> 0`);
  return out;

  function userUpsert(u: OrgFileUser): string {
    const hash = passwordHashes.get(u.loginId);
    if (!hash) throw new Error(`no password hash for user ${u.loginId}`);
    const fields = defined({
      team_id: u.team === undefined ? undefined : team(u.team),
      mobile: u.mobile,
      outbound_caller_id: u.outboundCallerId,
      sms_sender: u.smsSender,
    });
    const row: Row = {
      id: newId('usr'),
      org_id: org,
      login_id: u.loginId,
      name: u.name,
      role: u.role,
      password_hash: hash,
      must_change_password: u.mustChangePassword,
      // No mobile_changed_at: S8's 24-hour lock follows a change the person made, not provisioning.
      ...fields,
    };
    const extra: Record<string, string> = { updated_at: String(now) };
    // The stamp moves only when the mobile really changed.
    if (u.mobile !== undefined) extra.mobile_changed_at = `CASE WHEN users.mobile IS excluded.mobile THEN users.mobile_changed_at ELSE ${now} END`;
    return upsert('users', row, ['org_id', 'login_id'], ['name', 'role', ...Object.keys(fields)], { extraSet: extra });
  }
}

export type PlanResult = { ok: true; file: OrgFile; statements: string[] } | { ok: false; issues: FileIssue[] };

/**
 * Check the file, hash its passwords, plan the SQL. A bad file yields its issues and no statements.
 * `hash` is worker/auth/password.ts's hashPassword in both the worker and the Node CLI.
 */
export async function planOrgFile(
  input: unknown,
  deps: { hash: (password: string) => Promise<string>; newId: (prefix: string) => string; now: number },
): Promise<PlanResult> {
  const checked = checkOrgFile(input);
  if (!checked.ok) return checked;
  const passwordHashes = new Map<string, string>();
  for (const u of checked.file.users) passwordHashes.set(u.loginId, await deps.hash(u.password));
  const statements = planApply({ file: checked.file, passwordHashes, newId: deps.newId, now: deps.now });
  return { ok: true, file: checked.file, statements };
}
