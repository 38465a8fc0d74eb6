import { parse as parseYaml } from "yaml";
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "gebruik kleine letters, cijfers en streepjes (kebab-case)");

/** Longest subject line that still shows whole in a phone's inbox list. */
export const MAX_SUBJECT_LENGTH = 60;

const answerSchema = z.object({
  key: slug.max(32),
  label: z.string().trim().min(1).max(40),
});

/** One lesson file's frontmatter, as the author writes it. */
export const frontmatterSchema = z.strictObject({
  slug,
  order: z.number().int().positive(),
  title: z.string().trim().min(1).max(MAX_SUBJECT_LENGTH, `onderwerpregel langer dan ${MAX_SUBJECT_LENGTH} tekens past niet op een telefoon`),
  preheader: z.string().trim().min(30).max(110),
  question: z.strictObject({
    id: slug,
    prompt: z.string().trim().min(1).max(200),
    answers: z
      .array(answerSchema)
      .min(2)
      .max(5)
      .superRefine((answers, ctx) => {
        const seen = new Set<string>();
        answers.forEach((answer, index) => {
          if (seen.has(answer.key)) ctx.addIssue({ code: "custom", path: [index, "key"], message: `antwoord-sleutel "${answer.key}" komt twee keer voor` });
          seen.add(answer.key);
        });
      }),
  }),
  exercise: z.string().trim().min(1).max(600).optional(),
  source: z.strictObject({
    title: z.string().trim().min(1),
    author: z.string().trim().min(1),
    url: z.url().optional(),
  }),
});

const MIN_WORDS = 250;
const MAX_WORDS = 600;

export const lessonSchema = frontmatterSchema.extend({
  file: z.string(),
  body: z
    .string()
    .trim()
    .min(1, "de les heeft geen tekst")
    .refine((body) => wordCount(body) >= MIN_WORDS, `de les heeft minder dan ${MIN_WORDS} woorden`)
    .refine((body) => wordCount(body) <= MAX_WORDS, `de les heeft meer dan ${MAX_WORDS} woorden`),
});

export type Lesson = z.infer<typeof lessonSchema>;
export type Question = Lesson["question"];

export const courseSchema = z.array(lessonSchema);

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** A content mistake, named by file, field and reason so the author can fix it. */
export class ContentError extends Error {
  readonly file: string;
  readonly field: string;
  readonly reason: string;

  constructor(file: string, field: string, reason: string) {
    super(`${file}: ${field}: ${reason}`);
    this.name = "ContentError";
    this.file = file;
    this.field = field;
    this.reason = reason;
  }
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
  const result = lessonSchema.safeParse({ ...(data as object), file, body: match[2] ?? "" });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ContentError(file, issue.path.join(".") || "frontmatter", issue.message);
  }
  return result.data;
}

/** Checks what spans files: unique slugs, orders and question ids, and orders 1..n without gaps. */
export function validateCourse(lessons: Lesson[]): Lesson[] {
  const sorted = [...lessons].sort((a, b) => a.order - b.order);
  const seen = { slug: new Map<string, string>(), order: new Map<number, string>(), "question.id": new Map<string, string>() };
  for (const lesson of sorted) {
    const checks = [
      ["slug", lesson.slug],
      ["order", lesson.order],
      ["question.id", lesson.question.id],
    ] as const;
    for (const [field, value] of checks) {
      const map = seen[field] as Map<string | number, string>;
      const other = map.get(value);
      if (other) throw new ContentError(lesson.file, field, `"${value}" staat ook in ${other}`);
      map.set(value, lesson.file);
    }
  }
  sorted.forEach((lesson, index) => {
    if (lesson.order !== index + 1) throw new ContentError(lesson.file, "order", `verwacht ${index + 1}: de volgorde moet zonder gaten bij 1 beginnen`);
  });
  return sorted;
}
