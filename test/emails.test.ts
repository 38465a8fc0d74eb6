import { beforeAll, describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { allLinks, BASE, enrollmentOf, runCron, subscribeAndConfirm, waitForMails } from "./helpers.ts";

/** The fixture course's first series, where every reader starts. */
const course = defaultSeries.lessons;

/** Gmail clips a message's HTML beyond 102 KB; we stay clear of that. */
const MAX_HTML_BYTES = 100 * 1024;

function bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** One reader, walked through the whole course by the cron, as in production: every mail as it was composed and sent. */
async function wholeCourse() {
  const { email, subscriber } = await subscribeAndConfirm("Anna");
  let due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
  for (let sent = 1; sent <= course.length; sent++) {
    await runCron(due);
    due = (await enrollmentOf(subscriber.id))!.nextSendAt ?? due;
  }
  return waitForMails(email, course.length + 3);
}

describe("every lesson as it reaches a reader", () => {
  let bySubject: Map<string, Awaited<ReturnType<typeof wholeCourse>>[number]>;
  beforeAll(async () => {
    bySubject = new Map((await wholeCourse()).map((mail) => [mail.subject, mail]));
  });

  for (const lesson of course) {
    it(`lesson ${lesson.order}, ${lesson.title}: answer links, unsubscribe link and headers, under 100 KB`, () => {
      const mail = bySubject.get(lesson.title);
      expect(mail, "the lesson was sent").toBeDefined();
      const { html, text, headers } = mail!;

      expect(bytes(html)).toBeLessThan(MAX_HTML_BYTES);
      expect(html).toContain('lang="nl"');

      const answerLinks = allLinks(text, "/reflectie/");
      expect(answerLinks.map((link) => link.split("/").pop())).toEqual(
        lesson.question.answers.map((_, index) => String(index + 1)),
      );
      lesson.question.answers.forEach((answer, index) => {
        expect(html).toContain(`href="${BASE}${answerLinks[index]}"`);
        expect(text).toContain(`${answer.label}\n${BASE}${answerLinks[index]}`);
      });

      const [unsubscribe, ...more] = allLinks(text, "/afmelden/");
      expect(more).toEqual([]);
      expect(text).toContain(`Afmelden\n${BASE}${unsubscribe}`);
      expect(html).toContain(`href="${BASE}${unsubscribe}"`);
      expect(html).toContain(">Afmelden</a>");
      expect(headers["List-Unsubscribe"]).toBe(`<${BASE}${unsubscribe}>`);
      expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      expect(allLinks(text, "/voorkeuren/")).toHaveLength(1);
      expect(text).toContain(`Waar je hulp vindt\n${BASE}/hulp`);
      expect(text).toContain("113 of 0800-0113");

      expect(text).toContain(lesson.title);
      expect(text).toContain(lesson.question.prompt);
      expect(text).toContain("Hoi Anna,");
      expect(text).not.toMatch(/<\/?[a-z][^>]*>|&(#x?[0-9a-f]+|amp|lt|gt|quot|nbsp);/i);
    });
  }

  it("ends with the closing mail, which carries the unsubscribe link and headers too", () => {
    const mail = bySubject.get("Je hebt de hele reeks gelezen");
    expect(mail).toBeDefined();
    const [unsubscribe] = allLinks(mail!.text, "/afmelden/");
    expect(mail!.headers["List-Unsubscribe"]).toBe(`<${BASE}${unsubscribe}>`);
    expect(mail!.html).toContain(">Afmelden</a>");
    expect(mail!.html).toContain(`href="${BASE}/hulp"`);
    expect(bytes(mail!.html)).toBeLessThan(MAX_HTML_BYTES);
  });

  it("starts with the welcome mail, which says where to find help", () => {
    const mail = bySubject.get("Welkom bij Rust en richting");
    expect(mail).toBeDefined();
    expect(mail!.text).toContain("Wordt het je te veel? Praat erover met je huisarts.");
    expect(mail!.text).toContain("1813");
    expect(mail!.text).toContain(`Waar je hulp vindt\n${BASE}/hulp`);
  });
});
