import { describe, expect, it } from "vitest";
import { defaultSeries, course as wholeCourse } from "../worker/domain/course/course.ts";
import { answers } from "../worker/mechanisms/db/schema.ts";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { authorSession } from "./author-session.ts";
import { db, readerWhoAnswered, request } from "./helpers.ts";

async function download() {
  const response = await request("/beheer/antwoorden.csv", { headers: { cookie: await authorSession() } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("content-disposition")).toContain('filename="antwoorden.csv"');
  return new Uint8Array(await response.arrayBuffer());
}

/** The fixture course's first series; with more than one, each title is named after its series. */
const course = defaultSeries.lessons;
const named = (title: string) => (wholeCourse.series.length > 1 ? `${defaultSeries.name}: ${title}` : title);

describe("the answers as CSV", () => {
  it("opens in Excel with Dutch settings: UTF-8 with a BOM, semicolons, lesson number and title, course order, Amsterdam time", async () => {
    const tag = Date.now().toString(36);
    const reader = await readerWhoAnswered({ note: `Vooral 's avonds; zeker ${tag}`, share: true });
    // An answer to lesson 2, given on 1 July at 12:00 in Amsterdam (10:00 UTC, summer time).
    const lesson2 = course[1]!;
    const summerNoon = amsterdamTime(2026, 7, 1, 12);
    await db.insert(answers).values({
      subscriberId: reader.subscriber.id,
      questionId: lesson2.question.id,
      answerKey: lesson2.question.answers[1]!.key,
      note: `Zomer ${tag}`,
      shareNote: true,
      createdAt: summerNoon,
      updatedAt: summerNoon,
    });

    const bytes = await download();
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder()
      .decode(bytes)
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(lines[0]).toBe("les;titel;vraag;antwoord;gedeelde woorden;datum (Amsterdamse tijd)");

    const lesson1 = course[0]!;
    const first = lines.findIndex((line) => line.includes(`zeker ${tag}`));
    const second = lines.findIndex((line) => line.includes(`Zomer ${tag}`));
    const [fields, date] = [lines[first]!.slice(0, -16), lines[first]!.slice(-16)];
    expect(fields).toBe(
      `1;"${named(lesson1.title)}";"${lesson1.question.prompt}";"${lesson1.question.answers[0]!.label}";"Vooral 's avonds; zeker ${tag}";`,
    );
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(lines[second]).toBe(
      `2;"${named(lesson2.title)}";"${lesson2.question.prompt}";"${lesson2.question.answers[1]!.label}";"Zomer ${tag}";2026-07-01 12:00`,
    );
    // In the course's order, whatever order the answers came in: series by series, lesson by lesson.
    const rank = (line: string) => {
      const [number, title = ""] = line.split(";");
      const series = wholeCourse.series.findIndex((one) => title.startsWith(`"${one.name}: `));
      return number ? Math.max(0, series) * 1000 + Number(number) : Number.MAX_SAFE_INTEGER;
    };
    const ranks = lines.slice(1, -1).map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(lines.at(-1)).toBe("");
  });

  it("keeps the words a reader did not share out of the file", async () => {
    const tag = Date.now().toString(36);
    await readerWhoAnswered({ note: `alleen voor mij ${tag}`, share: false });
    expect(new TextDecoder().decode(await download())).not.toContain(tag);
  });
});
