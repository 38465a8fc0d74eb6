import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { issueBodyHtml } from "../emails/_components/markdown.ts";
import { mailElements, type Reader } from "../scripts/mail-templates.ts";
import { course } from "../worker/domain/course/course.ts";
import { confirmationToken } from "../worker/domain/mails/confirmation.ts";
import { composers } from "../worker/domain/mails/index.ts";
import { SAMPLE_LINKS_PATH, sampleMail } from "../worker/domain/mails/newsletter-previews.ts";
import { personalise } from "../worker/domain/mails/templates.ts";
import { createIssue } from "../worker/domain/newsletter/issues.ts";
import { database } from "../worker/mechanisms/db/client.ts";
import type { DeliveryKind } from "../worker/mechanisms/db/schema.ts";
import { type Config, config } from "../worker/mechanisms/lib/config.ts";
import { READER_MARKERS } from "../worker/mechanisms/mail/markers.ts";
import { renderMail } from "../worker/mechanisms/mail/render.ts";
import type { BatchDelivery } from "../worker/mechanisms/sending/batches.ts";
import { personalTokens, signerForDelivery } from "../worker/mechanisms/sending/delivery-id.ts";

const hostileNames = [
  undefined,
  "",
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
  READER_MARKERS.unsubscribeToken,
  `\u0080\u0080${READER_MARKERS.confirmToken}\u0080`,
  "Wilhelmina ".repeat(60).trim(),
];

/** The Worker's copy of a mail (its composer, from the build's template) and a full React render of the same mail. */
async function bothWays(
  cfg: Config,
  kind: DeliveryKind,
  ref: string,
  firstName: string | undefined,
  element: (reader: Reader) => Parameters<typeof renderMail>[0],
  after?: string,
) {
  const delivery: BatchDelivery = {
    id: "vergelijking",
    kind,
    ref,
    subscriberId: `lezer-${kind}`,
    email: "lezer@example.test",
    firstName: firstName ?? null,
    subscriberStatus: composers[kind].sendsTo,
    round: null,
  };
  const reader = {
    firstName,
    ...(await personalTokens(cfg, delivery)),
    confirmToken: await confirmationToken(await signerForDelivery(cfg, delivery), delivery.subscriberId, ref),
  };
  const [worker, react] = await Promise.all([
    composers[kind].compose(cfg, delivery, database(env), after),
    renderMail(element(reader)),
  ]);
  return { worker, react };
}

async function expectIdentical(...args: Parameters<typeof bothWays>) {
  const { worker, react } = await bothWays(...args);
  expect(worker.html).toBe(react.html);
  expect(worker.text).toBe(react.text);
}

describe("mails rendered at build time, filled in by the Worker", () => {
  const cfg = () => config(env);

  // Every lesson of every series, every series' closing mail, and the closing mail's ref from before series.
  const refs = [
    ...course.series.flatMap((series) => [
      ...series.lessons.map((lesson) => ({ kind: "lesson" as const, ref: lesson.slug })),
      { kind: "closing" as const, ref: series.id },
    ]),
    { kind: "closing" as const, ref: "afsluiting" },
  ];
  for (const { kind, ref } of refs) {
    it(`${kind} ${ref}: byte-identical to a full React render, for every hostile name`, async () => {
      for (const firstName of hostileNames)
        await expectIdentical(cfg(), kind, ref, firstName, (reader) => mailElements.course(cfg(), ref, reader));
    });
  }

  // Every line a lesson opens with for an answer to the previous one: kept as a change to the lesson's template.
  const variants = course.series.flatMap((series) =>
    series.lessons.flatMap((lesson) => Object.keys(lesson.after ?? {}).map((after) => ({ ref: lesson.slug, after }))),
  );
  it("has lessons that open with a line for last week's answer, to compare", () => {
    expect(variants.length).toBeGreaterThan(0);
  });
  for (const { ref, after } of variants) {
    it(`lesson ${ref} after "${after}": byte-identical to a full React render, for every hostile name`, async () => {
      for (const firstName of hostileNames)
        await expectIdentical(
          cfg(),
          "lesson",
          ref,
          firstName,
          (reader) => mailElements.course(cfg(), ref, reader, after),
          after,
        );
    });
  }

  it("confirmation, welcome and own links: byte-identical to a full React render, for every hostile name", async () => {
    for (const firstName of hostileNames) {
      await expectIdentical(cfg(), "confirmation", "nonce-1", firstName, (r) => mailElements.confirmation(cfg(), r));
      await expectIdentical(cfg(), "welcome", "signup-1", firstName, (r) => mailElements.welcome(cfg(), r));
      await expectIdentical(cfg(), "links", "signup-1", firstName, (r) => mailElements.links(cfg(), r));
    }
  });

  it("fills in PUBLIC_URL at run time, escaped as React escapes an attribute", async () => {
    const other = { ...cfg(), PUBLIC_URL: "https://example.test/lezen?van=a&tot='b'" };
    for (const firstName of [undefined, "Anna"]) {
      await expectIdentical(other, "lesson", course.series[0]!.lessons[0]!.slug, firstName, (r) =>
        mailElements.course(other, course.series[0]!.lessons[0]!.slug, r),
      );
      await expectIdentical(other, "confirmation", "nonce-2", firstName, (r) => mailElements.confirmation(other, r));
    }
    const { worker } = await bothWays(other, "welcome", "signup-2", "Anna", (r) => mailElements.welcome(other, r));
    expect(worker.html).toContain('href="https://example.test/lezen?van=a&amp;tot=&#x27;b&#x27;/hulp"');
    expect(worker.text).toContain("https://example.test/lezen?van=a&tot='b'/hulp");
  });

  it("escapes a name in the HTML and keeps it as written in the text", async () => {
    const { worker } = await bothWays(cfg(), "lesson", course.series[0]!.lessons[0]!.slug, "<b>Bo</b> & 'Ann'", (r) =>
      mailElements.course(cfg(), course.series[0]!.lessons[0]!.slug, r),
    );
    expect(worker.html).toContain("Hoi &lt;b&gt;Bo&lt;/b&gt; &amp; &#x27;Ann&#x27;,");
    expect(worker.text).toContain("Hoi <b>Bo</b> & 'Ann',");
  });

  it("refuses a template the build did not render, and a value the mail lacks", () => {
    expect(() => personalise("lesson/geen-les", { url: "https://x.test" })).toThrow(/no mail template/);
    expect(() => personalise("welcome", { url: "https://x.test", firstName: "Anna" })).toThrow(
      /asks for "(preferences|unsubscribe|rhythm)"/,
    );
  });
});

describe("newsletter issues: the build's template with the issue filled in, once per issue", () => {
  const labels = ["<b>Ja</b>", "Nee & toch", `"Misschien"`, "$& $'", "Later 😊"];
  const issues = [
    { subject: "Kort", preheader: "", body: "Eén alinea.", answers: 0 },
    {
      subject: `Rust & "richting" <nu> $1`,
      preheader: `Een regel van 110 tekens & meer: <b>'quotes'</b> ${"x".repeat(66)}`,
      body: "Een **vette** zin met [een link](https://example.test/?a=1&b=2).\n\n## Kop\n\n- een\n- twee\n\n<script>alert(1)</script> $& $1",
      answers: 5,
    },
    { subject: "Twee antwoorden", preheader: "Kort.", body: "> Een citaat\n\nEn tekst.", answers: 2 },
    { subject: "Lange voorvertoning", preheader: "Lang ".repeat(40), body: "Tekst.", answers: 3 },
    {
      subject: `Over ${READER_MARKERS.firstName} en __rr_name_9f2c__`,
      preheader: `${READER_MARKERS.confirmToken} \u0080\u0080 \u0080`,
      body: `\`__rr_confirm_9f2c__\` ${READER_MARKERS.unsubscribeToken} [link](https://example.test/__rr_url_9f2c__/${READER_MARKERS.url}) &#128; &curren; \u0080\u0080 \u0080 \`${READER_MARKERS.answerToken}\``,
      answers: 2,
      prompt: `Ken je ${READER_MARKERS.preferencesToken} of __rr_answer_9f2c__?`,
    },
  ];

  for (const [index, sample] of issues.entries()) {
    it(`issue ${index + 1} (${sample.answers} answers): byte-identical to a full React render, for every hostile name`, async () => {
      const db = database(env);
      const question =
        sample.answers === 0
          ? null
          : {
              prompt: sample.prompt ?? `Wat kies jij & waarom? <${index}>`,
              answers: labels.slice(0, sample.answers).map((label, i) => ({ key: `k${i}`, label })),
            };
      const issue = await createIssue(
        db,
        {
          subject: sample.subject,
          preheader: sample.preheader,
          body: sample.body,
          question,
          // Public issues link to the archive; one leaves out the greeting.
          public: index % 2 === 1,
          greeting: index !== 1,
        },
        Date.now(),
      );
      const content = {
        subject: issue.subject,
        preheader: issue.preheader,
        bodyHtml: issueBodyHtml(issue.body),
        question: issue.question,
        greeting: issue.greeting,
        slug: issue.public ? issue.slug : undefined,
      };
      for (const firstName of hostileNames)
        await expectIdentical(config(env), "newsletter", issue.id, firstName, (r) =>
          mailElements.newsletter(config(env), content, r),
        );
      const preview = sampleMail(config(env), issue);
      const previewConfig = { ...config(env), PUBLIC_URL: `${config(env).PUBLIC_URL}${SAMPLE_LINKS_PATH}` };
      const react = await renderMail(
        mailElements.newsletter(previewConfig, content, {
          firstName: "Anna",
          answerToken: "voorbeeld",
          unsubscribeToken: "voorbeeld",
          preferencesToken: "voorbeeld",
          confirmToken: "voorbeeld",
        }),
      );
      expect(preview).toEqual(react);
    });
  }
});
