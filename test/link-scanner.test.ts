import { exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { answers, deliveries } from "../worker/mechanisms/db/schema.ts";
import { settledRows } from "./db-snapshot.ts";
import {
  allLinks,
  db,
  enrollmentOf,
  mailsTo,
  postForm,
  request,
  runCron,
  subscribeAndConfirm,
  subscriberByEmail,
  uniqueEmail,
  waitForMails,
} from "./helpers.ts";
import { scanMails } from "./link-scanner.ts";

/** The fixture course's first series, where every reader starts. */
const course = defaultSeries.lessons;

type Mail = Awaited<ReturnType<typeof mailsTo>>[number];

/** Scans the mails and proves that no table changed; returns the paths the scanner fetched. */
async function scanChangesNothing(mails: Mail[]): Promise<string[]> {
  const before = await settledRows();
  const { links, statuses } = await scanMails(mails);
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
  expect(await settledRows()).toEqual(before);
  return links.map((link) => new URL(link).pathname);
}

const kinds = (paths: string[]) => [...new Set(paths.map((path) => path.split("/")[1]))].sort();

describe("a mail scanner fetching every link of every mail", () => {
  it("does not confirm a pending signup", async () => {
    const email = uniqueEmail();
    await postForm("/inschrijven", { email, voornaam: "Sanne" });
    const paths = await scanChangesNothing(await mailsTo(email));
    expect(kinds(paths)).toEqual(expect.arrayContaining(["bevestig"]));
    expect((await subscriberByEmail(email))?.status).toBe("pending");
  });

  it("changes nothing for a reader who just got the welcome and the first lesson", async () => {
    const { email } = await subscribeAndConfirm();
    const paths = await scanChangesNothing(await waitForMails(email, 3));
    expect(kinds(paths)).toEqual(expect.arrayContaining(["afmelden", "bevestig", "reflectie", "voorkeuren"]));
  });

  it("stores no answer, pauses and unsubscribes nobody, for each weekly lesson and the closing mail right after delivery", async () => {
    const { email, subscriber } = await subscribeAndConfirm();
    let mails = await waitForMails(email, 3);
    for (let step = 0; step <= course.length; step++) {
      const { nextSendAt } = (await enrollmentOf(subscriber.id))!;
      if (nextSendAt === null) break;
      await runCron(nextSendAt);
      mails = await waitForMails(email, mails.length + 1);
      await scanChangesNothing([mails[0]!]);
    }
    expect(mails).toHaveLength(course.length + 3);
    expect(await db.select().from(answers).where(eq(answers.subscriberId, subscriber.id)).all()).toEqual([]);
    expect((await subscriberByEmail(email))?.status).toBe("active");
  }, 60_000);

  it("leaves a reader's answer, words, pause and send hour as they set them", async () => {
    const { email, subscriber } = await subscribeAndConfirm();
    const mails = await waitForMails(email, 3);
    const answerLinks = allLinks(mails[0]!.text, "/reflectie/");
    const preferences = allLinks(mails[0]!.text, "/voorkeuren/")[0]!;
    await request(answerLinks[0]!, { method: "POST" });
    await postForm(`/reflectie/${answerLinks[0]!.split("/")[2]}`, { notitie: "Vooral 's avonds.", delen: "ja" });
    await postForm(preferences, { actie: "ritme", dag: "3", uur: "20", tempo: "2", tijdzone: "Europe/Brussels" });
    await postForm(preferences, { actie: "pauzeren" });

    await scanChangesNothing(mails);
    const [answer] = await db.select().from(answers).where(eq(answers.subscriberId, subscriber.id)).all();
    const question = course.find((lesson) => lesson.question.id === answer!.questionId)!.question;
    expect(answerLinks[0]!.split("/")[3]).toBe("1");
    expect(answer).toMatchObject({ answerKey: question.answers[0]!.key, note: "Vooral 's avonds." });
    expect(await enrollmentOf(subscriber.id)).toMatchObject({
      state: "paused",
      weekday: 3,
      sendHour: 20,
      pace: 2,
      timeZone: "Europe/Brussels",
    });
  });

  it("does not bring back a reader who left and has a fresh confirmation mail waiting", async () => {
    const { email, subscriber } = await subscribeAndConfirm();
    const [lesson] = await waitForMails(email, 3);
    await postForm(allLinks(lesson!.text, "/afmelden/")[0]!, { "List-Unsubscribe": "One-Click" });
    await postForm("/inschrijven", { email });

    await scanChangesNothing(await waitForMails(email, 4));
    expect((await subscriberByEmail(email))?.status).toBe("pending");
    expect((await enrollmentOf(subscriber.id))?.state).toBe("stopped");
  });
});

const oneClickBodies = {
  urlencoded: () => ({
    body: "List-Unsubscribe=One-Click",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  }),
  multipart: () => {
    const body = new FormData();
    body.set("List-Unsubscribe", "One-Click");
    return { body };
  },
};

describe("the RFC 8058 one-click unsubscribe, as a mail provider sends it", () => {
  it.each(Object.keys(oneClickBodies) as (keyof typeof oneClickBodies)[])(
    "unsubscribes on a %s POST to the List-Unsubscribe URL, without cookies, before any later send",
    async (encoding) => {
      const { email, subscriber } = await subscribeAndConfirm();
      const mails = await waitForMails(email, 3);
      await scanMails(mails, 1);
      const { headers } = mails[0]!;
      expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      const url = /^<(https:\/\/[^>]+)>$/.exec(headers["List-Unsubscribe"] ?? "")![1]!;
      const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;

      const response = await exports.default.fetch(
        new Request(url, { method: "POST", redirect: "manual", ...oneClickBodies[encoding]() }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(await response.text()).toContain("Je bent afgemeld");
      expect((await subscriberByEmail(email))?.status).toBe("unsubscribed");
      expect((await enrollmentOf(subscriber.id))?.state).toBe("stopped");

      const rows = () => db.select().from(deliveries).where(eq(deliveries.subscriberId, subscriber.id)).all();
      const claimed = await rows();
      await runCron(due);
      await runCron(due + 30 * 86_400_000);
      await settledRows();
      // Nothing new is claimed; a month on, compaction has let go of the rows only sending needed (sending/compact.ts).
      expect(await rows()).toEqual(claimed.filter((row) => row.kind === "lesson"));
      expect(await mailsTo(email)).toHaveLength(3);
    },
  );
});
