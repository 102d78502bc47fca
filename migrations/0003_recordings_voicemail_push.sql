ALTER TABLE `orgs` ADD `recording_admin_access` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `personal_settings` ADD `voicemail_after_hours` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `personal_settings` ADD `voicemail_no_answer` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `push_subscriptions` ADD `user_agent` text;--> statement-breakpoint
CREATE INDEX `push_subscriptions_user` ON `push_subscriptions` (`org_id`,`user_id`);--> statement-breakpoint
ALTER TABLE `recordings` ADD `owner_user_id` text;--> statement-breakpoint
ALTER TABLE `recordings` ADD `channels` text;--> statement-breakpoint
ALTER TABLE `recordings` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `recordings` ADD `heard_at` integer;--> statement-breakpoint
CREATE INDEX `recordings_owner_kind` ON `recordings` (`org_id`,`owner_user_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `recordings_key` ON `recordings` (`r2_key`);