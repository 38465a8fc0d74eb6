import type { Composers } from "../../mechanisms/sending/composer.ts";
import { lessonBySlug } from "../course/course.ts";
import { CONFIRM_SUBJECT, composeConfirmation } from "./confirmation.ts";
import { COURSE_COMPLETE_SUBJECT, composeCourseMail } from "./course.ts";
import { composeNewsletter, issueSubject } from "./newsletter.ts";
import { composeReaderLinks, READER_LINKS_SUBJECT } from "./reader-links.ts";
import { composeWelcome, WELCOME_SUBJECT } from "./welcome.ts";

/** Every kind of mail the sending machinery knows, each with its one composer. */
export const composers: Composers = {
  confirmation: { sendsTo: "pending", subject: () => CONFIRM_SUBJECT, compose: composeConfirmation },
  welcome: { sendsTo: "active", subject: () => WELCOME_SUBJECT, compose: composeWelcome },
  lesson: {
    sendsTo: "active",
    subject: (slug) => lessonBySlug(slug)?.title ?? slug,
    compose: composeCourseMail,
  },
  closing: { sendsTo: "active", subject: () => COURSE_COMPLETE_SUBJECT, compose: composeCourseMail },
  newsletter: { sendsTo: "active", subject: (id, db) => issueSubject(db, id), compose: composeNewsletter },
  links: { sendsTo: "active", subject: () => READER_LINKS_SUBJECT, compose: composeReaderLinks },
};
