import { parse as parseYaml } from "yaml";
import * as z from "zod";
import { CLOSING_BEFORE_SERIES } from "../../mechanisms/lib/links-from-before.ts";
import { ContentError, dutchReasons } from "./content-error.ts";
import { type CourseLesson, type Lesson, lessonSchema, slug } from "./lesson-schema.ts";
import { type Article, articleListSchema, articleSchema } from "./sources.ts";

/** One series as the author describes it in series.yml. */
const seriesInfoSchema = z.strictObject({
  id: slug,
  /** Ids the series had before: readers and closing mails stored under one still find it. */
  aliases: z.array(slug).optional(),
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().min(1).max(300),
});

/** series.yml: the series in the order readers are offered them; the first is where a new reader starts. */
const seriesListSchema = z.array(seriesInfoSchema).min(1, { error: "er staat nog geen reeks in" });

/** A series with its lessons in course order. */
const seriesSchema = seriesInfoSchema.extend({ lessons: z.array(lessonSchema).min(1) });

/** The course as the build checks it: the series, the lessons no longer sent, and the articles the lessons credit. */
export const courseSchema = z.strictObject({
  series: z.array(seriesSchema).min(1),
  retired: z.array(lessonSchema),
  articles: z.array(articleSchema),
});

export type SeriesInfo = z.infer<typeof seriesInfoSchema>;
export type Course = z.infer<typeof courseSchema>;
/** A series as the Worker carries it: its lessons without their text. */
export type Series = SeriesInfo & { lessons: CourseLesson[] };
/** The course as the Worker carries it (.generated/worker-course.json), checked at build time and not again. */
export type BuiltCourse = { series: Series[]; retired: CourseLesson[] };

/**
 * The course for the Worker: the lessons' text stays behind, since only the mail templates show
 * it and the build renders those. Most of the course's weight is that text.
 */
export function workerCourse(course: Course): BuiltCourse {
  const withoutText = ({
    body: _,
    exercise: _e,
    preheader: _p,
    file: _f,
    sources: _s,
    ...lesson
  }: Lesson): CourseLesson => lesson;
  return {
    series: course.series.map((series) => ({ ...series, lessons: series.lessons.map(withoutText) })),
    retired: course.retired.map(withoutText),
  };
}

/** The folder beside the lessons where retired ones live, kept so old mails' links still work. */
export const RETIRED_DIR = "retired";

function parseYamlList<T>(file: string, raw: string, schema: z.ZodType<T>, field: string): T {
  let data: unknown;
  try {
    data = parseYaml(raw);
  } catch (error) {
    throw new ContentError(file, field, `geen geldige YAML (${(error as Error).message.split("\n")[0]})`);
  }
  const result = schema.safeParse(data, { error: dutchReasons });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ContentError(file, issue.path.join(".") || field, issue.message);
  }
  return result.data;
}

/** Reads series.yml; throws a ContentError on any mistake. */
export function parseSeriesFile(file: string, raw: string): SeriesInfo[] {
  return parseYamlList(file, raw, seriesListSchema, "series");
}

/** Reads sources.yml, the articles lessons may credit; throws a ContentError on any mistake. */
export function parseSourcesFile(file: string, raw: string): Article[] {
  return parseYamlList(file, raw, articleListSchema, "sources");
}

/** Fails with the second file's name when a value is already taken by another. */
function unique(seen: Map<string | number, string>, file: string, field: string, value: string | number) {
  const other = seen.get(value);
  if (other) throw new ContentError(file, field, `"${value}" staat ook in ${other}`);
  seen.set(value, file);
}

/** The course's content files: the series and the articles, named in the messages an author reads. */
export type CourseFiles = { series: string; sources: string };

/**
 * Checks what spans files and builds the course: every slug, alias, series id and question id
 * used once (they name deliveries, links and answers for years), every lesson in a known series
 * and crediting known articles, what a lesson replaces retired, and each series' lessons ordered
 * 1..n without gaps (retired lessons no longer count).
 */
export function validateCourse(
  files: CourseFiles,
  seriesList: SeriesInfo[],
  lessons: Lesson[],
  articles: Article[],
): Course {
  if (lessons.length === 0) throw new ContentError(files.series, "lessons", "er staat nog geen les in");
  const names = new Map<string | number, string>([[CLOSING_BEFORE_SERIES, "de afsluitmail"]]);
  for (const info of seriesList)
    for (const [field, id] of [["id", info.id], ...(info.aliases ?? []).map((alias) => ["aliases", alias])] as const)
      unique(names, files.series, field, id);
  const articleIds = new Map<string | number, string>();
  for (const article of articles) unique(articleIds, files.sources, "id", article.id);
  const questions = new Map<string | number, string>();
  const sorted = [...lessons].sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
  for (const lesson of sorted) {
    if (lesson.file.split("/").includes(RETIRED_DIR) !== Boolean(lesson.retired))
      throw new ContentError(
        lesson.file,
        "retired",
        lesson.retired
          ? `een les met retired: true hoort in de map ${RETIRED_DIR}/`
          : "een les in retired/ heeft retired: true",
      );
    unique(names, lesson.file, "slug", lesson.slug);
    for (const alias of lesson.aliases ?? []) unique(names, lesson.file, "aliases", alias);
    unique(questions, lesson.file, "question.id", lesson.question.id);
    if (!seriesList.some((info) => info.id === lesson.series))
      throw new ContentError(lesson.file, "series", `"${lesson.series}" staat niet in ${files.series}`);
    lesson.sources.forEach(({ article }, index) => {
      if (!articleIds.has(article))
        throw new ContentError(lesson.file, `sources.${index}.article`, `"${article}" staat niet in ${files.sources}`);
    });
  }
  checkReplaces(sorted);
  const series = seriesList.map((info) => {
    const current = sorted.filter((lesson) => lesson.series === info.id && !lesson.retired);
    if (current.length === 0) throw new ContentError(files.series, info.id, "deze reeks heeft nog geen les");
    const orders = new Map<string | number, string>();
    current.forEach((lesson, index) => {
      unique(orders, lesson.file, "order", lesson.order);
      if (lesson.order !== index + 1)
        throw new ContentError(
          lesson.file,
          "order",
          `verwacht ${index + 1}: de volgorde moet zonder gaten bij 1 beginnen`,
        );
    });
    checkAfter(current);
    return { ...info, lessons: current };
  });
  return { series, retired: sorted.filter((lesson) => lesson.retired), articles };
}

/** A lesson replaces only retired lessons, and each retired lesson has at most one successor. */
function checkReplaces(lessons: Lesson[]) {
  const retired = new Set(
    lessons.filter((lesson) => lesson.retired).flatMap((lesson) => [lesson.slug, ...(lesson.aliases ?? [])]),
  );
  const taken = new Map<string | number, string>();
  for (const lesson of lessons)
    for (const old of lesson.replaces ?? []) {
      if (!retired.has(old)) throw new ContentError(lesson.file, "replaces", `"${old}" is geen les met retired: true`);
      unique(taken, lesson.file, "replaces", old);
    }
}

/** `after` names answers of the lesson just before it in the series, so the first lesson has none. */
function checkAfter(lessons: Lesson[]) {
  lessons.forEach((lesson, index) => {
    if (!lesson.after) return;
    const previous = lessons[index - 1];
    if (!previous) throw new ContentError(lesson.file, "after", "de eerste les van een reeks volgt op geen antwoord");
    const keys = previous.question.answers.map((answer) => answer.key);
    for (const key of Object.keys(lesson.after))
      if (!keys.includes(key))
        throw new ContentError(
          lesson.file,
          `after.${key}`,
          `"${key}" is geen antwoord van de vorige les (${previous.slug}): kies uit ${keys.join(", ")}`,
        );
  });
}
