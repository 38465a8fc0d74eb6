import { CLOSING_BEFORE_SERIES } from "../../mechanisms/lib/links-from-before.ts";
import type { BuiltCourse, Series } from "./course-schema.ts";
import type { CourseLesson as Lesson } from "./lesson-schema.ts";

type CourseIndex = {
  bySlug: Map<string, Lesson>;
  byQuestion: Map<string, Lesson>;
  /** Series by id and by the ids they had before. */
  seriesById: Map<string, Series>;
  /** Retired lesson slug to the lesson that took its place. */
  successor: Map<string, string>;
  /** Each question's place in the course: series by series, then the retired lessons. */
  questionOrder: Map<string, number>;
};

function indexOf(built: BuiltCourse): CourseIndex {
  const lessons = [...built.series.flatMap((series) => series.lessons), ...built.retired];
  const bySlug = new Map<string, Lesson>();
  for (const lesson of lessons) for (const slug of [lesson.slug, ...(lesson.aliases ?? [])]) bySlug.set(slug, lesson);
  return {
    bySlug,
    byQuestion: new Map(lessons.map((lesson) => [lesson.question.id, lesson])),
    seriesById: new Map(
      built.series.flatMap((series) => [series.id, ...(series.aliases ?? [])].map((id) => [id, series] as const)),
    ),
    successor: new Map(
      lessons.flatMap((lesson) =>
        (lesson.replaces ?? []).map((old) => [bySlug.get(old)?.slug ?? old, lesson.slug] as const),
      ),
    ),
    questionOrder: new Map(lessons.map((lesson, place) => [lesson.question.id, place])),
  };
}

/**
 * What the course answers, over one built course: its lessons by slug and question, its series,
 * and each reader's next lesson. Deploying changed content is a new course and so new lookups.
 */
export function courseLookups(course: BuiltCourse) {
  const index = indexOf(course);
  const defaultSeries: Series = course.series[0]!;

  /** A lesson by its slug or a slug it had before, retired ones included: links in old mails still find it. */
  function lessonBySlug(slug: string): Lesson | null {
    return index.bySlug.get(slug) ?? null;
  }

  function lessonByQuestion(questionId: string): Lesson | null {
    return index.byQuestion.get(questionId) ?? null;
  }

  /** Where a lesson's question stands in the course (series by series, then retired lessons), or null for another question. */
  function questionPlace(questionId: string): number | null {
    return index.questionOrder.get(questionId) ?? null;
  }

  /** A series by id or an id it had before; null (a reader who never chose) is the first series. */
  function findSeries(id: string | null): Series | null {
    return id === null ? defaultSeries : (index.seriesById.get(id) ?? null);
  }

  /** The series offered after `series` ends: the next in series.yml, after the last the first; null when there is one. */
  function seriesAfter(series: Series): Series | null {
    if (course.series.length < 2) return null;
    const at = course.series.findIndex((candidate) => candidate.id === series.id);
    return course.series[(at + 1) % course.series.length]!;
  }

  /** The series a closing mail is of: its ref is the series id, or the slug closing mails had before there were series. */
  function closingSeries(ref: string): Series | null {
    return ref === CLOSING_BEFORE_SERIES ? defaultSeries : (index.seriesById.get(ref) ?? null);
  }

  /** Where a lesson stands in its series now ("les 3 van 8"), or null once it is retired. */
  function lessonPlace(lesson: Lesson): { series: Series; number: number; total: number } | null {
    const series = index.seriesById.get(lesson.series);
    const at = series ? series.lessons.indexOf(lesson) : -1;
    return series && at >= 0 ? { series, number: at + 1, total: series.lessons.length } : null;
  }

  /**
   * The slugs of `received` as the course names them now: a renamed lesson counts under its new
   * slug, and a retired lesson also as the lesson that took its place (and that one's successor).
   */
  function lessonsHad(received: readonly string[]): Set<string> {
    const had = new Set<string>();
    for (const slug of received) {
      let current: string | undefined = lessonBySlug(slug)?.slug ?? slug;
      while (current !== undefined && !had.has(current)) {
        had.add(current);
        current = index.successor.get(current);
      }
    }
    return had;
  }

  /** What a reader who has had `received` gets next in `series`: the first lesson, in today's order, they have not had. */
  function nextLesson(series: Series, received: readonly string[]): Lesson | null {
    const had = lessonsHad(received);
    return series.lessons.find((lesson) => !had.has(lesson.slug)) ?? null;
  }

  /** The lessons of `received` that are not of `series`: what a reader keeps when they begin that series again. */
  function withoutSeries(received: readonly string[], series: Series | null): string[] {
    return received.filter((slug) => !series || lessonBySlug(slug)?.series !== series.id);
  }

  return {
    course,
    defaultSeries,
    lessonBySlug,
    lessonByQuestion,
    questionPlace,
    findSeries,
    seriesAfter,
    closingSeries,
    lessonPlace,
    lessonsHad,
    nextLesson,
    withoutSeries,
  };
}
