import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { typographicQuotes } from "../emails/_components/typography.ts";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { type CourseMail, courseMails, sampleMail } from "../worker/domain/mails/course-previews.ts";
import { composers } from "../worker/domain/mails/index.ts";
import { config } from "../worker/mechanisms/lib/config.ts";
import { db } from "./helpers.ts";

const fromHtml = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Every kind of mail a reader can get, as its composer makes it. */
const everyMail: CourseMail[] = courseMails();

describe("every mail's HTML", () => {
  for (const mail of everyMail) {
    it(`${mail.name}: has a <title>, and it is the subject`, async () => {
      const composed = await sampleMail(config(env), db, mail, "lezer@voorbeeld.nl");
      const title = /<title>([^<]*)<\/title>/.exec(composed.html)?.[1];
      expect(title).toBeDefined();
      expect(fromHtml(title!)).toBe(composed.subject);
      expect(composed.subject).toBe(await composers[mail.kind].subject(mail.ref, db));
    });
  }
});

describe("quotes in mails", () => {
  it("are curly, whichever the author typed", () => {
    expect(typographicQuotes(`Ze zei: "nee" en 'ja'.`)).toBe("Ze zei: \u201cnee\u201d en \u2018ja\u2019.");
    expect(typographicQuotes("alinea's en 's avonds, zo'n dag ('t is goed)")).toBe(
      "alinea\u2019s en \u2019s avonds, zo\u2019n dag (\u2019t is goed)",
    );
    expect(typographicQuotes("\u201cal goed\u201d blijft")).toBe("\u201cal goed\u201d blijft");
  });

  it("leave code, link targets and tags in Markdown alone", () => {
    expect(typographicQuotes(`Zie ["hier"](https://x.nl/?a="b") en \`"code"\` <a href="x">`)).toBe(
      `Zie [\u201chier\u201d](https://x.nl/?a="b") en \`"code"\` <a href="x">`,
    );
  });

  it("reach the reader curly in a lesson: the fixture's straight apostrophe arrives as ’", async () => {
    const lesson = everyMail.find((mail) => mail.kind === "lesson" && mail.ref === defaultSeries.lessons[0]!.slug)!;
    const composed = await sampleMail(config(env), db, lesson, "lezer@voorbeeld.nl");
    expect(composed.text).toContain("alinea\u2019s");
    expect(composed.text).not.toContain("alinea's");
  });
});
