ALTER TABLE `queues` ADD `service_level_target_percent` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `queues_org_name` ON `queues` (`org_id`,`name`);--> statement-breakpoint
ALTER TABLE `wrap_ups` ADD `updated_by` text;--> statement-breakpoint
CREATE UNIQUE INDEX `consult_categories_org_name` ON `consult_categories` (`org_id`,`name`);