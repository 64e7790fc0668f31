CREATE TABLE `audit_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`hotel_id` text,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text,
	`entity_id` text,
	`request_id` text,
	`ip` text,
	`outcome` text NOT NULL,
	`status` integer,
	`changes` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_logs_hotel_created` ON `audit_logs` (`hotel_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_logs_entity` ON `audit_logs` (`entity_type`,`entity_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_logs_actor` ON `audit_logs` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_logs_created` ON `audit_logs` (`created_at`);