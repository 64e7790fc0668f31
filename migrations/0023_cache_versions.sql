CREATE TABLE `cache_versions` (
	`hotel_id` text PRIMARY KEY NOT NULL,
	`published_at` integer NOT NULL,
	`pending` integer DEFAULT 0 NOT NULL
);
