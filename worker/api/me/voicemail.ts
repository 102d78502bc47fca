// The signed-in staff member's voicemail switches (S20): GET and PUT /api/me/voicemail. A change
// reaches the next call at once (the owner's routing snapshots are marked stale).
import { Hono } from 'hono';
import { requireUser } from '../../auth/session';
import { markUserSnapshotsStale, refreshSnapshots } from '../../db/snapshot-refresh';
import { getVoicemailSettings, saveVoicemailSettings } from '../../db/voicemail-settings';
import type { AppEnv } from '../../env';
import { audit } from '../../http/audit';
import { validate } from '../../http/validate';
import { VoicemailSettingsBody } from '../../../contract/requests/me';

/** Mounted at /api/me/voicemail. */
export const voicemailSettingsRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => c.json({ voicemail: await getVoicemailSettings(c.get('scope'), c.get('user').id) }))
  .put('/', validate('json', VoicemailSettingsBody), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const next = c.req.valid('json');
    await saveVoicemailSettings(scope, me.id, next);
    await markUserSnapshotsStale(scope, me.id);
    c.executionCtx.waitUntil(refreshSnapshots(c.env));
    await audit(c, 'voicemail.settings_updated', { targetType: 'user', targetId: me.id, detail: next });
    return c.json({ voicemail: next });
  });
