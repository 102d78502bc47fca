// Org administration of virtual numbers (P2): list, add (E.164, unique platform-wide), assign to a
// user or a queue of the same org (or neither), delete. Every change is audited.
import { NUMBER_KINDS } from '../../../contract/vocabularies';
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole, requireUser } from '../../auth/session';
import { globalDb } from '../../db/client';
import { isUniqueViolation } from '../../db/constraints';
import { assignNumber, deleteNumber, findNumber, insertNumber, listNumbers, numberExistsAnywhere, type Assignment, type VirtualNumber } from '../../db/numbers';
import { queueInOrg } from '../../db/queues';
import { rebuildSnapshot } from '../../db/snapshot-compiler';
import type { OrgDb } from '../../db/scope';
import { findUser } from '../../db/users';
import type { AppEnv } from '../../env';
import { conflict, fieldError, invalidField, notFound } from '../../errors';
import { coded } from '../../fields';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { formatNational, PhoneSchema } from '../../phone';
import { AssignmentFields, NumberAssignBody, ONE_TARGET, oneTarget } from '../../../contract/requests/admin';

const CreateNumberSchema = v.pipe(
  v.object({
    e164: PhoneSchema,
    kind: v.optional(v.picklist(NUMBER_KINDS, coded('choice', 'Choose a known kind.')), 'safe_number'),
    ...AssignmentFields,
  }),
  v.forward(v.check(oneTarget, ONE_TARGET), ['queueId']),
);

function view(n: VirtualNumber) {
  return { id: n.id, e164: n.e164, national: formatNational(n.e164), kind: n.kind, ownerUserId: n.ownerUserId, queueId: n.queueId, paused: n.paused };
}

/** A user or queue id from another organisation reads exactly like one that does not exist. */
async function assertTargetsInOrg(scope: OrgDb, a: Assignment): Promise<void> {
  if (a.ownerUserId && !(await findUser(scope, a.ownerUserId))) {
    throw invalidField('ownerUserId', 'not_in_org', 'No such user in your organisation.');
  }
  if (a.queueId && !(await queueInOrg(scope, a.queueId))) {
    throw invalidField('queueId', 'not_in_org', 'No such queue in your organisation.');
  }
}

const taken = () => conflict('This number is already registered.', [fieldError('e164', 'taken', 'Already registered.')]);

/** Mounted at /api/admin/numbers. */
export const adminNumberRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole('org_admin', 'operator'))
  .get('/', async (c) => {
    const numbers = await listNumbers(c.get('scope'));
    return c.json({ numbers: numbers.map(view) });
  })
  .post('/', validate('json', CreateNumberSchema), async (c) => {
    const scope = c.get('scope');
    const input = c.req.valid('json');
    await assertTargetsInOrg(scope, input);
    if (await numberExistsAnywhere(globalDb(c.env), input.e164)) throw taken();
    const number = await insertNumber(scope, input).catch((err: unknown) => {
      throw isUniqueViolation(err) ? taken() : err;
    });
    // Compiled now, so the number routes from its first call.
    await rebuildSnapshot(c.env, number.id);
    await audit(c, 'number.created', {
      targetType: 'number',
      targetId: number.id,
      detail: { e164: number.e164, kind: number.kind, ownerUserId: number.ownerUserId, queueId: number.queueId },
    });
    return c.json({ number: view(number) }, 201);
  })
  .patch('/:id', validateId(), validate('json', NumberAssignBody), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const assignment = c.req.valid('json');
    if (!(await findNumber(scope, id))) throw notFound('No such number.');
    await assertTargetsInOrg(scope, assignment);
    const number = await assignNumber(scope, id, assignment);
    if (!number) throw notFound('No such number.');
    await rebuildSnapshot(c.env, number.id);
    await audit(c, 'number.assigned', { targetType: 'number', targetId: id, detail: assignment });
    return c.json({ number: view(number) });
  })
  .delete('/:id', validateId(), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const number = await findNumber(scope, id);
    if (!number || !(await deleteNumber(scope, id))) throw notFound('No such number.');
    await audit(c, 'number.deleted', { targetType: 'number', targetId: id, detail: { e164: number.e164 } });
    return c.json({ ok: true });
  });
