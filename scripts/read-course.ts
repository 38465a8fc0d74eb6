import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Course,
  parseSeriesFile,
  parseSourcesFile,
  RETIRED_DIR,
  type SeriesInfo,
  validateCourse,
} from "../worker/domain/course/course-schema.ts";
import { ContentError, type Lesson, parseLessonFile } from "../worker/domain/course/lesson-schema.ts";
import type { Article } from "../worker/domain/course/sources.ts";

function markdownIn(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith(".md"))
        .sort()
        .map((name) => join(dir, name))
    : [];
}

/**
 * Reads and checks the series (`series.yml`), the articles (`sources.yml`) and every lesson in
 * `dir` and `dir/retired`: the course, or every mistake at once so the author can fix them in one
 * go (the course-wide checks need sound files, so they run only when every file is).
 */
export function readCourse(dir: string): { course: Course; errors: [] } | { course: null; errors: ContentError[] } {
  const lessons: Lesson[] = [];
  const errors: ContentError[] = [];
  const files = { series: join(dir, "series.yml"), sources: join(dir, "sources.yml") };
  let series: SeriesInfo[] = [];
  let articles: Article[] = [];
  const attempt = (read: () => void) => {
    try {
      read();
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      errors.push(error);
    }
  };
  const readList = (file: string, field: string, parse: (file: string, raw: string) => void) =>
    attempt(() => {
      if (!existsSync(file)) throw new ContentError(file, field, "dit bestand ontbreekt");
      parse(file, readFileSync(file, "utf8"));
    });
  readList(files.series, "series", (file, raw) => {
    series = parseSeriesFile(file, raw);
  });
  readList(files.sources, "sources", (file, raw) => {
    articles = parseSourcesFile(file, raw);
  });
  for (const file of [...markdownIn(dir), ...markdownIn(join(dir, RETIRED_DIR))])
    attempt(() => lessons.push(parseLessonFile(file, readFileSync(file, "utf8"))));
  if (errors.length > 0) return { course: null, errors };
  try {
    return { course: validateCourse(files, series, lessons, articles), errors: [] };
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return { course: null, errors: [error] };
  }
}
