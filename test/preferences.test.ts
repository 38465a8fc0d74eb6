import { describe, expect, it } from "vitest";
import { nextAtHour } from "../worker/preferences/preferences.ts";
import {
  allLinks,
  enrollmentOf,
  mailsTo,
  postForm,
  readerWithLesson,
  request,
  runCron,
  waitForMails,
} from "./helpers.ts";

describe("the reader's preferences page", () => {
  it("shows where the reader stands and changes nothing on GET", async () => {
    const { subscriber, preferences: path } = await readerWithLesson();
    const before = await enrollmentOf(subscriber.id);
    const response = await request(path);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain("Nu even niet");
    expect(body).toContain("7:00 uur");
    expect(await enrollmentOf(subscriber.id)).toEqual(before);
  });

  it("pauses the lessons ('nu even niet') and resumes them at the reader's next send hour", async () => {
    const { email, subscriber, preferences: path } = await readerWithLesson();
    const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    const paused = await postForm(path, { actie: "pauzeren" });
    expect(paused.status).toBe(200);
    expect(await paused.text()).toContain("Je lessen staan op pauze.");
    expect((await enrollmentOf(subscriber.id))?.state).toBe("paused");

    await runCron(due);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await mailsTo(email)).toHaveLength(3);

    const before = Date.now();
    await postForm(path, { actie: "hervatten" });
    const resumed = (await enrollmentOf(subscriber.id))!;
    expect(resumed.state).toBe("active");
    expect(resumed.position).toBe(1);
    expect(resumed.nextSendAt).toBe(nextAtHour(before, 7));
    await runCron(resumed.nextSendAt!);
    await waitForMails(email, 4);
  });

  it("moves the lessons to another hour of the same day", async () => {
    const { subscriber, preferences: path } = await readerWithLesson();
    const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    await postForm(path, { actie: "tijdstip", uur: "20" });
    const enrollment = (await enrollmentOf(subscriber.id))!;
    expect(enrollment.sendHour).toBe(20);
    expect(enrollment.nextSendAt).toBe(due + 13 * 3_600_000);
  });

  it("refuses an unknown action or hour with a calm message and changes nothing", async () => {
    const { subscriber, preferences: path } = await readerWithLesson();
    const before = await enrollmentOf(subscriber.id);
    const attempts: Record<string, string>[] = [
      { actie: "verwijderen" },
      { actie: "tijdstip", uur: "3" },
      { actie: "tijdstip", uur: "<b>" },
      {},
    ];
    for (const fields of attempts) {
      const response = await postForm(path, fields);
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
