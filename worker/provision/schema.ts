// The organisation file (B4, P3): one valibot schema is the format. The operator CLI validates
// with it, docs/org-file.schema.json is generated from it (`npm run schema:org`). Pure module.
import * as v from 'valibot';
import { LoginIdSchema, PersonNameSchema, TeamNameSchema } from '../../contract/requests/account';
import { PasswordSchema } from '../auth/password';
import { ANNOUNCEMENT_TYPES, ROLES } from '../db/schema';
import { STRATEGIES } from '../contact-center/queue-types';
import { publicHttpsUrl } from '../http/public-url';
import { PersonPhoneSchema } from '../destinations';
import { PhoneSchema } from '../phone';

/** Free text without NUL characters (they would end the string early in SQL). */
function text(max: number, what = 'Text') {
  return v.pipe(
    v.string(`${what} must be text.`),
    v.minLength(1, `${what} may not be empty.`),
    v.maxLength(max, `${what} must be at most ${max} characters.`),
    v.regex(/^[^\u0000]*$/, `${what} may not contain NUL characters.`),
  );
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TimeSchema = v.pipe(v.string(), v.regex(TIME, 'Use HH:MM (24-hour).'));
/** a < b for two well-formed times; a malformed one is reported by its own field, not here. */
const before = (a: string | undefined, b: string | undefined) => !a || !b || !TIME.test(a) || !TIME.test(b) || a < b;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const HoursSchema = v.pipe(
  v.strictObject({
    workStart: v.pipe(TimeSchema, v.description('Start of working hours, HH:MM in the org time zone.')),
    workEnd: v.pipe(TimeSchema, v.description('End of working hours, HH:MM.')),
    days: v.pipe(
      v.array(v.picklist(WEEKDAYS, 'Use mon, tue, wed, thu, fri, sat or sun.')),
      v.minLength(1, 'Name at least one working day.'),
      v.description('Working days.'),
    ),
    lunchStart: v.optional(TimeSchema),
    lunchEnd: v.optional(TimeSchema),
  }),
  v.check((h) => before(h.workStart, h.workEnd), 'workStart must be before workEnd.'),
  v.check((h) => (h.lunchStart === undefined) === (h.lunchEnd === undefined), 'Give both lunchStart and lunchEnd, or neither.'),
  v.check((h) => before(h.lunchStart, h.lunchEnd), 'lunchStart must be before lunchEnd.'),
);

const int = (min: number, max: number, what: string) =>
  v.pipe(
    v.number(`${what} must be a number.`),
    v.integer(`${what} must be a whole number.`),
    v.minValue(min, `${what}: at least ${min}.`),
    v.maxValue(max, `${what}: at most ${max}.`),
  );

/** Abuse shield (B3); the same bounds as the routing snapshot (worker/routing/snapshot.ts). */
const shieldFields = {
  limit: v.pipe(int(0, 1000, 'limit'), v.description('At most this many calls from one caller to one safe number in the window; 0 = off.')),
  windowMinutes: v.pipe(int(1, 1440, 'windowMinutes'), v.description('The counting window, in minutes.')),
  coolOffMinutes: v.pipe(int(0, 10080, 'coolOffMinutes'), v.description('How long a caller past the limit is refused, in minutes.')),
};

const ListEntrySchema = v.strictObject({
  number: PhoneSchema,
  memo: v.optional(text(100, 'Memo')),
});

const UserSchema = v.strictObject({
  loginId: v.pipe(LoginIdSchema, v.description('Case-sensitive; for staff usually their 050 safe number.')),
  name: PersonNameSchema,
  role: v.picklist(ROLES, 'Choose a valid role.'),
  team: v.optional(v.pipe(TeamNameSchema, v.description('Name of a team in `teams`.'))),
  mobile: v.optional(v.pipe(PersonPhoneSchema, v.description('Where safe-number and contact-center calls ring: a Korean mobile, e.g. 010-1234-5678.'))),
  password: v.pipe(
    PasswordSchema,
    v.description(
      'Initial password: 6–20 visible ASCII characters with a letter, a digit and a special character. Set only when the user is created, never overwritten.',
    ),
  ),
  mustChangePassword: v.optional(v.boolean(), true),
  outboundCallerId: v.optional(PhoneSchema),
  smsSender: v.optional(PhoneSchema),
  hours: v.optional(v.pipe(HoursSchema, v.description('Personal hours; without them the org default applies.'))),
  shield: v.optional(
    v.pipe(
      v.strictObject({
        limit: v.optional(shieldFields.limit),
        windowMinutes: v.optional(shieldFields.windowMinutes),
        coolOffMinutes: v.optional(shieldFields.coolOffMinutes),
      }),
      v.description('Personal abuse-shield policy, field by field over the org default.'),
    ),
  ),
  spam: v.optional(v.array(ListEntrySchema)),
  freePass: v.optional(v.array(ListEntrySchema)),
});

const NumberSchema = v.pipe(
  v.strictObject({
    number: v.pipe(PhoneSchema, v.description('The virtual number, e.g. 0505-123-4567; stored as E.164.')),
    kind: v.optional(v.picklist(['safe_number', 'service', 'access']), 'safe_number'),
    owner: v.optional(v.pipe(LoginIdSchema, v.description('loginId of the user whose safe number this is.'))),
    queue: v.optional(v.pipe(text(50, 'Queue name'), v.description('Name of a queue in `queues`.'))),
    paused: v.optional(v.boolean(), false),
  }),
  v.check((n) => !(n.owner && n.queue), 'A number belongs to a user or a queue, not both.'),
);

/** The same bounds as the management API (worker/api/cc/queues.ts). */
const QueueSchema = v.strictObject({
  name: text(50, 'Queue name'),
  greetingText: v.optional(text(240, 'Greeting')),
  holdMusicUrl: v.optional(
    v.pipe(
      v.string('Hold audio must be text.'),
      v.maxLength(500, 'Hold audio: at most 500 characters.'),
      v.check((s) => publicHttpsUrl(s) !== 'not_https', 'Hold audio must be an https:// address.'),
      v.check((s) => publicHttpsUrl(s) !== 'private', 'Hold audio must be on a public host, without a user name or password.'),
      v.description('Audio the carrier loops while callers wait (https only).'),
    ),
  ),
  maxWaitSeconds: v.optional(int(10, 3600, 'maxWaitSeconds')),
  ringTimeoutSeconds: v.optional(int(5, 120, 'ringTimeoutSeconds')),
  tierWidenSeconds: v.optional(v.pipe(int(0, 600, 'tierWidenSeconds'), v.description('Level n+1 is offered calls after this long in line.'))),
  overflow: v.optional(v.picklist(['callback', 'voicemail', 'none'])),
  strategy: v.optional(v.pipe(v.picklist(STRATEGIES, 'Use longest_idle, ring_all, round_robin or fewest_calls.'), v.description('Default longest_idle.'))),
  serviceLevelSeconds: v.optional(
    v.pipe(
      v.nullable(int(1, 3600, 'serviceLevelSeconds')),
      v.description("Answered within this many seconds counts toward the service level; null = the org's."),
    ),
  ),
  serviceLevelTargetPercent: v.optional(
    v.pipe(v.nullable(int(1, 99, 'serviceLevelTargetPercent')), v.description("The staffing hint's target, in percent; null = the org's.")),
  ),
  announceIntervalSeconds: v.optional(
    v.pipe(int(0, 3600, 'announceIntervalSeconds'), v.description('Position and wait are announced again after this long; 0 = once.')),
  ),
  agentStateAfterCall: v.optional(
    v.pipe(v.nullable(v.picklist(['ready', 'break', 'acw'])), v.description("State after a call of this queue; null = the org's.")),
  ),
  acwLimitSeconds: v.optional(v.pipe(v.nullable(int(1, 3600, 'acwLimitSeconds')), v.description("ACW limit for calls of this queue; null = the org's."))),
  members: v.optional(
    v.array(
      v.strictObject({
        loginId: v.pipe(LoginIdSchema, v.description('An agent or supervisor in `users`.')),
        level: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9), v.description('1 is offered calls first.')), 1),
      }),
    ),
    [],
  ),
});

const AnnouncementSchema = v.pipe(
  v.strictObject({
    scope: v.picklist(['org', 'team', 'personal']),
    team: v.optional(v.pipe(TeamNameSchema, v.description('For scope "team": the team name.'))),
    user: v.optional(v.pipe(LoginIdSchema, v.description('For scope "personal": the loginId.'))),
    type: v.picklist(ANNOUNCEMENT_TYPES, 'Choose a valid announcement type.'),
    name: text(50, 'Name'),
    text: v.pipe(text(240, 'Announcement text'), v.description('Spoken by TTS (ko-KR); at most 240 characters.')),
    use: v.optional(v.pipe(v.boolean(), v.description('Choose this announcement for its type at its scope.')), false),
  }),
  v.check((a) => a.scope !== 'team' || a.team !== undefined, 'A team announcement names its team.'),
  v.check((a) => a.scope !== 'personal' || a.user !== undefined, 'A personal announcement names its user.'),
  v.check((a) => a.scope === 'team' || a.team === undefined, 'Only team announcements name a team.'),
  v.check((a) => a.scope === 'personal' || a.user === undefined, 'Only personal announcements name a user.'),
);

const OrgSettingsSchema = v.strictObject({
  name: v.pipe(text(100, 'Organisation name'), v.description('Unique; the key an existing org is found by.')),
  timezone: v.optional(v.pipe(v.string(), v.check(isTimeZone, 'Use an IANA time zone such as Asia/Seoul.'))),
  recordingEnabled: v.optional(v.boolean()),
  recordingRetentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650))),
  recordingNoticeText: v.optional(text(240, 'Recording notice')),
  serviceLevelSeconds: v.optional(
    v.pipe(int(1, 3600, 'serviceLevelSeconds'), v.description('Answered within this many seconds counts toward the service level (default 20).')),
  ),
  serviceLevelTargetPercent: v.optional(v.pipe(int(1, 99, 'serviceLevelTargetPercent'), v.description("The staffing hint's target, in percent (default 80)."))),
  shortAbandonSeconds: v.optional(
    v.pipe(
      int(0, 600, 'shortAbandonSeconds'),
      v.description('Abandons within this many seconds are short, left out of one service-level variant (default 5).'),
    ),
  ),
  agentStateAfterLogin: v.optional(v.picklist(['ready', 'break'])),
  agentStateAfterCall: v.optional(v.picklist(['ready', 'break', 'acw'])),
  acwLimitSeconds: v.optional(
    v.pipe(v.nullable(int(1, 3600, 'acwLimitSeconds')), v.description('After-call work ends by itself after this long; null = when the agent chooses.')),
  ),
  shield: v.optional(
    v.pipe(
      v.strictObject({
        limit: shieldFields.limit,
        windowMinutes: v.optional(shieldFields.windowMinutes),
        coolOffMinutes: v.optional(shieldFields.coolOffMinutes),
      }),
      v.description('Abuse-shield default for every safe number (off until set).'),
    ),
  ),
});

export const OrgFileSchema = v.pipe(
  v.strictObject({
    $schema: v.optional(v.string()),
    org: OrgSettingsSchema,
    hours: v.optional(v.pipe(HoursSchema, v.description('The org default weekly hours and lunch.'))),
    holidays: v.optional(
      v.array(
        v.strictObject({
          date: v.pipe(v.string(), v.isoDate('Use YYYY-MM-DD.')),
          name: text(50, 'Holiday name'),
        }),
      ),
      [],
    ),
    teams: v.optional(v.array(v.strictObject({ name: TeamNameSchema })), []),
    users: v.optional(v.array(UserSchema), []),
    queues: v.optional(v.array(QueueSchema), []),
    numbers: v.optional(v.array(NumberSchema), []),
    announcements: v.optional(v.array(AnnouncementSchema), []),
    consultCategories: v.optional(v.array(text(50, 'Category name')), []),
  }),
  v.title('Organisation file'),
  v.description('Provisions one organisation with `npm run admin -- apply <file> --local|--remote`. Adds and updates; never deletes.'),
);

export type OrgFile = v.InferOutput<typeof OrgFileSchema>;
export type OrgFileUser = OrgFile['users'][number];
export type Hours = v.InferOutput<typeof HoursSchema>;
