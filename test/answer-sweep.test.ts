import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { answerSweeps, answers } from "../worker/mechanisms/db/schema.ts";
import { db, postForm, readerWithLesson, request } from "./helpers.ts";

/** The fixture course's first series, where every reader starts. */
const course = defaultSeries.lessons;

const answerOf = async (subscriberId: string) =>
  (await db.select().from(answers).where(eq(answers.subscriberId, subscriberId)).get())?.answerKey;

/** Lets the clock pass: the reader's answer and any sweep mark are made a minute older. */
async function aMinuteLater(subscriberId: string) {
  const minute = 60_000;
  const rows = await db.select().from(answers).where(eq(answers.subscriberId, subscriberId)).all();
  for (const row of rows)
    await db
      .update(answers)
      .set({ createdAt: row.createdAt - minute, updatedAt: row.updatedAt - minute })
      .where(eq(answers.id, row.id));
  await db.delete(answerSweeps).where(eq(answerSweeps.subscriberId, subscriberId));
}

const sweep = (links: string[], parallel: boolean) =>
  parallel
    ? Promise.all(links.map((link) => request(link, { method: "POST" })))
    : links.reduce<Promise<unknown>>(
        (done, link) => done.then(() => request(link, { method: "POST" })),
        Promise.resolve(),
      );

describe("a scanner sweeping every answer link of a mail", () => {
  for (const parallel of [false, true]) {
    it(`leaves no answer where the reader gave none (${parallel ? "in parallel" : "one after another"})`, async () => {
      const reader = await readerWithLesson();
      await sweep(reader.answerLinks, parallel);
      expect(await answerOf(reader.subscriber.id)).toBeUndefined();
    });

    it(`never overwrites the answer the reader gave (${parallel ? "in parallel" : "one after another"})`, async () => {
      const reader = await readerWithLesson();
      const given = reader.answerLinks[0]!;
      await request(given, { method: "POST" });
      await aMinuteLater(reader.subscriber.id);
      await sweep(reader.answerLinks, parallel);
      const { questionId } = (await db
        .select()
        .from(answers)
        .where(eq(answers.subscriberId, reader.subscriber.id))
        .get())!;
      const kept = await db
        .select()
        .from(answers)
        .where(and(eq(answers.subscriberId, reader.subscriber.id), eq(answers.questionId, questionId)))
        .all();
      expect(kept).toHaveLength(1);
      expect(await answerOf(reader.subscriber.id)).toBe((await keyBehind(reader, given)) ?? "");
    });
  }

  it("lets the reader answer with one click once the sweep is over", async () => {
    const reader = await readerWithLesson();
    await sweep(reader.answerLinks, false);
    await aMinuteLater(reader.subscriber.id);
    await request(reader.answerLinks[1]!, { method: "POST" });
    expect(await answerOf(reader.subscriber.id)).toBe(await keyBehind(reader, reader.answerLinks[1]!));
  });

  it("does not take a person changing their answer on the thank-you page for a sweep", async () => {
    const reader = await readerWithLesson();
    await request(reader.answerLinks[0]!, { method: "POST" });
    const thanks = await (await request(`/reflectie/${reader.answerToken}`)).text();
    const change = [...thanks.matchAll(/action="(\/reflectie\/[^"]+\/\d)"/g)].map((match) => match[1]!);
    expect(thanks).toContain('name="van" value="pagina"');
    await postForm(change[1]!, { van: "pagina" });
    expect(await answerOf(reader.subscriber.id)).toBe(await keyBehind(reader, reader.answerLinks[1]!));
  });
});

/** The answer key a link stands for, read from the landing page's form (no key is in the link itself). */
async function keyBehind(reader: { answerToken: string }, link: string): Promise<string | undefined> {
  const index = Number(link.split("/").pop()) - 1;
  const page = await (await request(`/reflectie/${reader.answerToken}/${index + 1}`)).text();
  const label = /Je koos: <strong>([^<]+)<\/strong>/.exec(page)?.[1];
  return course.flatMap((lesson) => lesson.question.answers).find((answer) => answer.label === label)?.key;
}
