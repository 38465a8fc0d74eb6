import { createElement } from "react";
import { CourseCompleteEmail } from "../../emails/course-complete-email.tsx";
import { LessonEmail } from "../../emails/lesson-email.tsx";
import type { Config } from "../config.ts";
import { footerUrls } from "../mail/links.ts";
import { type Personal, personalise, type Template } from "../mail/personalise.ts";
import { closingSeries, lessonBySlug, lessonPlace } from "./course.ts";

/** The subject of the mail after the last lesson. */
export const COURSE_COMPLETE_SUBJECT = "Je hebt de hele reeks gelezen";

/**
 * The props of the course mail `ref` for one reader (a lesson's slug, or the series id of a
 * series' closing mail): the single source for both ways of rendering.
 */
export function mailElement(cfg: Config, ref: string, personal: Personal) {
  const links = footerUrls(cfg, personal);
  if (closingSeries(ref)) return createElement(CourseCompleteEmail, { firstName: personal.firstName, ...links });
  const lesson = lessonBySlug(ref);
  const place = lesson && lessonPlace(lesson);
  if (!lesson || !place) throw new Error(`no lesson "${ref}" to send in the course`);
  // Answers by number, not key: a key in a URL would tell request logs what the reader chose.
  const answerUrls = lesson.question.answers.map(
    (_, index) => `${cfg.PUBLIC_URL}/reflectie/${personal.answerToken}/${index + 1}`,
  );
  return createElement(LessonEmail, {
    lesson,
    totalLessons: place.total,
    firstName: personal.firstName,
    answerUrls,
    ...links,
  });
}

export function subjectFor(ref: string): string {
  return closingSeries(ref) ? COURSE_COMPLETE_SUBJECT : lessonBySlug(ref)!.title;
}

/** The course mail at `slug` for one reader, from the lesson's template (see personalise). */
export function personalisedMail(cfg: Config, ref: string, personal: Personal): Promise<Template> {
  return personalise(`${cfg.PUBLIC_URL}|course|${ref}`, (markers) => mailElement(cfg, ref, markers), personal);
}
