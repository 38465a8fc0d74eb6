ALTER TABLE `enrollments` ADD `answered` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
UPDATE `enrollments` SET `answered` = (SELECT json_group_object(`question_id`, `answer_key`) FROM `answers` WHERE `answers`.`subscriber_id` = `enrollments`.`subscriber_id`) WHERE EXISTS (SELECT 1 FROM `answers` WHERE `answers`.`subscriber_id` = `enrollments`.`subscriber_id`);
