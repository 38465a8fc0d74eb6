import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { deliveries } from "../worker/mechanisms/db/schema.ts";
import {
  allLinks,
  db,
  enrollmentOf,
  lessonsReceived,
  linkIn,
  mailsTo,
  postForm,
  readerWithLesson,
  request,
  runCron,
  subscriberByEmail,
  waitForMails,
} from "./helpers.ts";

const [first, second, third] = defaultSeries.lessons;

/** A reader who had two lessons, left, and signed up again: their new confirmation link. */
async function returningReader() {
  const reader = await readerWithLesson();
  await runCron((await enrollmentOf(reader.subscriber.id))!.nextSendAt!);
  await waitForMails(reader.email, 4);
  await postForm(reader.unsubscribe, { "List-Unsubscribe": "One-Click" });
  await postForm("/inschrijven", { email: reader.email });
  const [confirmation] = await waitForMails(reader.email, 5);
  expect(confirmation!.subject).toBe("Bevestig je inschrijving");
  return { ...reader, confirmation: confirmation!, confirm: linkIn(confirmation!.text, "/bevestig/") };
}

describe("a reader who comes back after leaving", () => {
  it("is told in the mail and on the page that she chooses, and a GET changes nothing", async () => {
    const { confirmation, confirm, subscriber } = await returningReader();
    expect(confirmation.text).toContain("Daarna kies je of je verdergaat waar je was, of opnieuw begint bij les 1.");
    expect(confirmation.text).not.toContain("meteen je eerste les");
    const response = await request(confirm);
    const body = await response.text();
    expect(body).toContain("<h1>Welkom terug</h1>");
    expect(body).toContain(`Je had al 2 van de ${defaultSeries.lessons.length} lessen`);
    expect(body).toContain("Ga verder bij les 3");
    expect(body).toContain("Begin opnieuw bij les 1");
    expect(body).not.toContain("data-auto");
    expect((await subscriberByEmail(subscriber.email))!.status).toBe("pending");
  });

  it("goes on where she left off: lesson 3 next, and a welcome that says so", async () => {
    const { confirm, email, subscriber } = await returningReader();
    const response = await postForm(confirm, { keuze: "verder" });
    expect(await response.text()).toContain("Je volgende les komt zo in je mailbox.");
    const mails = await waitForMails(email, 7);
    expect(mails[0]!.subject).toBe(third!.title);
    const welcome = mails.find((mail) => mail.subject === "Welkom bij Rust en richting" && mail.text.includes("weer"));
    expect(welcome?.text).toContain("Je inschrijving is weer bevestigd.");
    expect(welcome?.text).not.toContain("Je eerste les komt zo meteen binnen.");
    expect(await lessonsReceived(subscriber.id)).toEqual([first!.slug, second!.slug, third!.slug]);
  });

  it("begins again at lesson 1, as a new mail with links of its own", async () => {
    const { confirm, email, subscriber } = await returningReader();
    const response = await postForm(confirm, { keuze: "opnieuw" });
    expect(await response.text()).toContain("Les 1 komt zo in je mailbox.");
    const [lesson] = await waitForMails(email, 7);
    expect(lesson!.subject).toBe(first!.title);
    expect(await lessonsReceived(subscriber.id)).toEqual([first!.slug]);
    const rows = await db
      .select({ round: deliveries.round })
      .from(deliveries)
      .where(and(eq(deliveries.subscriberId, subscriber.id), eq(deliveries.ref, first!.slug)))
      .all();
    expect(rows.map((row) => row.round ?? 1).sort()).toEqual([1, 2]);
    expect(allLinks(lesson!.text, "/reflectie/").length).toBeGreaterThan(0);
  });

  it("still welcomes a new reader to her first lesson", async () => {
    const { email } = await readerWithLesson();
    const welcome = (await mailsTo(email)).find((mail) => mail.subject === "Welkom bij Rust en richting");
    expect(welcome!.text).toContain("Je eerste les komt zo meteen binnen.");
  });
});
