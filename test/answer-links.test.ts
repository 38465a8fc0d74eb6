import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, subscribers } from "../worker/mechanisms/db/schema.ts";
import { db, postForm, readerWithLesson, request } from "./helpers.ts";

const FIRST_QUESTION_KEYS = ["ja", "nog-niet", "weet-niet"];

async function storedKey(subscriberId: string) {
  return (await db.select().from(answers).where(eq(answers.subscriberId, subscriberId)).get())?.answerKey;
}

describe("answer links", () => {
  it("carry no answer key in their path, in the mail or on the page", async () => {
    const reader = await readerWithLesson();
    expect(reader.answerLinks.length).toBeGreaterThan(1);
    for (const link of reader.answerLinks) {
      const last = link.split("/").pop()!;
      expect(FIRST_QUESTION_KEYS).not.toContain(last);
    }
    const landing = await (await request(reader.answerLinks[1]!)).text();
    for (const key of FIRST_QUESTION_KEYS) expect(landing).not.toContain(`/${key}"`);
    const response = await request(reader.answerLinks[1]!, { method: "POST" });
    expect(response.status).toBe(303);
    expect(await storedKey(reader.subscriber.id)).toBe(FIRST_QUESTION_KEYS[1]);
  });

  it("with the key in the path, as older mails have them, still work", async () => {
    const reader = await readerWithLesson();
    const old = `/reflectie/${reader.answerToken}/${FIRST_QUESTION_KEYS[0]}`;
    expect((await request(old)).status).toBe(200);
    expect((await request(old, { method: "POST" })).status).toBe(303);
    expect(await storedKey(reader.subscriber.id)).toBe(FIRST_QUESTION_KEYS[0]);
  });

  it("answer calmly after the reader erased their data, storing nothing", async () => {
    const reader = await readerWithLesson();
    await postForm(reader.preferences, { actie: "verwijderen", zeker: "ja" });
    for (const method of ["GET", "POST"]) {
      const response = await request(reader.answerLinks[0]!, { method });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("Deze link werkt niet (meer)");
    }
    expect(await storedKey(reader.subscriber.id)).toBeUndefined();
  });

  it("answer calmly when the reader's row is gone but the delivery is not", async () => {
    const reader = await readerWithLesson();
    await db.delete(subscribers).where(eq(subscribers.id, reader.subscriber.id));
    const response = await request(reader.answerLinks[0]!, { method: "POST" });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Deze link werkt niet (meer)");
  });

  it("answer calmly after the reader unsubscribed, storing nothing", async () => {
    const reader = await readerWithLesson();
    await postForm(reader.unsubscribe, { "List-Unsubscribe": "One-Click" });
    for (const method of ["GET", "POST"]) {
      const response = await request(reader.answerLinks[0]!, { method });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("Deze link werkt niet (meer)");
    }
    expect(await storedKey(reader.subscriber.id)).toBeUndefined();
  });
});
