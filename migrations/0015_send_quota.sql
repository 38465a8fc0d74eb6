CREATE TABLE `send_quota` (
	`provider` text PRIMARY KEY NOT NULL,
	`paused_until` integer,
	`paused_for` text,
	`paused_at` integer,
	`day` text DEFAULT '' NOT NULL,
	`day_claimed` integer DEFAULT 0 NOT NULL,
	`month` text DEFAULT '' NOT NULL,
	`month_claimed` integer DEFAULT 0 NOT NULL
);
