import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { typographicQuotes } from "../emails/_components/typography.ts";
import { LessonEmail } from "../emails/lesson-email.tsx";
import { parseSeriesFile, parseSourcesFile, validateCourse } from "../worker/domain/course/course-schema.ts";
import { creditsOf } from "../worker/domain/course/credits.ts";
import { ContentError, parseLessonFile } from "../worker/domain/course/lesson-schema.ts";
import { renderMail } from "../worker/mechanisms/mail/render.ts";
import { articles, brokenLessons, files, lessonFile, otherLesson, seriesList } from "./fixtures/content/lessons.ts";

// The lesson files themselves, bundled at test time: the Worker never reads the file system.
const lessonFiles = import.meta.glob<string>(["../content/lessons/*.md", "../content/lessons/retired/*.md"], {
  query: "?raw",
  import: "default",
  eager: true,
});
const listFiles = import.meta.glob<string>(["../content/lessons/series.yml", "../content/lessons/sources.yml"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Text as React writes it into HTML. */
function escapedAsReactDoes(text: string): string {
  const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
  return text.replace(/[&<>"']/g, (char) => entities[char]!);
}

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
    "zacht-antwoord-anders.md": [
      "question.answers.2.label",
      'het zachte antwoord weet-niet heet altijd "Ik weet het nog niet"',
    ],
    "geen-zachte-uitweg.md": [
      "question.answers",
      'elke vraag heeft een zachte uitweg nodig: "Ik weet het nog niet" (weet-niet) of "Nu even niet" (nu-even-niet)',
    ],
    "antwoord-met-link.md": ["question.answers.1.reply", "geen links of adressen; alleen /hulp mag"],
    "antwoord-met-opmaak.md": ["question.answers.1.reply", "gewone tekst: zonder opmaak, HTML of Markdown"],
    "antwoord-te-lang.md": ["question.answers.1.reply", "deze tekst is 281 tekens; hoogstens 280"],
    "zorg-is-geen-ja.md": ["question.answers.1.care", "schrijf care: true, of laat het veld weg"],
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
      name: "a source that sources.yml does not have",
      second: otherLesson({ article: "onbekend-artikel" }),
      field: "sources.0.article",
      reason: '"onbekend-artikel" staat niet in sources.yml',
    },
    {
      name: "a lesson that replaces one still sent",
      second: otherLesson({ extra: "\nreplaces: [een-les]" }),
      field: "replaces",
      reason: '"een-les" is geen les met retired: true',
    },
    {
      name: "a retired lesson outside the retired folder",
      second: otherLesson({ extra: "\nretired: true" }),
      field: "retired",
      reason: "een les met retired: true hoort in de map retired/",
    },
    {
      name: "a line for an answer the previous lesson does not have",
      second: otherLesson({ extra: "\nafter:\n  uitgeput: Fijn dat je terug bent." }),
      field: "after.uitgeput",
      reason: '"uitgeput" is geen antwoord van de vorige les (een-les): kies uit goed, moe, weet-niet',
    },
    {
      name: "a slug that is a series id",
      second: otherLesson({ slug: "een-reeks" }),
      field: "slug",
      reason: '"een-reeks" staat ook in series.yml',
    },
  ];
  it("an empty course", () => {
    expect(contentError(() => validateCourse(files, seriesList(), [], articles)).message).toBe(
      "series.yml: lessons: er staat nog geen les in",
    );
  });

  it("a line for the previous answer in the first lesson of a series", () => {
    const opening = parseLessonFile(
      "b.md",
      otherLesson({ order: 1, series: "andere", extra: "\nafter:\n  moe: Rust." }),
    );
    const error = contentError(() =>
      validateCourse(files, seriesList("een-reeks", "andere"), [first(), opening], articles),
    );
    expect(error.message).toBe("b.md: after: de eerste les van een reeks volgt op geen antwoord");
  });

  it("accepts replies, care answers and lines for the previous answer", () => {
    const withReply = lessonFile().replace(
      'label: "Moe"',
      'label: "Moe"\n      reply: "Moe mag. Zie ook /hulp als het te zwaar wordt."\n      care: true',
    );
    const next = otherLesson({ extra: "\nafter:\n  moe: Vorige week was je moe." });
    const course = validateCourse(
      files,
      seriesList(),
      [parseLessonFile("a.md", withReply), parseLessonFile("b.md", next)],
      articles,
    );
    const [one, two] = course.series[0]!.lessons;
    expect(one!.question.answers[1]).toEqual({
      key: "moe",
      label: "Moe",
      reply: "Moe mag. Zie ook /hulp als het te zwaar wordt.",
      care: true,
    });
    expect(two!.after).toEqual({ moe: "Vorige week was je moe." });
  });

  it("a series without lessons", () => {
    const error = contentError(() => validateCourse(files, seriesList("een-reeks", "leeg"), [first()], articles));
    expect(error.message).toBe("series.yml: leeg: deze reeks heeft nog geen les");
  });

  for (const { name, second, field, reason } of cases) {
    it(name, () => {
      const error = contentError(() =>
        validateCourse(files, seriesList(), [first(), parseLessonFile("b.md", second)], articles),
      );
      expect(error.message).toBe(`b.md: ${field}: ${reason}`);
    });
  }
});

describe("a course that changes keeps what readers have", () => {
  it("leaves a retired lesson out of the order, keeps it findable, and lets the next one take its place", () => {
    const course = validateCourse(
      files,
      seriesList(),
      [
        parseLessonFile("a.md", lessonFile()),
        parseLessonFile(
          "b.md",
          otherLesson({ order: 2, slug: "nieuw", questionId: "nieuwe-vraag", extra: "\naliases: [oud]" }),
        ),
        parseLessonFile(
          "retired/c.md",
          otherLesson({ order: 2, slug: "weg", questionId: "weg-vraag", extra: "\nretired: true" }),
        ),
      ],
      articles,
    );
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

  it("lets a series keep the id it had before as an alias, used once across the course", () => {
    const renamed = [{ ...seriesList()[0]!, aliases: ["oude-reeks"] }];
    const first = () => parseLessonFile("a.md", lessonFile());
    expect(validateCourse(files, renamed, [first()], articles).series[0]!.aliases).toEqual(["oude-reeks"]);
    const clash = [{ ...seriesList()[0]!, aliases: ["een-les"] }];
    expect(contentError(() => validateCourse(files, clash, [first()], articles)).message).toBe(
      'a.md: slug: "een-les" staat ook in series.yml',
    );
  });

  it("reads the sources file, and credits a part of an article by its own title", () => {
    const read = parseSourcesFile("sources.yml", "- id: een-boek\n  credit: ‘Een boek’ van Een Schrijver\n");
    expect(read).toEqual([{ id: "een-boek", credit: "‘Een boek’ van Een Schrijver" }]);
    expect(creditsOf([{ article: "een-boek" }, { article: "een-boek", part: "Hoofdstuk twee" }], read)).toEqual([
      { text: "‘Een boek’ van Een Schrijver", url: undefined },
      { text: "‘Hoofdstuk twee’ in ‘Een boek’ van Een Schrijver", url: undefined },
    ]);
    expect(contentError(() => parseSourcesFile("sources.yml", "- id: een-boek\n")).message).toBe(
      "sources.yml: 0.credit: ontbreekt",
    );
  });
});

// The only test that reads the author's own lessons; every other test runs on the fixture course.
describe("the author's course in content/", () => {
  const lessons = Object.entries(lessonFiles).map(([path, raw]) => ({
    file: path.replace("../", ""),
    raw,
  }));
  const real = { series: "content/lessons/series.yml", sources: "content/lessons/sources.yml" };
  const series = parseSeriesFile(real.series, listFiles[`../${real.series}`]!);
  const realArticles = parseSourcesFile(real.sources, listFiles[`../${real.sources}`]!);
  const realCourse = () =>
    validateCourse(
      real,
      series,
      lessons.map(({ file, raw }) => parseLessonFile(file, raw)),
      realArticles,
    );

  it("builds: every lesson is valid on its own and together, and belongs to a series", () => {
    expect(lessons.length).toBeGreaterThan(0);
    const built = realCourse();
    expect(built.series.flatMap((s) => s.lessons).length + built.retired.length).toBe(lessons.length);
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
            credits: creditsOf(lesson.sources, realArticles),
            firstName: "Anna",
            answerUrls,
            preferencesUrl: "https://rustenrichting.test/voorkeuren/v",
            unsubscribeUrl: "https://rustenrichting.test/afmelden/a",
            helpUrl: "https://rustenrichting.test/hulp",
            privacyUrl: "https://rustenrichting.test/privacy",
          }),
        );
        expect(html, lesson.file).toContain(escapedAsReactDoes(lesson.preheader));
        expect(text, lesson.file).toContain(lesson.title);
        expect(text, lesson.file).toContain(typographicQuotes(lesson.question.prompt));
        for (const [index, answer] of lesson.question.answers.entries()) {
          expect(text, lesson.file).toContain(`${typographicQuotes(answer.label)}\n${answerUrls[index]}`);
        }
      }
  });
});
