import { createElement } from "react";
import { CourseCompleteEmail } from "../../emails/course-complete-email.tsx";
import { LessonEmail } from "../../emails/lesson-email.tsx";
import type { Config } from "../config.ts";
import { footerUrls } from "../mail/links.ts";
import { type Personal, personalise, type Template } from "../mail/personalise.ts";
import { COURSE_COMPLETE, course, lessonBySlug } from "./course.ts";

/** The subject of the mail after the last lesson. */
export const COURSE_COMPLETE_SUBJECT = "Je hebt de hele reeks gelezen";

/** The props of the course mail at `slug` for one reader: the single source for both ways of rendering. */
export function mailElement(cfg: Config, slug: string, personal: Personal) {
  const links = footerUrls(cfg, personal);
  if (slug === COURSE_COMPLETE) return createElement(CourseCompleteEmail, { firstName: personal.firstName, ...links });
  const lesson = lessonBySlug(slug);
  if (!lesson) throw new Error(`no lesson "${slug}" in the course`);
  // Answers by number, not key: a key in a URL would tell request logs what the reader chose.
  const answerUrls = lesson.question.answers.map(
    (_, index) => `${cfg.PUBLIC_URL}/reflectie/${personal.answerToken}/${index + 1}`,
  );
  return createElement(LessonEmail, {
    lesson,
    totalLessons: course.length,
    firstName: personal.firstName,
    answerUrls,
    ...links,
  });
}

export function subjectFor(slug: string): string {
  return slug === COURSE_COMPLETE ? COURSE_COMPLETE_SUBJECT : lessonBySlug(slug)!.title;
}

/** The course mail at `slug` for one reader, from the lesson's template (see personalise). */
export function personalisedMail(cfg: Config, slug: string, personal: Personal): Promise<Template> {
  return personalise(`${cfg.PUBLIC_URL}|course|${slug}`, (markers) => mailElement(cfg, slug, markers), personal);
}
