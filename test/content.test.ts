import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { LessonEmail } from "../emails/lesson-email.tsx";
import { ContentError, parseLessonFile, parseSeriesFile, validateCourse } from "../worker/course/lesson-schema.ts";
import { renderMail } from "../worker/mail/render.ts";
import { brokenLessons, lessonFile, otherLesson, seriesList } from "./fixtures/content/lessons.ts";

// The lesson files themselves, bundled at test time: the Worker never reads the file system.
const lessonFiles = import.meta.glob<string>("../content/lessons/*.md", {
  query: "?raw",
  import: "default",
  eager: true,
});
const seriesFile = import.meta.glob<string>("../content/lessons/series.yml", {
  query: "?raw",
  import: "default",
  eager: true,
});

function contentError(run: () => unknown): ContentError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error("expected a ContentError, but the content was accepted");
}

describe("a broken lesson is refused with its file, field and reason", () => {
  const expected: Record<keyof typeof brokenLessons, [field: string, reason: string]> = {
    "onderwerp-te-lang.md": ["title", "de onderwerpregel is 67 tekens; op een telefoon past hoogstens 60"],
    "lege-les.md": ["body", "de les heeft geen tekst"],
    "te-weinig-woorden.md": ["body", "de les heeft 249 woorden; een les heeft er 250 tot 600"],
    "te-veel-woorden.md": ["body", "de les heeft 601 woorden; een les heeft er 250 tot 600"],
    "sleutel-ontbreekt.md": ["question.answers.1.key", "ontbreekt"],
    "sleutel-dubbel.md": ["question.answers.1.key", 'antwoord-sleutel "goed" komt twee keer voor'],
    "sleutel-getal.md": ["question.answers.1.key", "een antwoord-sleutel is een woord, geen getal"],
    "een-antwoord.md": ["question.answers", "een vraag heeft 2 tot 5 antwoorden, deze heeft er 1"],
    "zes-antwoorden.md": ["question.answers", "een vraag heeft 2 tot 5 antwoorden, deze heeft er 6"],
    "onbekend-veld.md": ["frontmatter", 'onbekend veld: "auteur"'],
    "tweede-titel.md": ["body", "gebruik ## voor een tussenkop; # is de titel van de mail"],
    "geen-frontmatter.md": ["frontmatter", "het bestand begint niet met een ---blok met frontmatter"],
  };

  for (const [file, [field, reason]] of Object.entries(expected)) {
    it(`${file}: ${field}`, () => {
      const error = contentError(() =>
        parseLessonFile(`content/lessons/${file}`, brokenLessons[file as keyof typeof brokenLessons]),
      );
      expect(error.message).toBe(`content/lessons/${file}: ${field}: ${reason}`);
      expect([error.file, error.field, error.reason]).toEqual([`content/lessons/${file}`, field, reason]);
    });
  }

  it("accepts the fixture everything else is a variation of", () => {
    expect(parseLessonFile("goed.md", lessonFile()).question.answers.map((answer) => answer.key)).toEqual([
      "goed",
      "moe",
      "weet-niet",
    ]);
  });
});

describe("a course whose lessons clash is refused, naming the second file", () => {
  const first = () => parseLessonFile("a.md", lessonFile());
  const cases = [
    {
      name: "a duplicate slug",
      second: otherLesson({ slug: "een-les" }),
      field: "slug",
      reason: '"een-les" staat ook in a.md',
    },
    { name: "a duplicate order", second: otherLesson({ order: 1 }), field: "order", reason: '"1" staat ook in a.md' },
    {
      name: "a duplicate question id",
      second: otherLesson({ questionId: "een-vraag" }),
      field: "question.id",
      reason: '"een-vraag" staat ook in a.md',
    },
    {
      name: "a gap in the order",
      second: otherLesson({ order: 3 }),
      field: "order",
      reason: "verwacht 2: de volgorde moet zonder gaten bij 1 beginnen",
    },
    {
      name: "a series that series.yml does not have",
      second: otherLesson({ series: "onbekend" }),
      field: "series",
      reason: '"onbekend" staat niet in series.yml',
    },
    {
      name: "an alias that is another lesson's slug",
      second: otherLesson({ extra: "\naliases: [een-les]" }),
      field: "aliases",
      reason: '"een-les" staat ook in a.md',
    },
    {
      name: "a slug that is a series id",
      second: otherLesson({ slug: "een-reeks" }),
      field: "slug",
      reason: '"een-reeks" staat ook in series.yml',
    },
  ];
  it("an empty course", () => {
    expect(contentError(() => validateCourse("series.yml", seriesList(), [])).message).toBe(
      "series.yml: lessons: er staat nog geen les in",
    );
  });

  it("a series without lessons", () => {
    const error = contentError(() => validateCourse("series.yml", seriesList("een-reeks", "leeg"), [first()]));
    expect(error.message).toBe("series.yml: leeg: deze reeks heeft nog geen les");
  });

  for (const { name, second, field, reason } of cases) {
    it(name, () => {
      const error = contentError(() =>
        validateCourse("series.yml", seriesList(), [first(), parseLessonFile("b.md", second)]),
      );
      expect(error.message).toBe(`b.md: ${field}: ${reason}`);
    });
  }
});

describe("a course that changes keeps what readers have", () => {
  it("leaves a retired lesson out of the order, keeps it findable, and lets the next one take its place", () => {
    const course = validateCourse("series.yml", seriesList(), [
      parseLessonFile("a.md", lessonFile()),
      parseLessonFile(
        "b.md",
        otherLesson({ order: 2, slug: "nieuw", questionId: "nieuwe-vraag", extra: "\naliases: [oud]" }),
      ),
      parseLessonFile(
        "c.md",
        otherLesson({ order: 2, slug: "weg", questionId: "weg-vraag", extra: "\nretired: true" }),
      ),
    ]);
    expect(course.series[0]!.lessons.map((lesson) => lesson.file)).toEqual(["a.md", "b.md"]);
    expect(course.retired.map((lesson) => lesson.slug)).toEqual(["weg"]);
  });

  it("reads the series file and names a mistake in it", () => {
    expect(parseSeriesFile("series.yml", "- id: een\n  name: Een\n  description: De eerste.\n")).toEqual([
      { id: "een", name: "Een", description: "De eerste." },
    ]);
    expect(
      contentError(() => parseSeriesFile("series.yml", "- id: Een Reeks\n  name: x\n  description: y\n")).field,
    ).toBe("0.id");
  });
});

// The only test that reads the author's own lessons; every other test runs on the fixture course.
describe("the author's course in content/", () => {
  const files = Object.entries(lessonFiles).map(([path, raw]) => ({
    file: `content/lessons/${path.split("/").pop()}`,
    raw,
  }));
  const series = parseSeriesFile("content/lessons/series.yml", Object.values(seriesFile)[0]!);
  const realCourse = () =>
    validateCourse(
      "content/lessons/series.yml",
      series,
      files.map(({ file, raw }) => parseLessonFile(file, raw)),
    );

  it("builds: every lesson is valid on its own and together, and belongs to a series", () => {
    expect(files.length).toBeGreaterThan(0);
    const built = realCourse();
    expect(built.series.flatMap((s) => s.lessons).length + built.retired.length).toBe(files.length);
  });

  it("renders every lesson as a mail with its title, preheader, question and every answer", async () => {
    for (const { lessons: course } of realCourse().series)
      for (const lesson of course) {
        const answerUrls = lesson.question.answers.map(
          (answer) => `https://rustenrichting.test/reflectie/t/${answer.key}`,
        );
        const { html, text } = await renderMail(
          createElement(LessonEmail, {
            lesson,
            totalLessons: course.length,
            firstName: "Anna",
            answerUrls,
            preferencesUrl: "https://rustenrichting.test/voorkeuren/v",
            unsubscribeUrl: "https://rustenrichting.test/afmelden/a",
            helpUrl: "https://rustenrichting.test/hulp",
          }),
        );
        expect(html, lesson.file).toContain(lesson.preheader);
        expect(text, lesson.file).toContain(lesson.title);
        expect(text, lesson.file).toContain(lesson.question.prompt);
        for (const [index, answer] of lesson.question.answers.entries()) {
          expect(text, lesson.file).toContain(`${answer.label}\n${answerUrls[index]}`);
        }
      }
  });
});
