ALTER TABLE `enrollments` ADD `answered` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
UPDATE `enrollments` SET `answered` = (SELECT json_group_object(`question_id`, `answer_key`) FROM `answers` WHERE `answers`.`subscriber_id` = `enrollments`.`subscriber_id`) WHERE EXISTS (SELECT 1 FROM `answers` WHERE `answers`.`subscriber_id` = `enrollments`.`subscriber_id`);
--> statement-breakpoint
CREATE TRIGGER `answers_copy_insert` AFTER INSERT ON `answers` BEGIN UPDATE `enrollments` SET `answered` = json_set(`answered`, '$."' || NEW.`question_id` || '"', NEW.`answer_key`) WHERE `subscriber_id` = NEW.`subscriber_id`; END;
--> statement-breakpoint
CREATE TRIGGER `answers_copy_update` AFTER UPDATE OF `answer_key` ON `answers` BEGIN UPDATE `enrollments` SET `answered` = json_set(`answered`, '$."' || NEW.`question_id` || '"', NEW.`answer_key`) WHERE `subscriber_id` = NEW.`subscriber_id`; END;
--> statement-breakpoint
CREATE TRIGGER `answers_copy_delete` AFTER DELETE ON `answers` BEGIN UPDATE `enrollments` SET `answered` = json_remove(`answered`, '$."' || OLD.`question_id` || '"') WHERE `subscriber_id` = OLD.`subscriber_id`; END;
