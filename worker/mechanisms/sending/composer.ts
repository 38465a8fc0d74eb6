import { lessonBySlug } from "../../domain/course/course.ts";
import { CONFIRM_SUBJECT, composeConfirmation } from "../../domain/mails/confirmation.ts";
import { COURSE_COMPLETE_SUBJECT, composeCourseMail } from "../../domain/mails/course.ts";
import { composeNewsletter, issueSubject } from "../../domain/mails/newsletter.ts";
import { composeReaderLinks, READER_LINKS_SUBJECT } from "../../domain/mails/reader-links.ts";
import { composeWelcome, WELCOME_SUBJECT } from "../../domain/mails/welcome.ts";
import type { Database } from "../db/client.ts";
import type { DeliveryKind } from "../db/schema.ts";
import type { Config } from "../lib/config.ts";
import type { ComposedMail } from "../mail/transport.ts";
import type { BatchDelivery } from "./batches.ts";

/** How one kind of mail is made, and who it may still go to when its batch is first sent. */
export type Composer = {
  /** The reader's status a mail of this kind goes to; anyone else has left (or not yet arrived) and is skipped. */
  sendsTo: BatchDelivery["subscriberStatus"];
  /** The subject a mail of this kind had, for the reader's export and the author's view; also for a lesson the course no longer holds. */
  subject: (ref: string, db: Database) => string | Promise<string>;
  compose: (cfg: Config, delivery: BatchDelivery, db: Database) => Promise<ComposedMail>;
};

/** Every kind of mail the sending machinery knows, each with its one composer. */
export const composers: Record<DeliveryKind, Composer> = {
  confirmation: { sendsTo: "pending", subject: () => CONFIRM_SUBJECT, compose: composeConfirmation },
  welcome: { sendsTo: "active", subject: () => WELCOME_SUBJECT, compose: composeWelcome },
  lesson: { sendsTo: "active", subject: (slug) => lessonBySlug(slug)?.title ?? slug, compose: composeCourseMail },
  closing: { sendsTo: "active", subject: () => COURSE_COMPLETE_SUBJECT, compose: composeCourseMail },
  newsletter: { sendsTo: "active", subject: (id, db) => issueSubject(db, id), compose: composeNewsletter },
  links: { sendsTo: "active", subject: () => READER_LINKS_SUBJECT, compose: composeReaderLinks },
};
