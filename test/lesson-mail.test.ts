import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { config } from "../worker/config.ts";
import { defaultSeries } from "../worker/course/course.ts";
import { mailElement, personalisedMail } from "../worker/course/lesson-mail.ts";
import { renderMail } from "../worker/mail/render.ts";

/** The fixture course's first series, where every reader starts. */
const course = defaultSeries.lessons;

const hostileNames = [
  undefined,
  "Anna",
  'Anna "de Vries"',
  "O'Brien & Zn.",
  "<script>alert(1)</script>",
  "Tom &amp; Jerry",
  "Zoë 😊🌱",
  "مريم",
  "שרה כהן",
  "$& $1 $` $'",
  "__rr_unsubscribe_9f2c__",
  "Wilhelmina ".repeat(60).trim(),
];

const tokens = {
  answerToken: "A".repeat(43),
  unsubscribeToken: `${"u-".repeat(21)}x`,
  preferencesToken: `${"p_".repeat(21)}y`,
};

describe("render once, personalise many", () => {
  for (const slug of [course[0]!.slug, course.at(-1)!.slug, defaultSeries.id, "afsluiting"]) {
    it(`is byte-identical to a full render for hostile names (${slug})`, async () => {
      const cfg = config(env);
      for (const firstName of hostileNames) {
        const personal = { ...tokens, firstName };
        const full = await renderMail(mailElement(cfg, slug, personal));
        const fast = await personalisedMail(cfg, slug, personal);
        expect(fast.html).toBe(full.html);
        expect(fast.text).toBe(full.text);
      }
    });
  }

  it("escapes a name in the HTML and keeps it as written in the text", async () => {
    const mail = await personalisedMail(config(env), course[0]!.slug, { ...tokens, firstName: "<b>Bo</b> & 'Ann'" });
    expect(mail.html).toContain("Hoi &lt;b&gt;Bo&lt;/b&gt; &amp; &#x27;Ann&#x27;,");
    expect(mail.text).toContain("Hoi <b>Bo</b> & 'Ann',");
    expect(mail.html).not.toContain("__rr_");
  });
});
