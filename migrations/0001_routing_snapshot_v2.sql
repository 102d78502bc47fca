ALTER TABLE `orgs` ADD `shield_limit` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orgs` ADD `shield_window_minutes` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `orgs` ADD `shield_cool_off_minutes` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `personal_settings` ADD `shield_limit` integer;--> statement-breakpoint
ALTER TABLE `personal_settings` ADD `shield_window_minutes` integer;--> statement-breakpoint
ALTER TABLE `personal_settings` ADD `shield_cool_off_minutes` integer;--> statement-breakpoint
ALTER TABLE `routing_snapshots` ADD `owner_user_id` text;--> statement-breakpoint
CREATE INDEX `list_entries_owner_number` ON `list_entries` (`org_id`,`user_id`,`number`);