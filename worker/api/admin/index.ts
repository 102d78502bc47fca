// The administrators' API (org_admin, operator): one Hono sub-app, mounted once at /api/admin by the
// entry. Each file here is one resource; this file only says where each sits.
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { adminSafeNumberSmsRoutes } from '../safe-number-sms';
import { adminAnnouncementChoiceRoutes, adminAnnouncementRoutes } from './announcements';
import { adminArchiveRoutes } from './archive';
import { adminAuditRoutes } from './audit';
import { adminNumberRoutes } from './numbers';
import { adminHolidayRoutes, adminOrgRoutes } from './org';
import { adminQueueRoutes } from './queues';
import { adminShieldRoutes } from './shield';
import { adminStaffSettingsRoutes } from './staff-settings';
import { adminTeamRoutes } from './teams';
import { adminUserRoutes } from './users';

export const adminRoutes = new Hono<AppEnv>()
  .route('/teams', adminTeamRoutes)
  .route('/users', adminUserRoutes)
  .route('/users', adminStaffSettingsRoutes)
  .route('/numbers', adminNumberRoutes)
  .route('/queues', adminQueueRoutes)
  .route('/org', adminOrgRoutes)
  .route('/holidays', adminHolidayRoutes)
  .route('/audit', adminAuditRoutes)
  .route('/archive', adminArchiveRoutes)
  .route('/announcements', adminAnnouncementRoutes)
  .route('/announcement-choices', adminAnnouncementChoiceRoutes)
  .route('/shield', adminShieldRoutes)
  .route('/safe-number-sms', adminSafeNumberSmsRoutes);
