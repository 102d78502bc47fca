// A signed-in person's own API: one Hono sub-app, mounted once at /api/me by the entry. The safe
// number (issue 9: home, switches, settings, check, what-if, history), the profile, click-to-call,
// voicemail settings and messaging (issue 17). This file only says where each resource sits.
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { meSafeNumberSmsRoutes } from '../safe-number-sms';
import { meAnnouncementChoiceRoutes, meAnnouncementRoutes } from './announcements';
import { meBlockWindowRoutes } from './block-windows';
import { meCallRoutes } from './calls';
import { meFavouriteMessageRoutes } from './favourite-messages';
import { meHomeRoutes } from './home';
import { meListRoutes } from './lists';
import { meMessageRecipientRoutes, meMessageRoutes } from './messages';
import { meMobileRoutes } from './mobile';
import { meNumberCheckRoutes } from './number-check';
import { meOutboundRoutes } from './outbound';
import { profileRoutes } from './profile';
import { meScheduleRoutes } from './schedule';
import { meShieldRoutes } from './shield';
import { voicemailSettingsRoutes } from './voicemail';
import { meWhatIfRoutes } from './what-if';

export const meRoutes = new Hono<AppEnv>()
  .route('/profile', profileRoutes)
  .route('/', meHomeRoutes)
  .route('/schedule', meScheduleRoutes)
  .route('/block-windows', meBlockWindowRoutes)
  .route('/announcements', meAnnouncementRoutes)
  .route('/announcement-choices', meAnnouncementChoiceRoutes)
  .route('/list-entries', meListRoutes)
  .route('/mobile', meMobileRoutes)
  .route('/shield', meShieldRoutes)
  .route('/number-check', meNumberCheckRoutes)
  .route('/what-if', meWhatIfRoutes)
  .route('/calls', meCallRoutes)
  .route('/outbound-calls', meOutboundRoutes)
  .route('/voicemail', voicemailSettingsRoutes)
  .route('/messages', meMessageRoutes)
  .route('/message-recipients', meMessageRecipientRoutes)
  .route('/favourite-messages', meFavouriteMessageRoutes)
  .route('/safe-number-sms', meSafeNumberSmsRoutes);
