ALTER TABLE `payment_refunds` ADD `error_code` text;--> statement-breakpoint
ALTER TABLE `payment_refunds` ADD `error_detail` text;--> statement-breakpoint
ALTER TABLE `payment_refunds` ADD `reconciled_at` integer;--> statement-breakpoint
CREATE INDEX `payment_refunds_status` ON `payment_refunds` (`status`,`reconciled_at`);