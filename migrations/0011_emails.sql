CREATE TABLE `email_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`hotel_id` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`template_key` text NOT NULL,
	`language` text NOT NULL,
	`category` text NOT NULL,
	`reservation_id` text,
	`event_id` text,
	`to_address` text NOT NULL,
	`to_name` text NOT NULL,
	`variables` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_until` integer,
	`last_error` text,
	`subject` text,
	`message_id` text,
	`provider_message_id` text,
	`raw` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_outbox_dedupe` ON `email_outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `email_outbox_hotel` ON `email_outbox` (`hotel_id`,`id`);--> statement-breakpoint
CREATE INDEX `email_outbox_created` ON `email_outbox` (`created_at`);--> statement-breakpoint
CREATE TABLE `email_settings` (
	`hotel_id` text PRIMARY KEY NOT NULL,
	`language` text NOT NULL,
	`disabled` text NOT NULL,
	`pre_arrival_days` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `email_templates` (
	`hotel_id` text NOT NULL,
	`key` text NOT NULL,
	`language` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`hotel_id`, `key`, `language`)
);
