import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { authorSession } from "./author-session.ts";
import { readerWithLesson, request } from "./helpers.ts";

/** The fixture's first lesson marks its second answer as heavy; its other answers are not. */
const first = defaultSeries.lessons[0]!;

/** The count of heavy answers the Lessons page shows in the row of the mail at `key`, or its dash. */
async function careCell(key: string) {
  const response = await request("/beheer/lessen", { headers: { cookie: await authorSession() } });
  expect(response.status).toBe(200);
  const body = await response.text();
  const row = new RegExp(
    `<th scope="row"><a href="/beheer/lessen/${key}">[^<]+</a></th>(?:<td>.*?</td>){2}<td>([^<]*)</td></tr>`,
  ).exec(body);
  expect(row, `a row for ${key}`).not.toBeNull();
  return { cell: row![1]!, body };
}

describe("care counts on the author's Lessons page", () => {
  it("counts the readers whose answer is a heavy one, never who they are, and follows a changed answer", async () => {
    expect(first.question.answers[1]!.care).toBe(true);
    const before = Number((await careCell("1")).cell);
    const heavy = await readerWithLesson("Zwaar");
    const light = await readerWithLesson("Licht");
    await request(heavy.answerLinks[1]!, { method: "POST" });
    await request(light.answerLinks[0]!, { method: "POST" });

    const { cell, body } = await careCell("1");
    expect(Number(cell)).toBe(before + 1);
    for (const reader of [heavy, light]) {
      expect(body).not.toContain(reader.email);
      expect(body).not.toContain(reader.subscriber.id);
    }
    expect(body).not.toContain("Zwaar<");

    // She changes her mind on the page: she no longer counts.
    const changed = await request(heavy.answerLinks[0]!, {
      method: "POST",
      body: new URLSearchParams({ van: "pagina" }),
    });
    expect(changed.status).toBe(303);
    expect(Number((await careCell("1")).cell)).toBe(before);
  });

  it("shows a dash for a lesson without a heavy answer and for a closing mail", async () => {
    const lesson = defaultSeries.lessons.find((candidate) => !candidate.question.answers.some((answer) => answer.care));
    expect(lesson).toBeDefined();
    expect((await careCell(String(lesson!.order))).cell).toBe("–");
    expect((await careCell("afsluiting")).cell).toBe("–");
  });
});
