CREATE TABLE `guest_cards` (
	`id` text PRIMARY KEY NOT NULL,
	`hotel_id` text NOT NULL,
	`guest_id` text NOT NULL,
	`account` text NOT NULL,
	`square_customer_id` text NOT NULL,
	`square_card_id` text NOT NULL,
	`brand` text,
	`last4` text,
	`exp_month` integer,
	`exp_year` integer,
	`fingerprint` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `guest_cards_square_card_id_unique` ON `guest_cards` (`square_card_id`);--> statement-breakpoint
CREATE INDEX `guest_cards_guest` ON `guest_cards` (`hotel_id`,`guest_id`);--> statement-breakpoint
CREATE TABLE `guest_square_customers` (
	`guest_id` text NOT NULL,
	`account` text NOT NULL,
	`square_customer_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`guest_id`, `account`)
);
--> statement-breakpoint
CREATE TABLE `hotel_payment_settings` (
	`hotel_id` text PRIMARY KEY NOT NULL,
	`auto_refund_on_cancel` integer DEFAULT false NOT NULL,
	`hold_high_risk` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payment_connections` (
	`hotel_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`merchant_id` text NOT NULL,
	`location_id` text,
	`access_token_enc` text NOT NULL,
	`refresh_token_enc` text,
	`access_token_expires_at` integer NOT NULL,
	`scopes` text NOT NULL,
	`last_refreshed_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payment_connections_expiry` ON `payment_connections` (`status`,`access_token_expires_at`);--> statement-breakpoint
CREATE TABLE `payment_disputes` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_id` text NOT NULL,
	`hotel_id` text NOT NULL,
	`reservation_id` text NOT NULL,
	`provider_dispute_id` text NOT NULL,
	`state` text NOT NULL,
	`reason` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`evidence_due_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_disputes_provider_dispute_id_unique` ON `payment_disputes` (`provider_dispute_id`);--> statement-breakpoint
CREATE INDEX `payment_disputes_reservation` ON `payment_disputes` (`reservation_id`);--> statement-breakpoint
CREATE TABLE `payment_oauth_states` (
	`id` text PRIMARY KEY NOT NULL,
	`hotel_id` text NOT NULL,
	`code_verifier` text NOT NULL,
	`redirect_after` text,
	`created_by` text,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payment_refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_id` text NOT NULL,
	`hotel_id` text NOT NULL,
	`reservation_id` text NOT NULL,
	`status` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`reason` text,
	`square_idempotency_key` text NOT NULL,
	`provider_refund_id` text,
	`origin` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payment_refunds_amount_positive" CHECK("payment_refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `payment_refunds_payment` ON `payment_refunds` (`payment_id`);--> statement-breakpoint
CREATE INDEX `payment_refunds_reservation` ON `payment_refunds` (`reservation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `payment_refunds_square_key` ON `payment_refunds` (`square_idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `payment_refunds_provider_id` ON `payment_refunds` (`provider_refund_id`);--> statement-breakpoint
CREATE TABLE `payment_status_changes` (
	`payment_id` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`payment_id`, `status`)
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`hotel_id` text NOT NULL,
	`reservation_id` text NOT NULL,
	`status` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`refunded_amount` integer DEFAULT 0 NOT NULL,
	`source_kind` text NOT NULL,
	`account` text NOT NULL,
	`square_idempotency_key` text NOT NULL,
	`pending_request` text,
	`provider_payment_id` text,
	`autocomplete` integer NOT NULL,
	`held_for_review` integer DEFAULT false NOT NULL,
	`risk_level` text,
	`card_brand` text,
	`card_last4` text,
	`card_exp_month` integer,
	`card_exp_year` integer,
	`card_fingerprint` text,
	`receipt_url` text,
	`error_code` text,
	`error_detail` text,
	`disputed_amount` integer DEFAULT 0 NOT NULL,
	`guest_email` text,
	`client_ip` text,
	`created_by` text,
	`reconciled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "payments_amount_positive" CHECK("payments"."amount" > 0),
	CONSTRAINT "payments_refund_bounded" CHECK("payments"."refunded_amount" >= 0 AND "payments"."refunded_amount" <= "payments"."amount")
);
--> statement-breakpoint
CREATE INDEX `payments_reservation` ON `payments` (`reservation_id`,`id`);--> statement-breakpoint
CREATE INDEX `payments_hotel` ON `payments` (`hotel_id`,`id`);--> statement-breakpoint
CREATE INDEX `payments_status` ON `payments` (`status`,`updated_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_square_key` ON `payments` (`square_idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_id` ON `payments` (`provider_payment_id`);--> statement-breakpoint
CREATE INDEX `payments_fingerprint` ON `payments` (`card_fingerprint`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_guest_email` ON `payments` (`guest_email`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_client_ip` ON `payments` (`client_ip`,`created_at`);--> statement-breakpoint
CREATE TABLE `square_webhook_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`merchant_id` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `reservations` ADD `disputed_at` integer;