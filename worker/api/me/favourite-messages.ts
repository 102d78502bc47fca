// Favourite messages (S15): texts a staff member saves to reuse in compose. Mounted at
// /api/me/favourite-messages.
import { Hono } from 'hono';
import { requireUser } from '../../auth/session';
import { countFavourites, deleteFavourite, insertFavourite, listFavourites, type FavouriteRow } from '../../db/messages';
import type { AppEnv } from '../../env';
import { ApiError, fieldError, notFound } from '../../errors';
import { validate, validateId } from '../../http/validate';
import { FavouriteMessageBody } from '../../../contract/requests/me';

export const FAVOURITES_MAX = 100;

const view = (f: FavouriteRow) => ({ id: f.id, title: f.title, text: f.text, createdAt: f.createdAt });

export const meFavouriteMessageRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => c.json({ favourites: (await listFavourites(c.get('scope'), c.get('user').id)).map(view) }))
  .post('/', validate('json', FavouriteMessageBody), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    if ((await countFavourites(scope, me.id)) >= FAVOURITES_MAX) {
      throw new ApiError(400, 'invalid', `At most ${FAVOURITES_MAX} favourites.`, [
        fieldError('title', 'list_full', 'The list is full.', { max: FAVOURITES_MAX }),
      ]);
    }
    return c.json({ favourite: view(await insertFavourite(scope, me.id, c.req.valid('json'))) }, 201);
  })
  .delete('/:id', validateId(), async (c) => {
    if (!(await deleteFavourite(c.get('scope'), c.get('user').id, c.req.valid('param').id))) throw notFound('No such favourite.');
    return c.json({ ok: true });
  });
