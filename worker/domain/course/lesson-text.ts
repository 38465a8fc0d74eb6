import whole from "../../../.generated/course.json" with { type: "json" };
import type { Course } from "./course-schema.ts";
import { type Credit, creditsOf } from "./credits.ts";
import type { CourseLesson, Lesson } from "./lesson-schema.ts";

const course = whole as Course;
const lessons = new Map(
  [...course.series.flatMap((series) => series.lessons), ...course.retired].map((lesson) => [lesson.slug, lesson]),
);

/**
 * A lesson whole, from the whole course (.generated/course.json): its text, preheader, exercise
 * and sources too. Only what is rendered at build time imports this (the mail templates and their
 * previews): the Worker carries none of those.
 */
export function withText(lesson: CourseLesson): Lesson {
  const whole = lessons.get(lesson.slug);
  if (whole === undefined) throw new Error(`lesson "${lesson.slug}" is not in .generated/course.json`);
  return { ...whole, ...lesson };
}

/** What the mail says a lesson is based on, one credit per source. */
export function lessonCredits(lesson: Lesson): Credit[] {
  return creditsOf(lesson.sources, course.articles);
}
