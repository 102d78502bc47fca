// Consult categories (상담 업무, C7, C11): supervisors and org admins add, rename, order and switch
// them off; everyone in the contact center reads them (wrap-up forms, filters). Also the choices the
// contact-center screens offer (queues, categories, agents). Mounted at /api/cc/categories and /api/cc/options.
import { Hono } from 'hono';
import { CC_MANAGER_ROLES, CC_USER_ROLES } from '../../auth/cc-roles';
import { requireRole, requireUser } from '../../auth/session';
import { isUniqueViolation } from '../../db/constraints';
import { findCategory, findCategoryByName, insertCategory, listCategories, reorderCategories, updateCategory } from '../../db/consult-categories';
import { listQueueCandidates, listQueues } from '../../db/queues';
import type { AppEnv } from '../../env';
import { badRequest, conflict, fieldError, notFound } from '../../errors';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { CategoryCreateBody, CategoryOrderBody, CategoryPatchBody } from '../../../contract/requests/cc';

const nameTaken = () => conflict('A category of this name exists.', [fieldError('name', 'taken', 'A category of this name exists.')]);
const managers = requireRole(...CC_MANAGER_ROLES);

/** Mounted at /api/cc/categories. */
export const ccCategoryRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole(...CC_USER_ROLES))
  .get('/', async (c) => c.json({ categories: await listCategories(c.get('scope')) }))
  .post('/', managers, validate('json', CategoryCreateBody), async (c) => {
    const scope = c.get('scope');
    const input = c.req.valid('json');
    if (await findCategoryByName(scope, input.name)) throw nameTaken();
    const category = await insertCategory(scope, input).catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken() : err;
    });
    await audit(c, 'category.created', { targetType: 'category', targetId: category.id, detail: { name: category.name } });
    return c.json({ category }, 201);
  })
  // Before /:id, so "order" is never read as an id.
  .put('/order', managers, validate('json', CategoryOrderBody), async (c) => {
    const scope = c.get('scope');
    const { ids } = c.req.valid('json');
    const current = await listCategories(scope);
    const known = new Set(current.map((x) => x.id));
    const problems = ids.flatMap((id, i) => (known.has(id) ? [] : [fieldError(`ids.${i}`, 'not_in_org', 'No such category in your organisation.')]));
    if (problems.length > 0) throw badRequest('Unknown categories.', problems);
    if (new Set(ids).size !== ids.length || ids.length !== current.length)
      throw badRequest('List every category once.', [fieldError('ids', 'invalid', 'List every category once.')]);
    await reorderCategories(scope, ids);
    await audit(c, 'category.reordered', { targetType: 'category' });
    return c.json({ categories: await listCategories(scope) });
  })
  .patch('/:id', managers, validateId(), validate('json', CategoryPatchBody), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const before = await findCategory(scope, id);
    if (!before) throw notFound('No such category.');
    if (patch.name !== undefined && patch.name !== before.name && (await findCategoryByName(scope, patch.name))) throw nameTaken();
    const clean = Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined)) as typeof patch;
    const category = await updateCategory(scope, id, clean).catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken() : err;
    });
    if (!category) throw notFound('No such category.');
    const changed = (Object.keys(clean) as (keyof typeof clean)[]).filter((k) => clean[k] !== before[k]);
    await audit(c, 'category.updated', { targetType: 'category', targetId: id, detail: { changed } });
    return c.json({ category });
  });

/** Mounted at /api/cc/options: the choices of the contact-center screens, for everyone in it. */
export const ccOptionRoutes = new Hono<AppEnv>().use('*', requireUser, requireRole(...CC_USER_ROLES)).get('/', async (c) => {
  const scope = c.get('scope');
  const [queues, categories, agents] = await Promise.all([listQueues(scope), listCategories(scope), listQueueCandidates(scope)]);
  return c.json({ queues, categories, agents });
});
