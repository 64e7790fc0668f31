CREATE TABLE `alpinebits_deliveries` (
	`channel_id` text NOT NULL,
	`reservation_id` text NOT NULL,
	`delivered_version` integer NOT NULL,
	`delivered_digest` text NOT NULL,
	`delivered_status` text NOT NULL,
	`delivered_at` integer NOT NULL,
	`acked_version` integer,
	`acked_digest` text,
	`acked_status` text,
	`acked_at` integer,
	PRIMARY KEY(`channel_id`, `reservation_id`),
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
