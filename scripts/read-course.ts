import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ContentError,
  type Course,
  type Lesson,
  parseLessonFile,
  parseSeriesFile,
  type SeriesInfo,
  validateCourse,
} from "../worker/course/lesson-schema.ts";

/**
 * Reads and checks the series (`series.yml`) and every lesson in `dir`: the course, or every
 * mistake at once so the author can fix them in one go (the course-wide checks need sound
 * files, so they run only when every file is).
 */
export function readCourse(dir: string): { course: Course; errors: [] } | { course: null; errors: ContentError[] } {
  const lessons: Lesson[] = [];
  const errors: ContentError[] = [];
  const seriesFile = join(dir, "series.yml");
  let series: SeriesInfo[] = [];
  const attempt = (read: () => void) => {
    try {
      read();
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      errors.push(error);
    }
  };
  attempt(() => {
    if (!existsSync(seriesFile)) throw new ContentError(seriesFile, "series", "dit bestand ontbreekt");
    series = parseSeriesFile(seriesFile, readFileSync(seriesFile, "utf8"));
  });
  for (const name of readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .sort()) {
    attempt(() => lessons.push(parseLessonFile(join(dir, name), readFileSync(join(dir, name), "utf8"))));
  }
  if (errors.length > 0) return { course: null, errors };
  try {
    return { course: validateCourse(seriesFile, series, lessons), errors: [] };
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return { course: null, errors: [error] };
  }
}
