CREATE TABLE `answer_sweeps` (
	`subscriber_id` text NOT NULL,
	`question_id` text NOT NULL,
	`until` integer NOT NULL,
	PRIMARY KEY(`subscriber_id`, `question_id`),
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `confirmation_throttle` (
	`mailbox_hash` text PRIMARY KEY NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `subscribers_email`;--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_email_lower` ON `subscribers` (lower("email"));--> statement-breakpoint
ALTER TABLE `answers` ADD `previous_answer_key` text;