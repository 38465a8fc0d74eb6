CREATE TABLE `answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscriber_id` text NOT NULL,
	`question_id` text NOT NULL,
	`answer_key` text NOT NULL,
	`note` text,
	`share_note` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_reader_question` ON `answers` (`subscriber_id`,`question_id`);--> statement-breakpoint
CREATE INDEX `answers_question` ON `answers` (`question_id`,`answer_key`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscriber_id` text NOT NULL,
	`source` text NOT NULL,
	`privacy_version` text NOT NULL,
	`ip_hash` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `consents_subscriber` ON `consents` (`subscriber_id`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`subscriber_id` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`batch_key` text NOT NULL,
	`due_at` integer NOT NULL,
	`claimed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `deliveries_batch` ON `deliveries` (`batch_key`,`id`,`subscriber_id`,`lesson_slug`);--> statement-breakpoint
CREATE TABLE `enrollments` (
	`subscriber_id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`next_send_at` integer,
	`send_hour` integer DEFAULT 7 NOT NULL,
	`paused_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `enrollments_due` ON `enrollments` (`state`,`next_send_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`to` text NOT NULL,
	`from` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`headers` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_created` ON `outbox` (`created_at`);--> statement-breakpoint
CREATE TABLE `send_batches` (
	`key` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`attempted_ids` text,
	`outcomes` text,
	`completed_at` integer
);
--> statement-breakpoint
CREATE INDEX `send_batches_open` ON `send_batches` (`completed_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `subscribers` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`first_name` text,
	`status` text NOT NULL,
	`confirm_token_hash` text,
	`confirm_expires_at` integer,
	`confirm_sent_at` integer,
	`unsubscribe_token_hash` text NOT NULL,
	`preferences_token_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`confirmed_at` integer,
	`unsubscribed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_email` ON `subscribers` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_confirm_token` ON `subscribers` (`confirm_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_unsubscribe_token` ON `subscribers` (`unsubscribe_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_preferences_token` ON `subscribers` (`preferences_token_hash`);--> statement-breakpoint
CREATE INDEX `subscribers_pending` ON `subscribers` (`status`,`confirm_expires_at`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`email_hash` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`svix_id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
