CREATE TABLE `event_deliveries` (
	`event_id` text NOT NULL,
	`subscriber` text NOT NULL,
	`delivered_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `subscriber`)
);
--> statement-breakpoint
CREATE INDEX `event_deliveries_time` ON `event_deliveries` (`delivered_at`);--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`message_id` text NOT NULL,
	`job_type` text,
	`payload` text NOT NULL,
	`reason` text NOT NULL,
	`error` text,
	`attempts` integer NOT NULL,
	`created_at` integer NOT NULL,
	`replayed_at` integer
);
--> statement-breakpoint
CREATE INDEX `dead_letters_created` ON `dead_letters` (`created_at`);--> statement-breakpoint
CREATE INDEX `dead_letters_message` ON `dead_letters` (`queue`,`message_id`);--> statement-breakpoint
ALTER TABLE `outbox_events` ADD `claimed_until` integer;--> statement-breakpoint
CREATE INDEX `outbox_created` ON `outbox_events` (`created_at`);