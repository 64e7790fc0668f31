CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`key_prefix` text NOT NULL,
	`scopes` text NOT NULL,
	`hotel_ids` text,
	`allowed_origins` text NOT NULL,
	`allowed_ips` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `rate_nights` (
	`rate_plan_id` text NOT NULL,
	`room_type_id` text NOT NULL,
	`date` text NOT NULL,
	`hotel_id` text NOT NULL,
	`amount` integer,
	`min_stay` integer,
	`max_stay` integer,
	`closed` integer NOT NULL,
	`closed_to_arrival` integer NOT NULL,
	`closed_to_departure` integer NOT NULL,
	PRIMARY KEY(`rate_plan_id`, `room_type_id`, `date`)
);
--> statement-breakpoint
CREATE INDEX `rate_nights_hotel_date` ON `rate_nights` (`hotel_id`,`date`);--> statement-breakpoint
CREATE TABLE `room_nights` (
	`room_type_id` text NOT NULL,
	`date` text NOT NULL,
	`hotel_id` text NOT NULL,
	`inventory` integer NOT NULL,
	`taken` integer NOT NULL,
	PRIMARY KEY(`room_type_id`, `date`),
	CONSTRAINT "room_nights_taken_within_inventory" CHECK("room_nights"."taken" >= 0 AND "room_nights"."taken" <= "room_nights"."inventory")
);
--> statement-breakpoint
CREATE INDEX `room_nights_hotel_date` ON `room_nights` (`hotel_id`,`date`);--> statement-breakpoint
CREATE TABLE `hotels` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`currency` text NOT NULL,
	`address` text NOT NULL,
	`contact` text NOT NULL,
	`amenities` text NOT NULL,
	`policies` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rate_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`hotel_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`room_type_ids` text NOT NULL,
	`meal_plan` text NOT NULL,
	`cancellation_policy` text NOT NULL,
	`currency` text NOT NULL,
	`extra_adult_amount` integer NOT NULL,
	`extra_child_amount` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`hotel_id`) REFERENCES `hotels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rate_plans_hotel_code` ON `rate_plans` (`hotel_id`,`code`);--> statement-breakpoint
CREATE INDEX `rate_plans_hotel` ON `rate_plans` (`hotel_id`);--> statement-breakpoint
CREATE TABLE `room_types` (
	`id` text PRIMARY KEY NOT NULL,
	`hotel_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`max_adults` integer NOT NULL,
	`max_children` integer NOT NULL,
	`max_occupancy` integer NOT NULL,
	`base_occupancy` integer NOT NULL,
	`beds` text NOT NULL,
	`size_sqm` integer,
	`amenities` text NOT NULL,
	`images` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`hotel_id`) REFERENCES `hotels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `room_types_hotel_code` ON `room_types` (`hotel_id`,`code`);--> statement-breakpoint
CREATE TABLE `outbox_events` (
	`id` text PRIMARY KEY NOT NULL,
	`hotel_id` text NOT NULL,
	`type` text NOT NULL,
	`subject_id` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`published_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_unpublished` ON `outbox_events` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_hotel` ON `outbox_events` (`hotel_id`,`id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`principal_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`state` text NOT NULL,
	`response_status` integer,
	`response_body` text,
	`response_headers` text,
	`locked_until` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`principal_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_expires` ON `idempotency_keys` (`expires_at`);--> statement-breakpoint
CREATE TABLE `guests` (
	`id` text PRIMARY KEY NOT NULL,
	`hotel_id` text NOT NULL,
	`email` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`phone` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `guests_hotel_email` ON `guests` (`hotel_id`,`email`);--> statement-breakpoint
CREATE TABLE `reservation_rooms` (
	`reservation_id` text NOT NULL,
	`position` integer NOT NULL,
	`room_type_id` text NOT NULL,
	`rate_plan_id` text NOT NULL,
	`adults` integer NOT NULL,
	`children` integer NOT NULL,
	`total_amount` integer NOT NULL,
	`nightly` text NOT NULL,
	`cancellation_policy` text NOT NULL,
	PRIMARY KEY(`reservation_id`, `position`)
);
--> statement-breakpoint
CREATE TABLE `reservations` (
	`id` text PRIMARY KEY NOT NULL,
	`hotel_id` text NOT NULL,
	`confirmation_number` text NOT NULL,
	`status` text NOT NULL,
	`guest_id` text NOT NULL,
	`check_in` text NOT NULL,
	`check_out` text NOT NULL,
	`currency` text NOT NULL,
	`total_amount` integer NOT NULL,
	`amount_paid` integer NOT NULL,
	`cancellation_fee` integer,
	`special_requests` text,
	`source` text NOT NULL,
	`hold_expires_at` integer,
	`cancelled_at` integer,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "reservations_version_current" CHECK("reservations"."version" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reservations_confirmation_number_unique` ON `reservations` (`confirmation_number`);--> statement-breakpoint
CREATE INDEX `reservations_hotel_created` ON `reservations` (`hotel_id`,`id`);--> statement-breakpoint
CREATE INDEX `reservations_hotel_stay` ON `reservations` (`hotel_id`,`check_in`);--> statement-breakpoint
CREATE INDEX `reservations_guest` ON `reservations` (`guest_id`);--> statement-breakpoint
CREATE INDEX `reservations_hold` ON `reservations` (`status`,`hold_expires_at`);