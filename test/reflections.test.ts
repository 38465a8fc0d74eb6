import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { parseLessonFile } from "../worker/domain/course/lesson-schema.ts";
import { withText } from "../worker/domain/course/lesson-text.ts";
import { answerFor } from "../worker/domain/reflections/answers.ts";
import { answers } from "../worker/mechanisms/db/schema.ts";
import { db, postForm, readerWithLesson, request } from "./helpers.ts";

/** The fixture course's first series, where every reader starts. */
const course = defaultSeries.lessons.map(withText);

const question = course[0]!.question;
const lessonFiles = import.meta.glob<string>("./fixtures/course/*.md", {
  query: "?raw",
  import: "default",
  eager: true,
});

function answersOf(subscriberId: string) {
  return db
    .select()
    .from(answers)
    .where(and(eq(answers.subscriberId, subscriberId), eq(answers.questionId, question.id)))
    .all();
}

describe("answering a reflection question", () => {
  it("stores nothing on a plain GET, and shows a page that posts the answer by itself", async () => {
    const { subscriber, answerLinks: links } = await readerWithLesson();
    const response = await request(links[1]!);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain(question.answers[1]!.label);
    expect(body).toContain(`<form method="post" action="${links[1]}" data-auto>`);
    expect(body).toContain("Bewaar mijn antwoord");
    expect(await answersOf(subscriber.id)).toEqual([]);
  });

  it("stores the answer on POST and thanks the reader", async () => {
    const { subscriber, answerLinks: links, answerToken: token } = await readerWithLesson();
    const response = await request(links[0]!, { method: "POST" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/reflectie/${token}`);
    const [stored] = await answersOf(subscriber.id);
    expect(stored?.answerKey).toBe(question.answers[0]!.key);

    const thanks = await request(`/reflectie/${token}`);
    const body = await thanks.text();
    expect(body).toContain("Dank je wel");
    expect(body).toContain(question.answers[0]!.label);
    expect(body).toContain('name="notitie"');
  });

  it("replaces the answer when the reader later picks another, never adding a second", async () => {
    const { subscriber, answerLinks: links } = await readerWithLesson();
    await request(links[0]!, { method: "POST" });
    // Later, not within seconds: another link of the same mail seconds after the first is a scanner's sweep.
    await db
      .update(answers)
      .set({ createdAt: Date.now() - 60_000, updatedAt: Date.now() - 60_000 })
      .where(eq(answers.subscriberId, subscriber.id));
    await request(links.at(-1)!, { method: "POST" });
    await request(links.at(-1)!, { method: "POST" });
    const rows = await answersOf(subscriber.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.answerKey).toBe(question.answers.at(-1)!.key);
  });

  it("keeps the reader's own words, and whether the author may read them", async () => {
    const { subscriber, answerLinks: links, answerToken: token } = await readerWithLesson();
    await request(links[0]!, { method: "POST" });
    const response = await postForm(`/reflectie/${token}`, {
      notitie: "  Ik merk het vooral 's avonds <laat>.  ",
      delen: "ja",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Je woorden zijn bewaard");
    const [row] = await answersOf(subscriber.id);
    expect(row?.note).toBe("Ik merk het vooral 's avonds <laat>.");
    expect(row?.shareNote).toBe(true);

    const page = await (await request(`/reflectie/${token}`)).text();
    expect(page).toContain("Ik merk het vooral &#39;s avonds &lt;laat&gt;.");
  });

  it("refuses words that are too long without losing them or the stored note", async () => {
    const { subscriber, answerLinks: links, answerToken: token } = await readerWithLesson();
    await request(links[0]!, { method: "POST" });
    await postForm(`/reflectie/${token}`, { notitie: "eerste versie" });
    const long = "woord ".repeat(400);
    const response = await postForm(`/reflectie/${token}`, { notitie: long });
    expect(response.status).toBe(422);
    const body = await response.text();
    expect(body).toContain("hoogstens 2000 tekens");
    expect(body).toContain(long.trim());
    expect((await answersOf(subscriber.id))[0]?.note).toBe("eerste versie");
  });

  it("sends an unknown answer key back to the question, and an unknown token to the calm invalid-link page", async () => {
    const { subscriber, answerToken: token } = await readerWithLesson();
    const wrongKey = await request(`/reflectie/${token}/bestaat-niet`, { method: "POST" });
    expect(wrongKey.status).toBe(303);
    expect(await answersOf(subscriber.id)).toEqual([]);
    const unknown = await request(`/reflectie/${"x".repeat(43)}/${question.answers[0]!.key}`, { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Deze link werkt niet (meer)");
  });

  it("keeps a stored answer when the author rewords its label: the answer holds the key, the label comes from the content", async () => {
    const { subscriber, answerLinks: links } = await readerWithLesson();
    await request(links[1]!, { method: "POST" });
    const [stored] = await answersOf(subscriber.id);
    const { key, label } = question.answers[1]!;
    expect(stored!.answerKey).toBe(key);
    expect(Object.values(stored!)).not.toContain(label);

    const lesson = course[0]!;
    const raw = lessonFiles[lesson.file.replace(/^test\//, "./")]!;
    expect(raw).toContain(`label: "${label}"`);
    const reworded = parseLessonFile(lesson.file, raw.replace(`label: "${label}"`, 'label: "Thuis, bij mijn gezin"'));
    expect(answerFor(reworded.question, stored!.answerKey)).toMatchObject({ key, label: "Thuis, bij mijn gezin" });
  });
});
