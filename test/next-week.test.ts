import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { enrollmentOf, postForm, readerWithLesson, request, runCron, waitForMails } from "./helpers.ts";

/** The fixture's second lesson opens with a line for "ja" and one for "nog-niet" to the first; none for "weet-niet". */
const [first, second] = defaultSeries.lessons;
const lines = second!.after!;
const answerNumber = (key: string) => first!.question.answers.findIndex((answer) => answer.key === key) + 1;

/** A reader with lesson 1 who gave `answers` in turn (the first from the mail, the rest on the page), then lesson 2. */
async function readerWhoAnswered(...answers: string[]) {
  const reader = await readerWithLesson();
  for (const [index, key] of answers.entries()) {
    const response =
      index === 0
        ? await request(`/reflectie/${reader.answerToken}/${answerNumber(key)}`, { method: "POST" })
        : await postForm(`/reflectie/${reader.answerToken}/${answerNumber(key)}`, { van: "pagina" });
    expect(response.status).toBe(303);
  }
  return reader;
}

async function secondLesson(email: string) {
  const mails = await waitForMails(email, 4);
  const lesson = mails.find((mail) => mail.subject === second!.title);
  expect(lesson).toBeDefined();
  return lesson!;
}

describe("next week remembers", () => {
  it("opens the next lesson with the line for the answer she gave, and only for her", async () => {
    expect(Object.keys(lines).sort()).toEqual(["ja", "nog-niet"]);
    const yes = await readerWhoAnswered("ja");
    const notYet = await readerWhoAnswered("nog-niet");
    const unsure = await readerWhoAnswered("weet-niet");
    const silent = await readerWhoAnswered();
    const changed = await readerWhoAnswered("nog-niet", "weet-niet");
    const readers = [yes, notYet, unsure, silent, changed];
    const due = Math.max(
      ...(await Promise.all(readers.map(async (r) => (await enrollmentOf(r.subscriber.id))!.nextSendAt!))),
    );
    await runCron(due);

    const [forYes, forNotYet, forUnsure, forSilent, forChanged] = await Promise.all(
      readers.map((reader) => secondLesson(reader.email)),
    );
    expect(forYes!.html).toContain(lines.ja);
    expect(forYes!.text).toContain(lines.ja);
    expect(forYes!.html).not.toContain(lines["nog-niet"]);
    expect(forNotYet!.html).toContain(lines["nog-niet"]);
    expect(forNotYet!.text).toContain(lines["nog-niet"]);
    expect(forNotYet!.html).not.toContain(lines.ja);
    // The line stands between the greeting and the lesson.
    expect(forNotYet!.text.indexOf("Hoi Anna,")).toBeLessThan(forNotYet!.text.indexOf(lines["nog-niet"]!));
    for (const lesson of [forUnsure!, forSilent!, forChanged!])
      for (const line of Object.values(lines)) {
        expect(lesson.html).not.toContain(line);
        expect(lesson.text).not.toContain(line);
      }
    for (const lesson of [forYes!, forNotYet!, forUnsure!, forSilent!, forChanged!])
      expect(lesson.html).toContain(second!.question.prompt);
  });
});
