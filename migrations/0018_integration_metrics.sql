CREATE TABLE `integration_backlog` (
	`t` integer NOT NULL,
	`hotel_id` text NOT NULL,
	`outbox_pending` integer NOT NULL,
	`webhook_deliveries_pending` integer NOT NULL,
	`emails_pending` integer NOT NULL,
	`channel_ari_dirty` integer NOT NULL,
	`dead_letters` integer NOT NULL,
	PRIMARY KEY(`t`, `hotel_id`)
);
--> statement-breakpoint
CREATE INDEX `integration_backlog_hotel` ON `integration_backlog` (`hotel_id`,`t`);--> statement-breakpoint
CREATE TABLE `integration_metrics` (
	`bucket` integer NOT NULL,
	`integration` text NOT NULL,
	`direction` text NOT NULL,
	`hotel_id` text NOT NULL,
	`requests` integer NOT NULL,
	`errors` integer NOT NULL,
	`latency_total_ms` integer NOT NULL,
	`latency_max_ms` integer NOT NULL,
	`lat_25` integer DEFAULT 0 NOT NULL,
	`lat_50` integer DEFAULT 0 NOT NULL,
	`lat_100` integer DEFAULT 0 NOT NULL,
	`lat_250` integer DEFAULT 0 NOT NULL,
	`lat_500` integer DEFAULT 0 NOT NULL,
	`lat_1000` integer DEFAULT 0 NOT NULL,
	`lat_2500` integer DEFAULT 0 NOT NULL,
	`lat_5000` integer DEFAULT 0 NOT NULL,
	`lat_10000` integer DEFAULT 0 NOT NULL,
	`lat_inf` integer DEFAULT 0 NOT NULL,
	`last_success_at` integer,
	`last_error_at` integer,
	`last_error` text,
	PRIMARY KEY(`bucket`, `integration`, `direction`, `hotel_id`)
);
--> statement-breakpoint
CREATE INDEX `integration_metrics_hotel` ON `integration_metrics` (`hotel_id`,`bucket`);