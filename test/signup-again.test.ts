import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { suppress } from "../worker/domain/readers/suppression.ts";
import { consents } from "../worker/mechanisms/db/schema.ts";
import { db, linkIn, mailsTo, postForm, readerWithLesson, request, subscriberByEmail, uniqueEmail } from "./helpers.ts";

const LINKS_SUBJECT = "Je eigen links voor Rust en richting";

/** What the form answers, without what differs on every request. */
async function formAnswer(email: string) {
  const response = await postForm("/inschrijven", { email });
  return { status: response.status, location: response.headers.get("location") };
}

describe("a subscribed reader who signs up again", () => {
  it("gets a mail with her own page, her journal and leaving; the form answers as it does for anyone", async () => {
    const reader = await readerWithLesson();
    const before = await subscriberByEmail(reader.email);
    const stranger = await formAnswer(uniqueEmail("nieuw"));
    expect(await formAnswer(reader.email)).toEqual(stranger);

    const [mail, ...earlier] = await mailsTo(reader.email);
    expect(earlier).toHaveLength(3);
    expect(mail!.subject).toBe(LINKS_SUBJECT);
    expect(mail!.text).toContain("Hoi Anna,");
    expect(mail!.text).toContain("Je bent al ingeschreven");
    // The very links her lessons carry: her page, her journal beneath it, and leaving.
    expect(linkIn(mail!.text, "/voorkeuren/")).toBe(reader.preferences);
    expect(mail!.text).toContain(`${reader.preferences}/reflecties`);
    expect(linkIn(mail!.text, "/afmelden/")).toBe(reader.unsubscribe);
    expect(mail!.headers["List-Unsubscribe"]).toContain(reader.unsubscribe);
    expect((await request(linkIn(mail!.text, "/voorkeuren/"))).status).toBe(200);
    expect((await request(`${reader.preferences}/reflecties`)).status).toBe(200);

    // Nothing about her changed, and no consent was recorded for a signup that changed nothing.
    expect(await subscriberByEmail(reader.email)).toEqual(before);
    expect(await db.select().from(consents).where(eq(consents.subscriberId, reader.subscriber.id)).all()).toHaveLength(
      1,
    );
  });

  it("gets it at most once in ten minutes, however the address is spelled", async () => {
    const reader = await readerWithLesson();
    for (const email of [reader.email, reader.email.toUpperCase(), reader.email])
      expect((await formAnswer(email)).status).toBe(303);
    const subjects = (await mailsTo(reader.email)).map((mail) => mail.subject);
    expect(subjects.filter((subject) => subject === LINKS_SUBJECT)).toHaveLength(1);
    expect(await mailsTo(reader.email.toUpperCase())).toHaveLength(0);
  });

  it("gets it while her lessons are paused too", async () => {
    const reader = await readerWithLesson();
    await postForm(reader.preferences, { actie: "pauzeren" });
    await formAnswer(reader.email);
    expect((await mailsTo(reader.email))[0]!.subject).toBe(LINKS_SUBJECT);
  });

  it("is not sent to a suppressed address", async () => {
    const reader = await readerWithLesson();
    await suppress(db, env.TOKEN_SECRET, [reader.email], "bounce", Date.now());
    expect((await formAnswer(reader.email)).status).toBe(303);
    expect((await mailsTo(reader.email)).map((mail) => mail.subject)).not.toContain(LINKS_SUBJECT);
  });

  it("is not what a reader who left gets: she is asked to confirm again", async () => {
    const reader = await readerWithLesson();
    await postForm(reader.unsubscribe, { "List-Unsubscribe": "One-Click" });
    await formAnswer(reader.email);
    expect((await mailsTo(reader.email))[0]!.subject).toBe("Bevestig je inschrijving");
  });
});
