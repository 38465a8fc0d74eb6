import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, consents, enrollments, subscribers } from "../worker/mechanisms/db/schema.ts";
import { db, linkIn, mailsTo, postForm, readerWithLesson, request, subscriberByEmail, uniqueEmail } from "./helpers.ts";

const many = <T>(n: number, make: () => Promise<T>) => Promise.all(Array.from({ length: n }, make));
const five = <T>(make: () => Promise<T>) => many(5, make);
const calm = (response: Response) => expect(response.status).toBeLessThan(500);

describe("five identical requests at once", () => {
  it("sign a new address up once: all answered calmly, one row, one confirmation mail", async () => {
    const email = uniqueEmail("tegelijk");
    const responses = await five(() => postForm("/inschrijven", { email }));
    for (const response of responses) {
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/ingeschreven");
    }
    const rows = await db.select().from(subscribers).where(eq(subscribers.email, email)).all();
    expect(rows).toHaveLength(1);
    expect(await mailsTo(email)).toHaveLength(1);
    const consentRows = await db.select({ n: count() }).from(consents).where(eq(consents.subscriberId, rows[0]!.id));
    expect(consentRows[0]!.n).toBe(1);
  });

  // Four, not five: the address's first signup already counts against its limit of five a minute.
  it("sign a reader who left up again once: one new confirmation mail", async () => {
    const reader = await readerWithLesson();
    await postForm(reader.unsubscribe, { "List-Unsubscribe": "One-Click" });
    const before = (await mailsTo(reader.email)).length;
    const responses = await many(4, () => postForm("/inschrijven", { email: reader.email }));
    for (const response of responses) expect(response.status).toBe(303);
    const mails = await mailsTo(reader.email);
    expect(mails).toHaveLength(before + 1);
    expect(mails[0]!.subject).toBe("Bevestig je inschrijving");
    const consentRows = await db
      .select({ n: count() })
      .from(consents)
      .where(eq(consents.subscriberId, reader.subscriber.id));
    expect(consentRows[0]!.n).toBe(2);
  });

  it("confirm once: all answered calmly, one enrollment, one welcome", async () => {
    const email = uniqueEmail("bevestig");
    await postForm("/inschrijven", { email });
    const link = linkIn((await mailsTo(email))[0]!.text, "/bevestig/");
    const responses = await five(() => request(link, { method: "POST" }));
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("Je bent ingeschreven");
    }
    const subscriber = (await subscriberByEmail(email))!;
    expect(subscriber.status).toBe("active");
    expect(await db.select().from(enrollments).where(eq(enrollments.subscriberId, subscriber.id)).all()).toHaveLength(
      1,
    );
    const mails = await mailsTo(email);
    expect(mails.filter((mail) => mail.subject === "Welkom bij Rust en richting")).toHaveLength(1);
  });

  it("store one answer: all answered calmly, one row", async () => {
    const reader = await readerWithLesson();
    const responses = await five(() => request(reader.answerLinks[1]!, { method: "POST" }));
    for (const response of responses) calm(response);
    expect(await db.select().from(answers).where(eq(answers.subscriberId, reader.subscriber.id)).all()).toHaveLength(1);
  });
});
