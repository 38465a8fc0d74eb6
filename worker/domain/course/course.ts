import generated from "../../../.generated/course.json" with { type: "json" };
import { courseSchema } from "./course-schema.ts";
import { courseLookups } from "./lookups.ts";

export const {
  /** The course as built from `content/` (npm run content:build), checked again when the Worker starts. */
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
  lessonCredits,
  nextLesson,
  withoutSeries,
} = courseLookups(courseSchema.parse(generated));
