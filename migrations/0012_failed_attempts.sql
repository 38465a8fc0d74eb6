ALTER TABLE `send_batches` ADD `last_failed_at` integer;--> statement-breakpoint
ALTER TABLE `send_batches` ADD `last_failure` text;