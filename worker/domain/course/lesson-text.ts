import whole from "../../../.generated/course.json" with { type: "json" };
import type { Course } from "./course-schema.ts";
import type { CourseLesson, Lesson } from "./lesson-schema.ts";

const course = whole as Course;
const texts = new Map(
  [...course.series.flatMap((series) => series.lessons), ...course.retired].map((lesson) => [lesson.slug, lesson.body]),
);

/**
 * A lesson with its text, from the whole course (.generated/course.json). Only what is rendered
 * at build time imports this (the mail templates and their previews): the Worker carries no lesson text.
 */
export function withText(lesson: CourseLesson): Lesson {
  const body = texts.get(lesson.slug);
  if (body === undefined) throw new Error(`lesson "${lesson.slug}" is not in .generated/course.json`);
  return { ...lesson, body };
}
