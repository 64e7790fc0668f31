ALTER TABLE `channels` ADD `profile` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `channels` ADD `inbound_username` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `room_type_id` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `rate_plan_id` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `ical_import_url` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `ical_export_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `channels_inbound_username` ON `channels` (`provider`,`inbound_username`);