CREATE TABLE `claim_fences` (
	`lost` integer NOT NULL,
	CONSTRAINT "idempotency_claim_lost" CHECK("claim_fences"."lost" = 0)
);
