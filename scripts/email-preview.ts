import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// One preview file per lesson, so `email dev` lists the whole course; the template itself stays single.
const dir = "emails/course-preview";
const GENERATED = /^\d{2}-.+\.tsx$/;

const course = JSON.parse(readFileSync(".generated/course.json", "utf8")) as { order: number; slug: string }[];
mkdirSync(dir, { recursive: true });
for (const name of readdirSync(dir).filter((name) => GENERATED.test(name))) rmSync(join(dir, name));
for (const { order, slug } of course) {
  const file = `${String(order).padStart(2, "0")}-${slug}.tsx`;
  writeFileSync(
    join(dir, file),
    `// Written by scripts/email-preview.ts from content/lessons; not committed.
import { lessonPreviewProps } from "../_components/preview-props.ts";
import { LessonEmail, type LessonEmailProps } from "../lesson-email.tsx";

export default function Preview(props: LessonEmailProps) {
  return <LessonEmail {...props} />;
}
Preview.PreviewProps = lessonPreviewProps(${order});
`,
  );
}
console.log(`email preview: ${course.length} lessons in ${dir}/`);
