-- Hand-written: drizzle-kit rebuilds the table for a new CHECK (and its copy selects the column the old
-- table lacks); SQLite adds a column with a CHECK in place, and the default satisfies it for old rows.
ALTER TABLE `channel_reservations` ADD `version` integer DEFAULT 1 NOT NULL CONSTRAINT "channel_reservations_version_current" CHECK("version" >= 1);
