CREATE TABLE `confirmation_throttle` (
	`mailbox_hash` text PRIMARY KEY NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `subscribers_email`;--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_email_lower` ON `subscribers` (lower("email"));