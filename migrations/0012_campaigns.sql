CREATE TABLE `email_campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`hotel_id` text NOT NULL,
	`name` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`audience` text NOT NULL,
	`send_at` integer NOT NULL,
	`status` text NOT NULL,
	`cursor` text,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `email_campaigns_hotel` ON `email_campaigns` (`hotel_id`,`id`);--> statement-breakpoint
CREATE INDEX `email_campaigns_due` ON `email_campaigns` (`status`,`send_at`);--> statement-breakpoint
CREATE TABLE `email_suppressions` (
	`hotel_id` text NOT NULL,
	`email` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`hotel_id`, `email`)
);
--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `campaign_id` text;--> statement-breakpoint
CREATE INDEX `email_outbox_campaign` ON `email_outbox` (`campaign_id`,`status`);--> statement-breakpoint
ALTER TABLE `guests` ADD `marketing_opt_in` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `guests` ADD `country` text;--> statement-breakpoint
ALTER TABLE `guests` ADD `language` text;