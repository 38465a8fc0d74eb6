import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { enrollments } from "../worker/mechanisms/db/schema.ts";
import {
  allLinks,
  db,
  enrollmentOf,
  lessonsReceived,
  mailsTo,
  postForm,
  readerWithLesson,
  request,
  runCron,
  subscriberByEmail,
  waitForMails,
} from "./helpers.ts";

const WEEK = 7 * 86_400_000;

describe("the reader's preferences page", () => {
  it("shows where the reader stands and changes nothing on GET", async () => {
    const { subscriber, preferences: path } = await readerWithLesson();
    const before = await enrollmentOf(subscriber.id);
    const response = await request(path);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain("Nu even niet");
    expect(body).toContain("om 7:00 uur krijg je een les");
    expect(body).toContain("Je volgende les komt op");
    expect(await enrollmentOf(subscriber.id)).toEqual(before);
  });

  it("pauses the lessons ('nu even niet'), and resuming keeps the lesson on the reader's own weekday and hour", async () => {
    const { email, subscriber, preferences: path } = await readerWithLesson();
    const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    const paused = await postForm(path, { actie: "pauzeren" });
    expect(paused.status).toBe(200);
    const pausedPage = await paused.text();
    expect(pausedPage).toContain("Je lessen staan <strong>op pauze</strong>.");
    expect(pausedPage.replace(/<[^>]+>/g, "").match(/op pauze/gi)).toHaveLength(1);
    expect((await enrollmentOf(subscriber.id))?.state).toBe("paused");

    const resumedAtOnce = await postForm(path, { actie: "hervatten" });
    expect(await resumedAtOnce.text()).toContain("Je volgende les komt op je vaste dag en tijd.");
    expect(await enrollmentOf(subscriber.id)).toMatchObject({ state: "active", nextSendAt: due });

    // A pause that lasted: the slot the reader was waiting for has passed.
    await postForm(path, { actie: "pauzeren" });
    await db
      .update(enrollments)
      .set({ nextSendAt: due - 2 * WEEK, lastLessonAt: due - 3 * WEEK })
      .where(eq(enrollments.subscriberId, subscriber.id));
    await runCron(due - 2 * WEEK);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await mailsTo(email)).toHaveLength(3);

    await postForm(path, { actie: "hervatten" });
    const resumed = (await enrollmentOf(subscriber.id))!;
    expect(resumed.state).toBe("active");
    expect(await lessonsReceived(subscriber.id)).toHaveLength(1);
    // The first of the reader's own slots that has not passed: same weekday, same hour, not the next morning.
    // On her weekday before her hour (the test's signup sent lesson 1 then) that is today's, a week before `due`.
    expect(resumed.nextSendAt).toBe(due - WEEK > Date.now() ? due - WEEK : due);
    await runCron(resumed.nextSendAt!);
    await waitForMails(email, 4);
  });

  it("skips one week: the next lesson comes a week later, on the same weekday and hour", async () => {
    const { subscriber, preferences: path } = await readerWithLesson();
    const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    const response = await postForm(path, { actie: "overslaan" });
    expect(await response.text()).toContain("je volgende les komt een week later");
    expect((await enrollmentOf(subscriber.id))!.nextSendAt).toBe(due + WEEK);
  });

  it("moves the lessons to another hour and weekday, and shows the next date in the reader's zone", async () => {
    const { subscriber, preferences: path } = await readerWithLesson();
    const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    const weekday = (await enrollmentOf(subscriber.id))!.weekday;
    const response = await postForm(path, {
      actie: "ritme",
      dag: String(weekday),
      uur: "20",
      tempo: "1",
      tijdzone: "Europe/Amsterdam",
    });
    const enrollment = (await enrollmentOf(subscriber.id))!;
    expect(enrollment.sendHour).toBe(20);
    expect(enrollment.nextSendAt).toBe(due + 13 * 3_600_000);
    const body = await response.text();
    expect(body).toContain("om 20:00 uur krijg je een les");
    expect(body).toContain("(tijd in Europe/Amsterdam)");
  });

  it("refuses a time zone it does not know, in Dutch, beside the field, and changes nothing", async () => {
    const { subscriber, preferences: path } = await readerWithLesson();
    const before = await enrollmentOf(subscriber.id);
    const response = await postForm(path, { actie: "ritme", dag: "2", uur: "7", tempo: "1", tijdzone: "Mars/Olympus" });
    expect(response.status).toBe(422);
    const body = await response.text();
    expect(body).toContain('aria-describedby="tijdzone-fout"');
    expect(body).toContain("Die tijdzone kennen we niet.");
    expect(await enrollmentOf(subscriber.id)).toEqual(before);
  });

  it("keeps what the reader typed in a refused rhythm form, to correct rather than type again", async () => {
    const { preferences: path } = await readerWithLesson();
    const response = await postForm(path, {
      actie: "ritme",
      dag: "4",
      uur: "21",
      tempo: "2",
      tijdzone: "Europe/Amsterdan",
    });
    expect(response.status).toBe(422);
    const body = await response.text();
    expect(body).toMatch(/<input type="text" id="tijdzone" name="tijdzone" list="tijdzones" value="Europe\/Amsterdan"/);
    expect(body).toContain('<option value="4" selected>donderdag</option>');
    expect(body).toContain('<option value="21" selected>21:00 uur</option>');
    expect(body).toContain('<option value="2" selected>Om de week</option>');
  });

  it("offers Amsterdam and Brussels first in a list of every zone, and the browser's zone by a small script", async () => {
    const { preferences: path } = await readerWithLesson();
    const body = await (await request(path)).text();
    const zones = [...body.matchAll(/<option value="([A-Za-z_]+\/[^"]+)"><\/option>/g)].map((match) => match[1]);
    expect(zones.slice(0, 2)).toEqual(["Europe/Amsterdam", "Europe/Brussels"]);
    for (const zone of ["America/New_York", "Australia/Sydney", "Pacific/Chatham"]) expect(zones).toContain(zone);
    expect(zones.some((zone) => zone === "Asia/Kolkata" || zone === "Asia/Calcutta")).toBe(true);
    expect(body).toMatch(/<script nonce="[^"]+">[\s\S]*resolvedOptions\(\)\.timeZone/);
  });

  it("unsubscribes with a button on the reader's own page", async () => {
    const { subscriber, preferences: path } = await readerWithLesson();
    expect(await (await request(path)).text()).toContain("Meld me af");
    const response = await postForm(path, { actie: "afmelden" });
    expect(await response.text()).toContain("Je bent afgemeld.");
    expect((await subscriberByEmail(subscriber.email))!.status).toBe("unsubscribed");
    expect((await enrollmentOf(subscriber.id))!.state).toBe("stopped");
  });

  it("refuses an unknown action or hour with a calm message and changes nothing", async () => {
    const { subscriber, preferences: path } = await readerWithLesson();
    const before = await enrollmentOf(subscriber.id);
    const attempts: Record<string, string>[] = [
      { actie: "verwijderen" },
      { actie: "ritme", dag: "2", uur: "3", tempo: "1", tijdzone: "Europe/Amsterdam" },
      { actie: "ritme", dag: "8", uur: "7", tempo: "1", tijdzone: "Europe/Amsterdam" },
      { actie: "ritme", dag: "2", uur: "7", tempo: "3", tijdzone: "Europe/Amsterdam" },
      { actie: "reeks", reeks: "bestaat-niet" },
      {},
    ];
    for (const fields of attempts) {
      const response = await postForm(path, fields);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("er is niets veranderd");
    }
    expect(await enrollmentOf(subscriber.id)).toEqual(before);
  });

  it("pauses nothing when the form is over the size limit, declared, streamed or with a length that is no number", async () => {
    const { subscriber, preferences: path } = await readerWithLesson();
    const before = await enrollmentOf(subscriber.id);
    const form = new TextEncoder().encode(
      new URLSearchParams({ actie: "pauzeren", opvulling: "a".repeat(70_000) }).toString(),
    );
    const streamed = () =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(form);
          controller.close();
        },
      });
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    for (const init of [
      { body: form, headers },
      { body: streamed(), headers },
      { body: streamed(), headers: { ...headers, "content-length": "veel" } },
    ]) {
      const response = await request(path, { method: "POST", ...init });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("er is niets veranderd");
    }
    expect(await enrollmentOf(subscriber.id)).toEqual(before);
  });

  it("does not accept an unsubscribe token as a preferences token", async () => {
    const { email } = await readerWithLesson();
    const [lesson] = await mailsTo(email);
    const unsubscribeToken = allLinks(lesson!.text, "/afmelden/")[0]!.split("/")[2];
    const response = await request(`/voorkeuren/${unsubscribeToken}`);
    expect(response.status).toBe(404);
  });
});
