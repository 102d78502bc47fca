ALTER TABLE `agent_state_history` ADD `changed_by` text;--> statement-breakpoint
ALTER TABLE `agent_state_history` ADD `note` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `acw_ms` integer;--> statement-breakpoint
ALTER TABLE `orgs` ADD `acw_limit_seconds` integer;--> statement-breakpoint
ALTER TABLE `orgs` ADD `short_abandon_seconds` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `orgs` ADD `service_level_target_percent` integer DEFAULT 80 NOT NULL;--> statement-breakpoint
ALTER TABLE `queues` ADD `strategy` text DEFAULT 'longest_idle' NOT NULL;--> statement-breakpoint
ALTER TABLE `queues` ADD `service_level_seconds` integer;--> statement-breakpoint
ALTER TABLE `queues` ADD `announce_interval_seconds` integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE `queues` ADD `agent_state_after_call` text;--> statement-breakpoint
ALTER TABLE `queues` ADD `acw_limit_seconds` integer;