ALTER TABLE `payment_connections` ADD `refresh_lease_until` integer;--> statement-breakpoint
ALTER TABLE `payment_connections` ADD `refresh_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `payment_connections` ADD `next_refresh_at` integer;