CREATE TABLE `hotel_integrations` (
	`hotel_id` text PRIMARY KEY NOT NULL,
	`booking_engine_enabled` integer DEFAULT true NOT NULL,
	`booking_engine_cache_ttl` integer,
	`booking_engine_timeout_ms` integer,
	`ota_enabled` integer DEFAULT true NOT NULL,
	`ota_providers` text,
	`ota_sync_interval` integer,
	`ota_auto_accept` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `channels` ADD `allowed_ips` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `hotel_payment_settings` ADD `payments_enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `dead_letters` ADD `hotel_id` text;--> statement-breakpoint
CREATE INDEX `dead_letters_hotel` ON `dead_letters` (`hotel_id`,`created_at`);