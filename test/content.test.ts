import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { LessonEmail } from "../emails/lesson-email.tsx";
import { ContentError, parseLessonFile, validateCourse } from "../worker/course/lesson-schema.ts";
import { renderMail } from "../worker/mail/render.ts";
import { brokenLessons, lessonFile, otherLesson } from "./fixtures/content/lessons.ts";

// The lesson files themselves, bundled at test time: the Worker never reads the file system.
const lessonFiles = import.meta.glob<string>("../content/lessons/*.md", {
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
  ];
  it("an empty course", () => {
    expect(contentError(() => validateCourse([])).message).toBe("content/lessons: lessons: er staat nog geen les in");
  });

  for (const { name, second, field, reason } of cases) {
    it(name, () => {
      const error = contentError(() => validateCourse([first(), parseLessonFile("b.md", second)]));
      expect(error.message).toBe(`b.md: ${field}: ${reason}`);
    });
  }
});

// The only test that reads the author's own lessons; every other test runs on the fixture course.
describe("the author's course in content/", () => {
  const files = Object.entries(lessonFiles).map(([path, raw]) => ({
    file: `content/lessons/${path.split("/").pop()}`,
    raw,
  }));
  const realCourse = () => validateCourse(files.map(({ file, raw }) => parseLessonFile(file, raw)));

  it("builds: every lesson is valid on its own and together", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(realCourse().map((lesson) => lesson.order)).toEqual(files.map((_, index) => index + 1));
  });

  it("renders every lesson as a mail with its title, preheader, question and every answer", async () => {
    const course = realCourse();
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
