ALTER TABLE `channel_ari_dirty` ADD `availability` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `channel_ari_dirty` ADD `rates` integer DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_subject` ON `outbox_events` (`subject_id`,`seq`);