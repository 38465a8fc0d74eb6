ALTER TABLE `send_batches` ADD `may_have_sent` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `send_batches` ADD `generation` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Written by hand: a batch attempted before this migration may have reached Resend; its retries keep their payload.
UPDATE `send_batches` SET `may_have_sent` = true WHERE `attempted_ids` IS NOT NULL AND `completed_at` IS NULL;
