import { course } from "../../worker/course/course.ts";
import type { LessonEmailProps } from "../lesson-email.tsx";

const base = "http://localhost:8787";

/** Example links for previews: the shape of the real ones, pointing at the local dev server. */
export const previewLinks = {
  preferencesUrl: `${base}/voorkeuren/voorbeeld`,
  unsubscribeUrl: `${base}/afmelden/voorbeeld`,
  helpUrl: `${base}/hulp`,
};

/** The real lesson at `order` (1-based) as a reader named Anna would get it. */
export function lessonPreviewProps(order: number): LessonEmailProps {
  const lesson = course[order - 1];
  if (!lesson) throw new Error(`the course has no lesson ${order} (npm run content:build?)`);
  return {
    lesson,
    totalLessons: course.length,
    firstName: "Anna",
    answerUrls: lesson.question.answers.map((answer) => `${base}/reflectie/voorbeeld/${answer.key}`),
    ...previewLinks,
  };
}
