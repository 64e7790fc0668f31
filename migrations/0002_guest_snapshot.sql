ALTER TABLE `reservations` ADD `guest_first_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `reservations` ADD `guest_last_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `reservations` ADD `guest_email` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `reservations` ADD `guest_phone` text;--> statement-breakpoint
ALTER TABLE `reservations` ADD `created_by` text;--> statement-breakpoint
UPDATE `reservations` SET
  `guest_first_name` = (SELECT `first_name` FROM `guests` WHERE `guests`.`id` = `reservations`.`guest_id`),
  `guest_last_name` = (SELECT `last_name` FROM `guests` WHERE `guests`.`id` = `reservations`.`guest_id`),
  `guest_email` = (SELECT `email` FROM `guests` WHERE `guests`.`id` = `reservations`.`guest_id`),
  `guest_phone` = (SELECT `phone` FROM `guests` WHERE `guests`.`id` = `reservations`.`guest_id`)
WHERE EXISTS (SELECT 1 FROM `guests` WHERE `guests`.`id` = `reservations`.`guest_id`);
