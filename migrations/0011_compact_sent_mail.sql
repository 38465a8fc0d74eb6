DROP INDEX `deliveries_batch`;--> statement-breakpoint
CREATE INDEX `deliveries_expiring` ON `deliveries` (`claimed_at`) WHERE "deliveries"."kind" <> 'lesson';--> statement-breakpoint
CREATE INDEX `deliveries_batch` ON `deliveries` (`batch_key`);--> statement-breakpoint
DROP INDEX `send_batches_open`;--> statement-breakpoint
ALTER TABLE `send_batches` ADD `sent_count` integer;--> statement-breakpoint
ALTER TABLE `send_batches` ADD `failed_count` integer;--> statement-breakpoint
ALTER TABLE `send_batches` ADD `skipped_count` integer;--> statement-breakpoint
CREATE INDEX `send_batches_to_compact` ON `send_batches` (`completed_at`) WHERE "send_batches"."sent_count" is null and "send_batches"."completed_at" is not null;--> statement-breakpoint
CREATE INDEX `send_batches_open` ON `send_batches` (`created_at`) WHERE "send_batches"."completed_at" is null;--> statement-breakpoint
ALTER TABLE `newsletter_issues` ADD `compacted_sent` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `newsletter_issues` ADD `compacted_failed` integer DEFAULT 0 NOT NULL;