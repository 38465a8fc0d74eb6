import { defaultSeries, findSeries } from "../../worker/domain/course/course.ts";
import { lessonCredits, withText } from "../../worker/domain/course/lesson-text.ts";
import type { LessonEmailProps } from "../lesson-email.tsx";

const base = "http://localhost:8787";

/** Example links for previews: the shape of the real ones, pointing at the local dev server. */
export const previewLinks = {
  preferencesUrl: `${base}/voorkeuren/voorbeeld`,
  unsubscribeUrl: `${base}/afmelden/voorbeeld`,
  helpUrl: `${base}/hulp`,
  privacyUrl: `${base}/privacy`,
};

/**
 * The real lesson at `order` (1-based) of a series (the first by default) as a reader named Anna
 * would get it; with `after`, as she gets it after that answer to the previous lesson.
 */
export function lessonPreviewProps(order: number, seriesId = defaultSeries.id, after?: string): LessonEmailProps {
  const series = findSeries(seriesId);
  const lesson = series?.lessons[order - 1];
  if (!series || !lesson) throw new Error(`the course has no lesson ${order} in ${seriesId} (npm run content:build?)`);
  const whole = withText(lesson);
  return {
    lesson: whole,
    totalLessons: series.lessons.length,
    credits: lessonCredits(whole),
    firstName: "Anna",
    answerUrls: lesson.question.answers.map((answer) => `${base}/reflectie/voorbeeld/${answer.key}`),
    opening: after === undefined ? undefined : lesson.after?.[after],
    ...previewLinks,
  };
}
