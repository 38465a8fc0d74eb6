import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ContentError, dutchReasons } from "./content-error.ts";

export { ContentError } from "./content-error.ts";

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "gebruik kleine letters, cijfers en streepjes (kebab-case)");

/** Longest subject line that still shows whole in a phone's inbox list. */
export const MAX_SUBJECT_LENGTH = 60;
/** A lesson reads in a few calm minutes: not a teaser, not an article. */
export const MIN_WORDS = 250;
/** More than this no longer reads as one calm weekly mail. */
export const MAX_WORDS = 600;
const MIN_ANSWERS = 2;
const MAX_ANSWERS = 5;

const answerSchema = z.strictObject({
  // Links name answers by number (1, 2, ...) and older links by key: a key must never look like a number.
  key: slug.max(32).refine((key) => !/^[0-9]+$/.test(key), "een antwoord-sleutel is een woord, geen getal"),
  label: z.string().trim().min(1).max(40),
});

const answersSchema = z
  .array(answerSchema)
  .min(MIN_ANSWERS, {
    error: (issue) =>
      `een vraag heeft ${MIN_ANSWERS} tot ${MAX_ANSWERS} antwoorden, deze heeft er ${(issue.input as unknown[]).length}`,
  })
  .max(MAX_ANSWERS, {
    error: (issue) =>
      `een vraag heeft ${MIN_ANSWERS} tot ${MAX_ANSWERS} antwoorden, deze heeft er ${(issue.input as unknown[]).length}`,
  })
  .superRefine((answers, ctx) => {
    const seen = new Set<string>();
    answers.forEach((answer, index) => {
      if (seen.has(answer.key))
        ctx.addIssue({
          code: "custom",
          path: [index, "key"],
          message: `antwoord-sleutel "${answer.key}" komt twee keer voor`,
        });
      seen.add(answer.key);
    });
  });

/** One lesson file's frontmatter, as the author writes it. */
export const frontmatterSchema = z.strictObject({
  slug,
  /** Slugs this lesson had before: readers who had it under an old slug have had it. */
  aliases: z.array(slug).optional(),
  /** The series (see series.yml) the lesson belongs to. */
  series: slug,
  order: z.number().int().positive(),
  /** No longer sent; kept so links in mails already sent still show its question. */
  retired: z.literal(true).optional(),
  title: z
    .string()
    .trim()
    .min(1)
    .max(MAX_SUBJECT_LENGTH, {
      error: (issue) =>
        `de onderwerpregel is ${(issue.input as string).length} tekens; op een telefoon past hoogstens ${MAX_SUBJECT_LENGTH}`,
    }),
  preheader: z.string().trim().min(30).max(110),
  question: z.strictObject({
    id: slug,
    prompt: z.string().trim().min(1).max(200),
    answers: answersSchema,
  }),
  exercise: z.string().trim().min(1).max(600).optional(),
  source: z.strictObject({
    title: z.string().trim().min(1),
    author: z.string().trim().min(1),
    url: z.url().optional(),
  }),
});

const bodySchema = z
  .string()
  .trim()
  .superRefine((body, ctx) => {
    if (body === "") {
      ctx.addIssue({ code: "custom", message: "de les heeft geen tekst" });
      return;
    }
    const words = wordCount(body);
    if (words < MIN_WORDS || words > MAX_WORDS) {
      ctx.addIssue({
        code: "custom",
        message: `de les heeft ${words} woorden; een les heeft er ${MIN_WORDS} tot ${MAX_WORDS}`,
      });
    }
    // The title is the mail's only h1; a second one would break its outline.
    if (/^#(\s|$)/m.test(body))
      ctx.addIssue({ code: "custom", message: "gebruik ## voor een tussenkop; # is de titel van de mail" });
  });

/** A whole lesson: its frontmatter, the file it came from and the Markdown text. */
export const lessonSchema = frontmatterSchema.extend({ file: z.string(), body: bodySchema });

export type Lesson = z.infer<typeof lessonSchema>;
export type Question = Lesson["question"];

/** One series as the author describes it in series.yml. */
export const seriesInfoSchema = z.strictObject({
  id: slug,
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().min(1).max(300),
});

/** series.yml: the series in the order readers are offered them; the first is where a new reader starts. */
export const seriesListSchema = z.array(seriesInfoSchema).min(1, { error: "er staat nog geen reeks in" });

/** A series with its lessons in course order. */
export const seriesSchema = seriesInfoSchema.extend({ lessons: z.array(lessonSchema).min(1) });

/** The built course as the Worker carries it (.generated/course.json): the series, and the lessons no longer sent. */
export const courseSchema = z.strictObject({ series: z.array(seriesSchema).min(1), retired: z.array(lessonSchema) });

export type Series = z.infer<typeof seriesSchema>;
export type Course = z.infer<typeof courseSchema>;

/** Words as a reader counts them: runs of text with at least one letter or digit. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Reads one Markdown lesson with YAML frontmatter; throws a ContentError on any mistake. */
export function parseLessonFile(file: string, raw: string): Lesson {
  const match = FRONTMATTER.exec(raw);
  if (!match) throw new ContentError(file, "frontmatter", "het bestand begint niet met een ---blok met frontmatter");
  let data: unknown;
  try {
    data = parseYaml(match[1]!);
  } catch (error) {
    throw new ContentError(file, "frontmatter", `geen geldige YAML (${(error as Error).message.split("\n")[0]})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw new ContentError(file, "frontmatter", "moet een blok met velden zijn");
  const result = lessonSchema.safeParse({ ...data, file, body: match[2] ?? "" }, { error: dutchReasons });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ContentError(file, issue.path.join(".") || "frontmatter", issue.message);
  }
  return result.data;
}

/** The slug under which the closing mail of a series went out before there were series. */
export const LEGACY_CLOSING = "afsluiting";

/** Fails with the second file's name when a value is already taken by another. */
function unique(seen: Map<string | number, string>, file: string, field: string, value: string | number) {
  const other = seen.get(value);
  if (other) throw new ContentError(file, field, `"${value}" staat ook in ${other}`);
  seen.set(value, file);
}

/**
 * Checks what spans files and builds the course: every slug, alias, series id and question id
 * used once (they name deliveries, links and answers for years), every lesson in a known series,
 * and each series' lessons ordered 1..n without gaps (retired lessons no longer count).
 */
export function validateCourse(seriesFile: string, seriesList: SeriesInfo[], lessons: Lesson[]): Course {
  if (lessons.length === 0) throw new ContentError(seriesFile, "lessons", "er staat nog geen les in");
  const names = new Map<string | number, string>([[LEGACY_CLOSING, "de afsluitmail"]]);
  for (const info of seriesList) unique(names, seriesFile, "id", info.id);
  const questions = new Map<string | number, string>();
  const sorted = [...lessons].sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
  for (const lesson of sorted) {
    unique(names, lesson.file, "slug", lesson.slug);
    for (const alias of lesson.aliases ?? []) unique(names, lesson.file, "aliases", alias);
    unique(questions, lesson.file, "question.id", lesson.question.id);
    if (!seriesList.some((info) => info.id === lesson.series))
      throw new ContentError(lesson.file, "series", `"${lesson.series}" staat niet in ${seriesFile}`);
  }
  const series = seriesList.map((info) => {
    const current = sorted.filter((lesson) => lesson.series === info.id && !lesson.retired);
    if (current.length === 0) throw new ContentError(seriesFile, info.id, "deze reeks heeft nog geen les");
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
    return { ...info, lessons: current };
  });
  return { series, retired: sorted.filter((lesson) => lesson.retired) };
}

export type SeriesInfo = z.infer<typeof seriesInfoSchema>;

/** Reads series.yml; throws a ContentError on any mistake. */
export function parseSeriesFile(file: string, raw: string): SeriesInfo[] {
  let data: unknown;
  try {
    data = parseYaml(raw);
  } catch (error) {
    throw new ContentError(file, "series", `geen geldige YAML (${(error as Error).message.split("\n")[0]})`);
  }
  const result = seriesListSchema.safeParse(data, { error: dutchReasons });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ContentError(file, issue.path.join(".") || "series", issue.message);
  }
  return result.data;
}
