ALTER TABLE `contacts` ADD `memo` text;--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_group_number` ON `contacts` (`user_id`,`group_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_ungrouped_number` ON `contacts` (`user_id`,`number`) WHERE "contacts"."group_id" IS NULL;