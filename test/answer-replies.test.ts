import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { CARE_LINES } from "../worker/domain/help/lines.ts";
import { answers } from "../worker/mechanisms/db/schema.ts";
import { db, postForm, readerWithLesson, request } from "./helpers.ts";

/** The fixture's first lesson: "ja" has a reply, "nog-niet" a reply and care, "weet-niet" neither. */
const question = defaultSeries.lessons[0]!.question;
const [yes, notYet, unsure] = question.answers;

async function storedKey(subscriberId: string) {
  const row = await db
    .select({ key: answers.answerKey })
    .from(answers)
    .where(and(eq(answers.subscriberId, subscriberId), eq(answers.questionId, question.id)))
    .get();
  return row?.key;
}

/** The thank-you page as the reader sees it after her click in the mail went through. */
async function thankYouAfterClick(link: string, token: string) {
  const click = await request(link, { method: "POST" });
  expect(click.status).toBe(303);
  const response = await request(`/reflectie/${token}`);
  expect(response.status).toBe(200);
  return response.text();
}

describe("the author's answer to an answer", () => {
  it("shows her reply and, after a heavy answer, the help lines above the box for the reader's words", async () => {
    expect(notYet!.care).toBe(true);
    const { subscriber, answerLinks, answerToken } = await readerWithLesson();
    const body = await thankYouAfterClick(answerLinks[1]!, answerToken);
    expect(await storedKey(subscriber.id)).toBe(notYet!.key);
    expect(body).toContain(`<blockquote class="reply"><p>${notYet!.reply}</p></blockquote>`);
    expect(body).toContain("Je hoeft het niet alleen te dragen");
    for (const line of CARE_LINES) expect(body).toContain(`<a href="tel:${line.tel}">${line.phone}</a>`);
    expect(body.indexOf('class="care"')).toBeLessThan(body.indexOf('name="notitie"'));
    expect(body).toContain('<a href="/hulp">');
  });

  it("changes the reply with the answer, and leaves the help lines out after a lighter one", async () => {
    const { subscriber, answerLinks, answerToken } = await readerWithLesson();
    await thankYouAfterClick(answerLinks[1]!, answerToken);
    const changed = await postForm(`/reflectie/${answerToken}/1`, { van: "pagina" });
    expect(changed.status).toBe(303);
    expect(await storedKey(subscriber.id)).toBe(yes!.key);
    const body = await (await request(`/reflectie/${answerToken}`)).text();
    expect(body).toContain(yes!.reply);
    expect(body).not.toContain(notYet!.reply);
    expect(body).not.toContain('class="care"');
    expect(body).toContain('<a href="/hulp">');
  });

  it("shows no reply where the author wrote none, and still links the help page", async () => {
    expect(unsure!.reply).toBeUndefined();
    const { answerLinks, answerToken } = await readerWithLesson();
    const body = await thankYouAfterClick(answerLinks[2]!, answerToken);
    expect(body).toContain(unsure!.label);
    expect(body).not.toContain('class="reply"');
    expect(body).not.toContain('class="care"');
    expect(body).toContain('<a href="/hulp">');
  });

  it("after her words are saved, shows her answer and the reply, and leads on to her reflections and her page", async () => {
    const { answerLinks, answerToken } = await readerWithLesson("Mira");
    await thankYouAfterClick(answerLinks[0]!, answerToken);
    const saved = await postForm(`/reflectie/${answerToken}`, { notitie: "Op de bank, met thee." });
    expect(saved.status).toBe(200);
    const body = await saved.text();
    expect(body).toContain(`koos je: <strong>${yes!.label}</strong>`);
    expect(body).toContain(yes!.reply);
    expect(body).toContain("Op de bank, met thee.");
    expect(body).toContain('<a href="/hulp">');
    const journalPath = /href="(\/voorkeuren\/[^"/]+\/reflecties)"/.exec(body)?.[1];
    const ownPath = /href="(\/voorkeuren\/[^"/]+)"/.exec(body)?.[1];
    expect(journalPath).toBeDefined();
    expect(ownPath).toBe(journalPath!.replace(/\/reflecties$/, ""));

    const own = await request(ownPath!);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("<title>Je voorkeuren</title>");
    const journal = await request(journalPath!);
    expect(journal.status).toBe(200);
    const journalBody = await journal.text();
    expect(journalBody).toContain("Mijn reflecties");
    expect(journalBody).toContain(`Je antwoord: <strong>${yes!.label}</strong>`);
    expect(journalBody).toContain(`<blockquote class="reply"><p>${yes!.reply}</p></blockquote>`);
  });

  it("stands beside the answer in Mijn reflecties, and follows a changed answer there too", async () => {
    const { answerLinks, answerToken, preferences } = await readerWithLesson();
    await thankYouAfterClick(answerLinks[1]!, answerToken);
    const journalPath = `${preferences}/reflecties`;
    expect(await (await request(journalPath)).text()).toContain(notYet!.reply);
    await postForm(`/reflectie/${answerToken}/1`, { van: "pagina" });
    const after = await (await request(journalPath)).text();
    expect(after).toContain(yes!.reply);
    expect(after).not.toContain(notYet!.reply);
  });
});
