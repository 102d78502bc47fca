// Queue management (C3, C11, C13): a queue's greeting, hold audio, waits, ring timeout, tiers,
// overflow, strategy, service level and after-call overrides, and its members with their levels.
// Supervisors and org admins manage; agents may not. Mounted at /api/cc/queues.
import { Hono } from 'hono';
import * as v from 'valibot';
import { CC_MANAGER_ROLES, QUEUE_MEMBER_ROLES } from '../../auth/cc-roles';
import { requireRole, requireUser } from '../../auth/session';
import { isUniqueViolation } from '../../db/constraints';
import { getContactCenterSettings } from '../../db/org-settings';
import {
  deleteQueue,
  findQueueByName,
  findQueueDetail,
  insertQueue,
  listQueueDetails,
  queueReferences,
  replaceQueueMembers,
  updateQueue,
  usersForMembership,
  type QueueDetail,
} from '../../db/queues';
import type { OrgDb } from '../../db/scope';
import type { AppEnv } from '../../env';
import { badRequest, conflict, fieldError, notFound, type FieldError } from '../../errors';
import { coded, requiredText, tooLong, wholeNumber } from '../../fields';
import { audit } from '../../http/audit';
import { publicHttpsUrl } from '../../http/public-url';
import { validate, validateId } from '../../http/validate';
import { formatNational } from '../../phone';
import { refreshQueue } from '../../../durable-objects/live-objects';
import { OVERFLOW_TARGETS, STRATEGIES } from '../../contact-center/queue-types';
import { QueueMembersBody } from '../../../contract/requests/cc';

/** Optional text: trimmed, "" or null clears it. */
const optionalText = (max: number) =>
  v.pipe(
    v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(max, tooLong(max)))),
    v.transform((s) => (s ? s : null)),
  );

/** The carrier fetches hold audio itself: an https address on a public host, nothing else. */
const HoldAudioSchema = v.pipe(
  v.nullable(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(500, tooLong(500)),
      v.check((s) => s === '' || publicHttpsUrl(s) !== 'not_https', coded('url', 'Use an https:// address.')),
      v.check((s) => s === '' || publicHttpsUrl(s) !== 'private', coded('url_private', 'Use a public host, without a user name or password.')),
    ),
  ),
  v.transform((s) => (s ? s : null)),
);

/** Every setting but the name; left out = the default (create) or unchanged (update). */
const settingFields = {
  greetingText: v.optional(optionalText(240)),
  holdMusicUrl: v.optional(HoldAudioSchema),
  maxWaitSeconds: v.optional(wholeNumber(10, 3600)),
  ringTimeoutSeconds: v.optional(wholeNumber(5, 120)),
  tierWidenSeconds: v.optional(wholeNumber(0, 600)),
  overflow: v.optional(v.picklist(OVERFLOW_TARGETS, coded('choice', 'Choose callback, voicemail or none.'))),
  strategy: v.optional(v.picklist(STRATEGIES, coded('choice', 'Choose a distribution strategy.'))),
  /** null = the org's. */
  serviceLevelSeconds: v.optional(v.nullable(wholeNumber(1, 3600))),
  serviceLevelTargetPercent: v.optional(v.nullable(wholeNumber(1, 99))),
  announceIntervalSeconds: v.optional(wholeNumber(0, 3600)),
  agentStateAfterCall: v.optional(v.nullable(v.picklist(['ready', 'break', 'acw'], coded('choice', 'Choose ready, break or acw.')))),
  acwLimitSeconds: v.optional(v.nullable(wholeNumber(1, 3600))),
};

const QueueName = requiredText(50, { message: 'Enter a queue name.' });
const CreateQueueSchema = v.object({ name: QueueName, ...settingFields });
const PatchQueueSchema = v.object({ name: v.optional(QueueName), ...settingFields });

/** The queue as the API answers it: numbers in E.164 and as people read them. */
function queueView(q: QueueDetail) {
  return { ...q, numbers: q.numbers.map((e164) => ({ e164, display: formatNational(e164) })) };
}

async function defaults(scope: OrgDb) {
  const s = await getContactCenterSettings(scope);
  if (!s) throw notFound();
  return s;
}

const nameTaken = () => conflict('A queue of this name exists.', [fieldError('name', 'taken', 'A queue of this name exists.')]);

/** Undefined values dropped, so an update writes only what was sent. */
function given<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as Partial<T>;
}

/** Mounted at /api/cc/queues. */
export const ccQueueRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole(...CC_MANAGER_ROLES))
  .get('/', async (c) => {
    const scope = c.get('scope');
    const [queues, orgDefaults] = await Promise.all([listQueueDetails(scope), defaults(scope)]);
    return c.json({ queues: queues.map(queueView), defaults: orgDefaults });
  })
  .post('/', validate('json', CreateQueueSchema), async (c) => {
    const scope = c.get('scope');
    const input = c.req.valid('json');
    if (await findQueueByName(scope, input.name)) throw nameTaken();
    const created = await insertQueue(scope, { ...given(settingFieldsOf(input)), name: input.name }).catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken() : err;
    });
    const queue = await findQueueDetail(scope, created);
    if (!queue) throw notFound();
    await audit(c, 'queue.created', { targetType: 'queue', targetId: created, detail: { name: input.name } });
    return c.json({ queue: queueView(queue) }, 201);
  })
  .get('/:id', validateId(), async (c) => {
    const scope = c.get('scope');
    const queue = await findQueueDetail(scope, c.req.valid('param').id);
    if (!queue) throw notFound('No such queue.');
    return c.json({ queue: queueView(queue), defaults: await defaults(scope) });
  })
  .patch('/:id', validateId(), validate('json', PatchQueueSchema), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const before = await findQueueDetail(scope, id);
    if (!before) throw notFound('No such queue.');
    if (input.name !== undefined && input.name !== before.name && (await findQueueByName(scope, input.name))) throw nameTaken();
    const patch = given({ name: input.name, ...settingFieldsOf(input) });
    const { id: _id, members: _m, numbers: _n, ...current } = before;
    await updateQueue(scope, id, { ...current, ...patch }).catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken() : err;
    });
    const queue = await findQueueDetail(scope, id);
    if (!queue) throw notFound('No such queue.');
    await refreshQueue(c.env, scope.orgId, id);
    const changed = Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== current[k as keyof typeof current]);
    await audit(c, 'queue.updated', { targetType: 'queue', targetId: id, detail: { changed } });
    return c.json({ queue: queueView(queue) });
  })
  .delete('/:id', validateId(), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const queue = await findQueueDetail(scope, id);
    if (!queue) throw notFound('No such queue.');
    const refs = await queueReferences(scope, id);
    // A queue a number rings, or that calls and callbacks name, stays: history and statistics read it.
    if (refs.numbers > 0) throw conflict('Numbers still ring this queue; assign them elsewhere first.');
    if (refs.calls > 0 || refs.callbacks > 0) throw conflict('This queue has call history; it is kept for the statistics.');
    await deleteQueue(scope, id);
    await audit(c, 'queue.deleted', { targetType: 'queue', targetId: id, detail: { name: queue.name } });
    return c.json({ ok: true });
  })
  .put('/:id/members', validateId(), validate('json', QueueMembersBody), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const { members } = c.req.valid('json');
    const before = await findQueueDetail(scope, id);
    if (!before) throw notFound('No such queue.');
    const found = await usersForMembership(scope, [...new Set(members.map((m) => m.userId))]);
    const problems: FieldError[] = [];
    const seen = new Set<string>();
    members.forEach((m, i) => {
      const field = `members.${i}.userId`;
      const user = found.get(m.userId);
      if (!user) problems.push(fieldError(field, 'not_in_org', 'No such user in your organisation.'));
      else if (!(QUEUE_MEMBER_ROLES as readonly string[]).includes(user.role))
        problems.push(fieldError(field, 'not_agent', 'Only agents and supervisors take queue calls.'));
      else if (seen.has(m.userId)) problems.push(fieldError(field, 'taken', 'This user is listed twice.'));
      seen.add(m.userId);
    });
    if (problems.length > 0) throw badRequest('Some members are invalid.', problems);
    await replaceQueueMembers(scope, id, members);
    const queue = await findQueueDetail(scope, id);
    if (!queue) throw notFound('No such queue.');
    const levels = (q: QueueDetail) => new Map(q.members.map((m) => [m.userId, m.level]));
    const was = levels(before);
    const now = levels(queue);
    await refreshQueue(c.env, scope.orgId, id, [...new Set([...was.keys(), ...now.keys()])]);
    await audit(c, 'queue.members_updated', {
      targetType: 'queue',
      targetId: id,
      detail: {
        added: [...now.keys()].filter((u) => !was.has(u)),
        removed: [...was.keys()].filter((u) => !now.has(u)),
        levelChanged: [...now.keys()].filter((u) => was.has(u) && was.get(u) !== now.get(u)),
      },
    });
    return c.json({ queue: queueView(queue) });
  });

/** The settings part of a create or update body (everything but the name). */
function settingFieldsOf(input: v.InferOutput<typeof PatchQueueSchema>) {
  const { name: _name, ...rest } = input;
  return rest;
}
