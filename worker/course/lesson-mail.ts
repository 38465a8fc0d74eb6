import { createElement } from "react";
import { CourseCompleteEmail } from "../../emails/course-complete-email.tsx";
import { LessonEmail } from "../../emails/lesson-email.tsx";
import type { Config } from "../config.ts";
import { footerUrls } from "../mail/links.ts";
import type { Personal } from "../mail/personalise.ts";
import { COURSE_COMPLETE, course, lessonBySlug } from "./course.ts";

/**
 * The course mail at `slug` for one reader, as a React element: the single source of what it
 * shows. Rendered at build time only (scripts/mail-templates.ts, with markers for reader and
 * PUBLIC_URL); the Worker fills in those templates and never imports this file.
 */
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
