import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ContentError, type Lesson, parseLessonFile, validateCourse } from "../worker/course/lesson-schema.ts";

const dir = "content/lessons";
const checkOnly = process.argv.includes("--check");

function fail(errors: ContentError[]): never {
  for (const error of errors) console.error(`content error in ${error.message}`);
  process.exit(1);
}

const files = readdirSync(dir)
  .filter((name) => name.endsWith(".md"))
  .sort();
const lessons: Lesson[] = [];
const errors: ContentError[] = [];
for (const name of files) {
  try {
    lessons.push(parseLessonFile(join(dir, name), readFileSync(join(dir, name), "utf8")));
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    errors.push(error);
  }
}
// Every broken file at once, so the author can fix them in one go; the course-wide checks need sound files.
if (errors.length > 0) fail(errors);

let course: Lesson[];
try {
  course = validateCourse(lessons);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  fail([error]);
}
if (!checkOnly) {
  mkdirSync(".generated", { recursive: true });
  writeFileSync(".generated/course.json", JSON.stringify(course, null, 1));
}
console.log(`content: ${course.length} lessons are valid${checkOnly ? "" : " (.generated/course.json)"}`);
