CREATE TABLE `newsletter_issues` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`subject` text NOT NULL,
	`preheader` text NOT NULL,
	`body` text NOT NULL,
	`question` text,
	`public` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	`send_at` integer,
	`claim_cursor` text,
	`claimed` integer DEFAULT 0 NOT NULL,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `newsletter_issues_slug` ON `newsletter_issues` (`slug`);--> statement-breakpoint
CREATE INDEX `newsletter_issues_due` ON `newsletter_issues` (`status`,`send_at`);--> statement-breakpoint
ALTER TABLE `subscribers` ADD `newsletter` integer DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX `subscribers_newsletter` ON `subscribers` (`status`,`newsletter`,`id`);--> statement-breakpoint
CREATE INDEX `deliveries_newsletter` ON `deliveries` (`ref`) WHERE "deliveries"."kind" = 'newsletter';