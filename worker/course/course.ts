import generated from "../../.generated/course.json" with { type: "json" };
import { courseSchema, type Lesson } from "./lesson-schema.ts";

/** The course as built from `content/` (npm run content:build), checked again when the Worker starts. */
export const course: readonly Lesson[] = courseSchema.parse(generated);

const bySlug = new Map(course.map((lesson) => [lesson.slug, lesson]));
const byQuestion = new Map(course.map((lesson) => [lesson.question.id, lesson]));

/** The slug the closing mail is delivered under, once the last lesson has gone out. */
export const COURSE_COMPLETE = "afsluiting";

export function lessonBySlug(slug: string): Lesson | null {
  return bySlug.get(slug) ?? null;
}

export function lessonByQuestion(questionId: string): Lesson | null {
  return byQuestion.get(questionId) ?? null;
}

/** What a reader gets at a course position: a lesson, then the closing mail, then nothing more. */
export function slugAtPosition(position: number): string | null {
  if (position < course.length) return course[position]!.slug;
  return position === course.length ? COURSE_COMPLETE : null;
}
