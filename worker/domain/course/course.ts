import generated from "../../../.generated/worker-course.json" with { type: "json" };
import type { BuiltCourse } from "./course-schema.ts";
import { courseLookups } from "./lookups.ts";

export const {
  /** The course as built from `content/` and checked there (npm run content:build). */
  course,
  /** The series a reader starts with unless they choose another. */
  defaultSeries,
  lessonBySlug,
  lessonByQuestion,
  questionPlace,
  findSeries,
  seriesAfter,
  closingSeries,
  lessonPlace,
  lessonsHad,
  nextLesson,
  withoutSeries,
} = courseLookups(generated as BuiltCourse);
