import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ContentError, type Lesson, parseLessonFile, validateCourse } from "../worker/course/lesson-schema.ts";

/**
 * Reads and checks every lesson in `dir`: the course in course order, or every
 * mistake at once so the author can fix them in one go (the course-wide checks
 * need sound files, so they run only when every file is).
 */
export function readCourse(dir: string): { course: Lesson[]; errors: [] } | { course: null; errors: ContentError[] } {
  const lessons: Lesson[] = [];
  const errors: ContentError[] = [];
  for (const name of readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .sort()) {
    try {
      lessons.push(parseLessonFile(join(dir, name), readFileSync(join(dir, name), "utf8")));
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      errors.push(error);
    }
  }
  if (errors.length > 0) return { course: null, errors };
  try {
    return { course: validateCourse(lessons), errors: [] };
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return { course: null, errors: [error] };
  }
}
