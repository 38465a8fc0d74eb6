import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ContentError, parseLessonFile, validateCourse } from "../worker/course/lesson-schema.ts";

const dir = "content/lessons";
const checkOnly = process.argv.includes("--check");

try {
  const files = readdirSync(dir).filter((name) => name.endsWith(".md")).sort();
  const lessons = validateCourse(files.map((name) => parseLessonFile(join(dir, name), readFileSync(join(dir, name), "utf8"))));
  if (!checkOnly) {
    mkdirSync(".generated", { recursive: true });
    writeFileSync(".generated/course.json", JSON.stringify(lessons, null, 1));
  }
  console.log(`content: ${lessons.length} lessons are valid${checkOnly ? "" : " (.generated/course.json)"}`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(`content error in ${error.message}`);
  process.exit(1);
}
