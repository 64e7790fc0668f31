CREATE TABLE `channel_ari_dirty` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hotel_id` text NOT NULL,
	`channel_id` text,
	`room_type_id` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `channel_ari_dirty_hotel` ON `channel_ari_dirty` (`hotel_id`,`id`);--> statement-breakpoint
CREATE TABLE `channel_mappings` (
	`channel_id` text NOT NULL,
	`room_type_id` text NOT NULL,
	`rate_plan_id` text NOT NULL,
	`channel_room_code` text NOT NULL,
	`channel_rate_code` text NOT NULL,
	PRIMARY KEY(`channel_id`, `room_type_id`, `rate_plan_id`),
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_mappings_codes` ON `channel_mappings` (`channel_id`,`channel_room_code`,`channel_rate_code`);--> statement-breakpoint
CREATE TABLE `channel_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`hotel_id` text NOT NULL,
	`direction` text NOT NULL,
	`message_type` text NOT NULL,
	`outcome` text NOT NULL,
	`http_status` integer,
	`duration_ms` integer,
	`correlation_id` text,
	`request` text,
	`response` text,
	`detail` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `channel_messages_channel_created` ON `channel_messages` (`channel_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `channel_reservations` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`hotel_id` text NOT NULL,
	`channel_reservation_id` text NOT NULL,
	`reservation_id` text,
	`status` text NOT NULL,
	`last_kind` text NOT NULL,
	`last_digest` text NOT NULL,
	`data` text NOT NULL,
	`overbooked` integer NOT NULL,
	`problem` text,
	`card_brand` text,
	`card_last4` text,
	`card_expiry` text,
	`channel_collect` integer NOT NULL,
	`acknowledged_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_reservations_external` ON `channel_reservations` (`channel_id`,`channel_reservation_id`);--> statement-breakpoint
CREATE INDEX `channel_reservations_reservation` ON `channel_reservations` (`reservation_id`);--> statement-breakpoint
CREATE INDEX `channel_reservations_status` ON `channel_reservations` (`channel_id`,`status`);--> statement-breakpoint
CREATE TABLE `channels` (
	`id` text PRIMARY KEY NOT NULL,
	`hotel_id` text NOT NULL,
	`provider` text NOT NULL,
	`name` text,
	`endpoint_url` text NOT NULL,
	`endpoints` text NOT NULL,
	`credentials_sealed` text NOT NULL,
	`hotel_code` text NOT NULL,
	`auto_accept` integer NOT NULL,
	`enabled` integer NOT NULL,
	`mode` text NOT NULL,
	`sync_interval_seconds` integer NOT NULL,
	`pull_claimed_until` integer,
	`last_pulled_at` integer,
	`last_success_at` integer,
	`last_error_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `channels_hotel` ON `channels` (`hotel_id`);--> statement-breakpoint
CREATE INDEX `channels_enabled_mode` ON `channels` (`enabled`,`mode`);--> statement-breakpoint
ALTER TABLE `room_nights` ADD `overbooked` integer DEFAULT 0 NOT NULL;