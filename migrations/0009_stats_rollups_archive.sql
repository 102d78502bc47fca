CREATE TABLE `archive_parts` (
	`r2_key` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`dataset` text NOT NULL,
	`month` text NOT NULL,
	`rows` integer NOT NULL,
	`bytes` integer NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `archive_parts_org_month` ON `archive_parts` (`org_id`,`dataset`,`month`);--> statement-breakpoint
CREATE TABLE `cc_stats_hourly` (
	`org_id` text NOT NULL,
	`hour_start` integer NOT NULL,
	`queue_id` text DEFAULT '' NOT NULL,
	`agent_user_id` text DEFAULT '' NOT NULL,
	`category_id` text DEFAULT '' NOT NULL,
	`inbound` integer DEFAULT 0 NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`abandoned` integer DEFAULT 0 NOT NULL,
	`callbacks` integer DEFAULT 0 NOT NULL,
	`abandoned_long` integer DEFAULT 0 NOT NULL,
	`answered_within` integer DEFAULT 0 NOT NULL,
	`wait_count` integer DEFAULT 0 NOT NULL,
	`wait_sum_ms` integer DEFAULT 0 NOT NULL,
	`wait_max_ms` integer,
	`handled_count` integer DEFAULT 0 NOT NULL,
	`talk_sum_ms` integer DEFAULT 0 NOT NULL,
	`acw_sum_ms` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`org_id`, `hour_start`, `queue_id`, `agent_user_id`, `category_id`),
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `orgs` ADD `call_retention_months` integer DEFAULT 13 NOT NULL;--> statement-breakpoint
-- Backfill: the rollups of every inbound queue call already recorded (the same aggregate as worker/db/stats-rollups.ts).
INSERT INTO `cc_stats_hourly` (org_id, hour_start, queue_id, agent_user_id, category_id, inbound, answered, abandoned, callbacks, abandoned_long, answered_within, wait_count, wait_sum_ms, wait_max_ms, handled_count, talk_sum_ms, acw_sum_ms)
SELECT c.org_id, (c.started_at / 3600000) * 3600000, coalesce(c.queue_id, ''), coalesce(c.agent_user_id, ''), coalesce(w.category_id, ''),
  count(*),
  sum(case when c.answered_at is not null then 1 else 0 end),
  sum(case when c.outcome = 'abandoned' then 1 else 0 end),
  sum(case when c.outcome = 'callback' then 1 else 0 end),
  sum(case when c.outcome = 'abandoned' and coalesce(c.wait_ms, 0) >= o.short_abandon_seconds * 1000 then 1 else 0 end),
  sum(case when c.answered_at is not null and c.wait_ms <= coalesce(q.service_level_seconds, o.service_level_seconds) * 1000 then 1 else 0 end),
  count(c.wait_ms),
  coalesce(sum(c.wait_ms), 0),
  max(c.wait_ms),
  sum(case when c.answered_at is not null and c.duration_ms is not null then 1 else 0 end),
  coalesce(sum(case when c.answered_at is not null and c.duration_ms is not null then c.duration_ms end), 0),
  coalesce(sum(case when c.answered_at is not null and c.duration_ms is not null then coalesce(c.acw_ms, 0) end), 0)
FROM calls c
JOIN orgs o ON o.id = c.org_id
LEFT JOIN queues q ON q.id = c.queue_id AND q.org_id = c.org_id
LEFT JOIN wrap_ups w ON w.call_id = c.id AND w.org_id = c.org_id
WHERE c.kind = 'queue' AND c.direction = 'inbound'
GROUP BY 1, 2, 3, 4, 5;
