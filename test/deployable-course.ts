import generated from "../.generated/course.json" with { type: "json" };
import { type BuiltCourse, courseSchema, workerCourse } from "../worker/domain/course/course-schema.ts";
import { courseLookups } from "../worker/domain/course/lookups.ts";

/**
 * worker/domain/course/course.ts as the Worker under test sees it (vitest.config.ts puts this
 * module in its place): the same lookups over the fixture course, trimmed as the build trims it, and `deployCourse` to put
 * another course in place, as deploying changed content does, for tests that prove a content
 * change is safe for readers on their way. Exported with `let`, so every importer sees the
 * course deployed last.
 */
export let {
  course,
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
} = courseLookups(workerCourse(courseSchema.parse(generated)));

/** Puts another course in place for every module of the Worker under test. */
export function deployCourse(next: BuiltCourse): void {
  ({
    course,
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
  } = courseLookups(next));
}
