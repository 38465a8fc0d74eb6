DROP INDEX `deliveries_batch`;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `round` integer;--> statement-breakpoint
CREATE INDEX `deliveries_batch` ON `deliveries` (`batch_key`,`id`,`subscriber_id`,`kind`,`ref`,`round`);--> statement-breakpoint
ALTER TABLE `enrollments` ADD `series` text;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `received` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `last_lesson_at` integer;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `weekday` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `time_zone` text DEFAULT 'Europe/Amsterdam' NOT NULL;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `pace` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `round` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Progress moves from a position in the lesson list to the lessons each reader was actually sent,
-- which the deliveries hold (in the order they were due), so no lesson is lost or repeated.
UPDATE `enrollments` SET `received` = coalesce((SELECT json_group_array(`ref`) FROM (SELECT `ref` FROM `deliveries` WHERE `deliveries`.`subscriber_id` = `enrollments`.`subscriber_id` AND `deliveries`.`kind` = 'lesson' ORDER BY `due_at`, `claimed_at`)), '[]');--> statement-breakpoint
UPDATE `enrollments` SET `last_lesson_at` = (SELECT max(`claimed_at`) FROM `deliveries` WHERE `deliveries`.`subscriber_id` = `enrollments`.`subscriber_id` AND `deliveries`.`kind` IN ('lesson', 'closing'));--> statement-breakpoint
-- Each reader keeps the weekday their lessons came on: send hours (6 to 22 in Amsterdam) fall on the same day in UTC.
UPDATE `enrollments` SET `weekday` = (CAST(strftime('%w', coalesce(`next_send_at`, `last_lesson_at`, `created_at`) / 1000, 'unixepoch') AS integer) + 6) % 7 + 1;--> statement-breakpoint
ALTER TABLE `enrollments` DROP COLUMN `position`;