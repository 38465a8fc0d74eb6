import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// One preview file per lesson of every series, so `email dev` lists the whole course; the template itself stays single.
const dir = "emails/course-preview";
const GENERATED = /^.+-\d{2}-.+\.tsx$/;

type Built = {
  series: { id: string; lessons: { order: number; slug: string; after?: Record<string, string> }[] }[];
};
const course = JSON.parse(readFileSync(".generated/course.json", "utf8")) as Built;
const lessons = course.series.flatMap((series) => series.lessons.map((lesson) => ({ series: series.id, ...lesson })));
// Each lesson as every reader gets it, and once more for each answer to the previous lesson it opens with a line for.
const previews = lessons.flatMap((lesson) => [
  { ...lesson, after: undefined },
  ...Object.keys(lesson.after ?? {}).map((after) => ({ ...lesson, after })),
]);
mkdirSync(dir, { recursive: true });
for (const name of readdirSync(dir).filter((name) => GENERATED.test(name))) rmSync(join(dir, name));
for (const { series, order, slug, after } of previews) {
  const file = `${series}-${String(order).padStart(2, "0")}-${slug}${after === undefined ? "" : `-na-${after}`}.tsx`;
  const props = [order, JSON.stringify(series), ...(after === undefined ? [] : [JSON.stringify(after)])].join(", ");
  writeFileSync(
    join(dir, file),
    `// Written by scripts/email-preview.ts from content/lessons; not committed.
import { lessonPreviewProps } from "../_components/preview-props.ts";
import { LessonEmail, type LessonEmailProps } from "../lesson-email.tsx";

export default function Preview(props: LessonEmailProps) {
  return <LessonEmail {...props} />;
}
Preview.PreviewProps = lessonPreviewProps(${props});
`,
  );
}
console.log(
  `email preview: ${lessons.length} lessons of ${course.series.length} series, ${previews.length - lessons.length} with last week's answer, in ${dir}/`,
);
