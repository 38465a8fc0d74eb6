import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { subscribers } from "../worker/mechanisms/db/schema.ts";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { settledRows } from "./db-snapshot.ts";
import {
  db,
  enrollmentOf,
  lessonsReceived,
  linkIn,
  mailsTo,
  postForm,
  request,
  subscriberByEmail,
  uniqueEmail,
} from "./helpers.ts";

/** The fixture course's first series, where every reader starts. */
const course = defaultSeries.lessons;

async function pendingReader() {
  const email = uniqueEmail();
  await postForm("/inschrijven", { email, voornaam: "Bram" });
  const [confirmation] = await mailsTo(email);
  return { email, confirmPath: linkIn(confirmation!.text, "/bevestig/") };
}

describe("confirming", () => {
  it("does not confirm on a plain GET, as a link scanner would fetch it", async () => {
    const { email, confirmPath } = await pendingReader();
    const before = await settledRows();
    const response = await request(confirmPath);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(await response.text()).toContain(`<form method="post" action="${confirmPath}">`);
    expect(await settledRows()).toEqual(before);
    expect((await subscriberByEmail(email))?.status).toBe("pending");
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it("leaves confirming to a person's press of the button: the page carries no script and says so plainly", async () => {
    const { confirmPath } = await pendingReader();
    const response = await request(confirmPath);
    const body = await response.text();
    expect(response.headers.get("content-security-policy")).toContain("script-src");
    expect(body).not.toMatch(/<script\b/i);
    expect(body).not.toContain("data-auto");
    expect(body).toContain("<h1>Bevestig je inschrijving</h1>");
    expect(body).toContain("Met één druk op de knop hieronder bevestig je je inschrijving.");
    expect(body.match(/<button[^>]*>Ja, schrijf me in<\/button>/g)).toHaveLength(1);
  });

  it("confirms by POST, enrolls the reader and sends the welcome and lesson 1 at once", async () => {
    const { email, confirmPath } = await pendingReader();
    const before = Date.now();
    const response = await request(confirmPath, { method: "POST" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Je bent ingeschreven");

    const subscriber = (await subscriberByEmail(email))!;
    expect(subscriber.status).toBe("active");
    const enrollment = (await enrollmentOf(subscriber.id))!;
    expect(enrollment.state).toBe("active");
    expect(await lessonsReceived(subscriber.id)).toEqual([course[0]!.slug]);

    const confirmedDay = new Date(before);
    const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" })
      .format(confirmedDay)
      .split("-")
      .map(Number);
    expect(enrollment.nextSendAt).toBe(amsterdamTime(parts[0]!, parts[1]!, parts[2]! + 7, 7));

    const subjects = (await mailsTo(email)).map((mail) => mail.subject);
    expect(subjects).toEqual([course[0]!.title, "Welkom bij Rust en richting", "Bevestig je inschrijving"]);
  });

  it("tells a reader who clicks her link again that she is subscribed already, with the way to her page, and sends nothing", async () => {
    const { email, confirmPath } = await pendingReader();
    await request(confirmPath, { method: "POST" });
    const [lesson] = await mailsTo(email);
    const ownPage = linkIn(lesson!.text, "/voorkeuren/");
    for (const method of ["GET", "POST"]) {
      const again = await request(confirmPath, { method });
      expect(again.status).toBe(200);
      const body = await again.text();
      expect(body).toContain("Je bent al ingeschreven");
      expect(body).toContain("Je hebt je inschrijving eerder al bevestigd");
      expect(body).toContain(`href="${ownPage}"`);
      expect(body).not.toContain("Deze link werkt niet");
    }
    expect(await mailsTo(email)).toHaveLength(3);
    expect((await request(ownPage)).status).toBe(200);
  });

  it("still knows a confirmed reader's link after the seven days a pending one has", async () => {
    const { email, confirmPath } = await pendingReader();
    await request(confirmPath, { method: "POST" });
    await db
      .update(subscribers)
      .set({ confirmExpiresAt: Date.now() - 1 })
      .where(eq(subscribers.email, email));
    const again = await request(confirmPath);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("Je bent al ingeschreven");
  });

  it("does not lead a reader who left from an old confirmation link to her page", async () => {
    const { email, confirmPath } = await pendingReader();
    await request(confirmPath, { method: "POST" });
    const [lesson] = await mailsTo(email);
    await postForm(linkIn(lesson!.text, "/afmelden/"), { "List-Unsubscribe": "One-Click" });
    const again = await request(confirmPath);
    const body = await again.text();
    expect(body).not.toContain("/voorkeuren/");
    expect((await subscriberByEmail(email))?.status).toBe("unsubscribed");
  });

  it("answers an unknown or malformed token with a helpful page and the way back to the form", async () => {
    for (const path of [`/bevestig/${"A".repeat(43)}`, "/bevestig/kort", "/bevestig/%3Cscript%3E"]) {
      for (const method of ["GET", "POST"]) {
        const response = await request(path, { method });
        expect(response.status).toBe(404);
        const body = await response.text();
        expect(body).toContain("Deze link werkt niet (meer)");
        expect(body).toContain('href="/"');
      }
    }
  });

  it("no longer accepts a confirmation link after seven days", async () => {
    const { email, confirmPath } = await pendingReader();
    await db
      .update(subscribers)
      .set({ confirmExpiresAt: Date.now() - 1 })
      .where(eq(subscribers.email, email));
    const response = await request(confirmPath, { method: "POST" });
    expect(response.status).toBe(404);
    expect((await subscriberByEmail(email))?.status).toBe("pending");
  });
});
