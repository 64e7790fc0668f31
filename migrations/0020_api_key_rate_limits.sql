ALTER TABLE `api_keys` ADD `rate_limit_read` integer;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `rate_limit_write` integer;