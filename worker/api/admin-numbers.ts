// Org administration of virtual numbers (P2): list, add (E.164, unique platform-wide), assign to a
// user or a queue of the same org (or neither), delete. Every change is audited.
import { Hono } from 'hono';
import * as v from 'valibot';
import { clientIp, requireRole, requireUser } from '../auth/session';
import { writeAudit } from '../db/audit';
import { globalDb } from '../db/client';
import { isUniqueViolation } from '../db/constraints';
import { assignNumber, deleteNumber, findNumber, insertNumber, listNumbers, numberExistsAnywhere, type Assignment, type VirtualNumber } from '../db/numbers';
import { queueInOrg } from '../db/queues';
import { rebuildSnapshot } from '../db/routing-snapshots';
import { dbFor, type OrgDb } from '../db/scope';
import { findUser } from '../db/users';
import type { AppEnv } from '../env';
import { badRequest, conflict, notFound } from '../errors';
import { validate } from '../http/validate';
import { PhoneSchema } from '../phone';

const IdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const IdParamSchema = v.object({ id: IdSchema });

const AssignmentFields = {
  ownerUserId: v.optional(v.nullable(IdSchema), null),
  queueId: v.optional(v.nullable(IdSchema), null),
};
/** Generic so valibot's check keeps the whole object's type (create has e164 and kind too). */
const oneTarget = <T extends Assignment>(a: T): boolean => a.ownerUserId === null || a.queueId === null;
const ONE_TARGET = 'Assign the number to a user or to a queue, not both.';

const CreateNumberSchema = v.pipe(
  v.object({
    e164: PhoneSchema,
    kind: v.optional(v.picklist(['safe_number', 'service', 'access'], 'Choose a known kind.'), 'safe_number'),
    ...AssignmentFields,
  }),
  v.forward(v.check(oneTarget, ONE_TARGET), ['queueId']),
);

/** The body is the whole assignment: a missing field means "not assigned to that". */
const AssignSchema = v.pipe(v.object(AssignmentFields), v.forward(v.check(oneTarget, ONE_TARGET), ['queueId']));

function view(n: VirtualNumber) {
  return { id: n.id, e164: n.e164, kind: n.kind, ownerUserId: n.ownerUserId, queueId: n.queueId, paused: n.paused };
}

/** A user or queue id from another organisation reads exactly like one that does not exist. */
async function assertTargetsInOrg(scope: OrgDb, a: Assignment): Promise<void> {
  if (a.ownerUserId && !(await findUser(scope, a.ownerUserId))) {
    throw badRequest('Some fields are invalid.', [{ field: 'ownerUserId', message: 'No such user in your organisation.' }]);
  }
  if (a.queueId && !(await queueInOrg(scope, a.queueId))) {
    throw badRequest('Some fields are invalid.', [{ field: 'queueId', message: 'No such queue in your organisation.' }]);
  }
}

const taken = () => conflict('This number is already registered.', [{ field: 'e164', message: 'Already registered.' }]);

/** Mounted at /api/admin/numbers. */
export const adminNumberRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole('org_admin', 'operator'))
  .get('/', async (c) => {
    const numbers = await listNumbers(dbFor(c.env, c.get('user').orgId));
    return c.json({ numbers: numbers.map(view) });
  })
  .post('/', validate('json', CreateNumberSchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const input = c.req.valid('json');
    await assertTargetsInOrg(scope, input);
    if (await numberExistsAnywhere(globalDb(c.env), input.e164)) throw taken();
    const number = await insertNumber(scope, input).catch((err: unknown) => {
      throw isUniqueViolation(err) ? taken() : err;
    });
    // Compiled now, so the number routes from its first call.
    await rebuildSnapshot(c.env, number.id);
    await writeAudit(scope, {
      actorUserId: me.id,
      action: 'number.created',
      targetType: 'number',
      targetId: number.id,
      detail: { e164: number.e164, kind: number.kind, ownerUserId: number.ownerUserId, queueId: number.queueId },
      ip: clientIp(c),
    });
    return c.json({ number: view(number) }, 201);
  })
  .patch('/:id', validate('param', IdParamSchema), validate('json', AssignSchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const { id } = c.req.valid('param');
    const assignment = c.req.valid('json');
    if (!(await findNumber(scope, id))) throw notFound('No such number.');
    await assertTargetsInOrg(scope, assignment);
    const number = await assignNumber(scope, id, assignment);
    if (!number) throw notFound('No such number.');
    await rebuildSnapshot(c.env, number.id);
    await writeAudit(scope, {
      actorUserId: me.id,
      action: 'number.assigned',
      targetType: 'number',
      targetId: id,
      detail: assignment,
      ip: clientIp(c),
    });
    return c.json({ number: view(number) });
  })
  .delete('/:id', validate('param', IdParamSchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const { id } = c.req.valid('param');
    const number = await findNumber(scope, id);
    if (!number || !(await deleteNumber(scope, id))) throw notFound('No such number.');
    await writeAudit(scope, {
      actorUserId: me.id,
      action: 'number.deleted',
      targetType: 'number',
      targetId: id,
      detail: { e164: number.e164 },
      ip: clientIp(c),
    });
    return c.json({ ok: true });
  });
