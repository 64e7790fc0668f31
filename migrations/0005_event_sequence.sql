CREATE TABLE `outbox_sequence` (
	`id` integer PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `outbox_events` ADD `seq` integer;--> statement-breakpoint
CREATE INDEX `outbox_seq` ON `outbox_events` (`seq`);--> statement-breakpoint
UPDATE `outbox_events` SET `seq` = `rowid`;--> statement-breakpoint
INSERT INTO `outbox_sequence` (`id`, `value`) SELECT 1, COALESCE(MAX(`seq`), 0) FROM `outbox_events`;
