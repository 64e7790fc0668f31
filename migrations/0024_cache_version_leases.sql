ALTER TABLE `cache_versions` ADD `lease_id` text;--> statement-breakpoint
ALTER TABLE `cache_versions` ADD `lease_until` integer;