DROP INDEX `recipients_message`;--> statement-breakpoint
ALTER TABLE `message_recipients` ADD `claimed_at` integer;--> statement-breakpoint
ALTER TABLE `message_recipients` ADD `error` text;--> statement-breakpoint
CREATE INDEX `recipients_org_number` ON `message_recipients` (`org_id`,`number`);--> statement-breakpoint
CREATE INDEX `recipients_message` ON `message_recipients` (`message_id`,`status`);--> statement-breakpoint
ALTER TABLE `orgs` ADD `safe_number_sms_template` text;