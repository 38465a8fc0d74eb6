import { createElement } from "react";
import { CourseCompleteEmail } from "../../../emails/course-complete-email.tsx";
import { LessonEmail } from "../../../emails/lesson-email.tsx";
import type { Config } from "../../mechanisms/lib/config.ts";
import { footerUrls } from "../../mechanisms/mail/links.ts";
import type { Personal } from "../../mechanisms/mail/personalise.ts";
import { closingSeries, lessonBySlug, lessonPlace, seriesAfter } from "../course/course.ts";
import { lessonCredits, withText } from "../course/lesson-text.ts";

/**
 * The course mail `ref` for one reader (a lesson's slug, or the series id of a series'
 * closing mail), as a React element: the single source of what it shows; `after`, for a lesson,
 * is the reader's answer to the previous lesson, whose line (if the lesson has one) opens it. Rendered at build
 * time only (scripts/mail-templates.ts, with markers for reader and PUBLIC_URL); the Worker
 * fills in those templates and never imports this file.
 */
export function mailElement(cfg: Config, ref: string, personal: Personal, after?: string) {
  const links = footerUrls(cfg, personal);
  const series = closingSeries(ref);
  if (series)
    return createElement(CourseCompleteEmail, {
      firstName: personal.firstName,
      // A reader who answered none gets the mail without the look back (see composeCourseMail).
      answered: personal.answered && personal.answered !== "0" ? personal.answered : null,
      questions: series.lessons.length,
      seriesName: series.name,
      next: seriesAfter(series),
      ...links,
    });
  const lesson = lessonBySlug(ref);
  const place = lesson && lessonPlace(lesson);
  if (!lesson || !place) throw new Error(`no lesson "${ref}" to send in the course`);
  // Answers by number, not key: a key in a URL would tell request logs what the reader chose.
  const answerUrls = lesson.question.answers.map(
    (_, index) => `${cfg.PUBLIC_URL}/reflectie/${personal.answerToken}/${index + 1}`,
  );
  const whole = withText(lesson);
  return createElement(LessonEmail, {
    lesson: whole,
    totalLessons: place.total,
    credits: lessonCredits(whole),
    firstName: personal.firstName,
    answerUrls,
    opening: after === undefined ? undefined : lesson.after?.[after],
    ...links,
  });
}
