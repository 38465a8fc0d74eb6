import { mkdirSync, writeFileSync } from "node:fs";
import { workerCourse } from "../worker/domain/course/course-schema.ts";
import { buildMailTemplates } from "./build-mail-templates.ts";
import { readCourse } from "./read-course.ts";

const checkOnly = process.argv.includes("--check");
const { course, errors } = readCourse("content/lessons");
if (!course) {
  for (const error of errors) console.error(`content error in ${error.message}`);
  process.exit(1);
}
if (!checkOnly) {
  mkdirSync(".generated", { recursive: true });
  writeFileSync(".generated/course.json", JSON.stringify(course, null, 1));
  // The Worker's own: without the lessons' text, which only the mail templates rendered here show.
  writeFileSync(".generated/worker-course.json", JSON.stringify(workerCourse(course)));
  const templates = await buildMailTemplates(".generated/course.json", ".generated/mail-templates.json");
  console.log(`content: ${templates} mail templates rendered (.generated/mail-templates.json)`);
}
const lessons = course.series.reduce((sum, series) => sum + series.lessons.length, 0);
console.log(
  `content: ${course.series.length} series, ${lessons} lessons${course.retired.length ? ` (+${course.retired.length} retired)` : ""} are valid${checkOnly ? "" : " (.generated/course.json)"}`,
);
