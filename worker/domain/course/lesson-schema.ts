import { parse as parseYaml } from "yaml";
import * as z from "zod";
import { ContentError, dutchReasons } from "./content-error.ts";
import { GENTLE_ANSWERS } from "./gentle-answers.ts";

export { ContentError } from "./content-error.ts";

/** The shape of every id in the content: slugs, series ids, question and answer keys. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "gebruik kleine letters, cijfers en streepjes (kebab-case)");

/** Longest subject line that still shows whole in a phone's inbox list. */
const MAX_SUBJECT_LENGTH = 60;
/** A lesson reads in a few calm minutes: not a teaser, not an article. */
const MIN_WORDS = 250;
/** More than this no longer reads as one calm weekly mail. */
const MAX_WORDS = 600;
const MIN_ANSWERS = 2;
const MAX_ANSWERS = 5;

/** A reply is read on the page right after a click: a few calm sentences, not a second lesson. */
const MAX_REPLY_LENGTH = 280;
/** The line that opens next week's lesson for one answer: one or two sentences. */
const MAX_AFTER_LENGTH = 240;

/**
 * The author's own words shown to one reader: plain text, so no Markdown, HTML or links, except
 * the help page, which she may always point to.
 */
function authorLine(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max, {
      error: (issue) => `deze tekst is ${(issue.input as string).length} tekens; hoogstens ${max}`,
    })
    .refine((text) => !/[<>*_`#[\]]/.test(text), "gewone tekst: zonder opmaak, HTML of Markdown")
    .refine(
      (text) => !/https?:|www\.|\S+@\S+|(^|[\s(])\/(?!hulp\b)/.test(text),
      "geen links of adressen; alleen /hulp mag",
    );
}

const answerSchema = z.strictObject({
  // Links name answers by number (1, 2, ...) and older links by key: a key must never look like a number.
  key: slug.max(32).refine((key) => !/^[0-9]+$/.test(key), "een antwoord-sleutel is een woord, geen getal"),
  label: z.string().trim().min(1).max(40),
  /** The author's answer to this answer, on the thank-you page and beside it in the reader's reflections. */
  reply: authorLine(MAX_REPLY_LENGTH).optional(),
  /** An answer that may mean she is not well: the thank-you page shows the help lines first. */
  care: z.literal(true, { error: "schrijf care: true, of laat het veld weg" }).optional(),
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

/** What a lesson names under `sources`: an article of sources.yml, and the part of it the lesson draws on. */
const lessonSourceSchema = z.strictObject({
  article: slug,
  /** The part's own title, where the lesson draws on one part of a longer work. */
  part: z.string().trim().min(1).max(120).optional(),
});

/** One lesson file's frontmatter, as the author writes it. */
const frontmatterSchema = z.strictObject({
  slug,
  /** Slugs this lesson had before: readers who had it under an old slug have had it. */
  aliases: z.array(slug).optional(),
  /** Retired lessons this one takes the place of: a reader who had one of them has had this one. */
  replaces: z.array(slug).optional(),
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
  /**
   * A line that opens this lesson for a reader who gave that answer (by its key) to the previous
   * lesson of the series; other readers see the lesson without it.
   */
  after: z.record(slug, authorLine(MAX_AFTER_LENGTH)).optional(),
  /** The articles (sources.yml) the lesson draws on, credited under it. */
  sources: z.array(lessonSourceSchema).min(1),
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

const gentleNames = Object.entries(GENTLE_ANSWERS)
  .map(([key, label]) => `"${label}" (${key})`)
  .join(" of ");

/** A whole lesson: its frontmatter, the file it came from and the Markdown text. */
export const lessonSchema = frontmatterSchema
  .extend({ file: z.string(), body: bodySchema })
  .superRefine((lesson, ctx) => {
    const answers = lesson.question.answers;
    answers.forEach((answer, index) => {
      const label = Object.hasOwn(GENTLE_ANSWERS, answer.key) ? GENTLE_ANSWERS[answer.key] : undefined;
      if (label !== undefined && answer.label !== label)
        ctx.addIssue({
          code: "custom",
          path: ["question", "answers", index, "label"],
          message: `het zachte antwoord ${answer.key} heet altijd "${label}"`,
        });
    });
    // A retired lesson's question stays as it was sent: old answer links count its answers by number.
    if (!lesson.retired && !answers.some((answer) => Object.hasOwn(GENTLE_ANSWERS, answer.key)))
      ctx.addIssue({
        code: "custom",
        path: ["question", "answers"],
        message: `elke vraag heeft een zachte uitweg nodig: ${gentleNames}`,
      });
  });

export type Lesson = z.infer<typeof lessonSchema>;
/**
 * A lesson as the Worker carries it: all but its text, which only the mail templates show, and
 * those are rendered at build time (see `workerCourse`).
 */
export type CourseLesson = Omit<Lesson, "body" | "exercise" | "preheader" | "file" | "sources">;
export type Question = Lesson["question"];
export type LessonSource = z.infer<typeof lessonSourceSchema>;

/** Words as a reader counts them: runs of text with at least one letter or digit. */
function wordCount(text: string): number {
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
