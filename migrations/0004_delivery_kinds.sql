ALTER TABLE `deliveries` RENAME COLUMN "lesson_slug" TO "ref";--> statement-breakpoint
DROP INDEX `deliveries_batch`;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `kind` text DEFAULT 'lesson' NOT NULL;--> statement-breakpoint
-- Written by hand: the closing mail was claimed as the pseudo-lesson 'afsluiting' before kinds existed.
UPDATE `deliveries` SET `kind` = 'closing' WHERE `ref` = 'afsluiting';--> statement-breakpoint
CREATE INDEX `deliveries_batch` ON `deliveries` (`batch_key`,`id`,`subscriber_id`,`kind`,`ref`);