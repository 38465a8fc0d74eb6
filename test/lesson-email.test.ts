import { createElement } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { markdownToHtml } from "../emails/_components/markdown.ts";
import { palette } from "../emails/_components/theme.ts";
import { LessonEmail, type LessonEmailProps } from "../emails/lesson-email.tsx";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { lessonCredits, withText } from "../worker/domain/course/lesson-text.ts";
import { renderMail } from "../worker/mechanisms/mail/render.ts";
import { contrast, inspectMail, type MailShape, px } from "./mail-html.ts";

/** The fixture course's first series, where every reader starts, with the lessons' text. */
const course = defaultSeries.lessons.map(withText);

// The first lesson with ## sections, an exercise and five answers: every part a lesson mail can have.
const lesson = course.find(
  (candidate) => candidate.exercise && candidate.question.answers.length === 5 && candidate.body.includes("\n## "),
)!;
const site = "https://rustenrichting.test";
const props: LessonEmailProps = {
  lesson,
  totalLessons: course.length,
  credits: lessonCredits(lesson),
  firstName: "Anna",
  answerUrls: lesson.question.answers.map((answer) => `${site}/reflectie/t0k3n/${answer.key}`),
  preferencesUrl: `${site}/voorkeuren/v00rk3ur`,
  unsubscribeUrl: `${site}/afmelden/afm3ld`,
  helpUrl: `${site}/hulp`,
  privacyUrl: `${site}/privacy`,
};

describe(`the lesson mail, structurally (lesson ${lesson.order})`, () => {
  let html: string;
  let text: string;
  let shape: MailShape;
  beforeAll(async () => {
    ({ html, text } = await renderMail(createElement(LessonEmail, props)));
    shape = await inspectMail(html);
  });

  it("is Dutch, one column, and declares that it handles dark mode", () => {
    expect(shape.lang).toBe("nl");
    expect(shape.metas["color-scheme"]).toBe("light dark");
    expect(shape.metas.viewport).toContain("width=device-width");
    expect(shape.css).toContain("@media (prefers-color-scheme:dark)");
    expect(shape.styles.some((style) => style.includes("max-width:560px"))).toBe(true);
    expect(html).not.toMatch(/<\/td>\s*<td|float:/);
  });

  it("has one h1, the title, and an h2 for each section, the exercise and the question", () => {
    expect(shape.headings.filter((heading) => heading.tag === "h1")).toEqual([{ tag: "h1", text: lesson.title }]);
    const sections = [...lesson.body.matchAll(/^## (.+)$/gm)].map((match) => match[1]!.trim());
    expect(shape.headings.filter((heading) => heading.tag === "h2").map((heading) => heading.text)).toEqual([
      ...sections,
      "Voor deze week",
      lesson.question.prompt,
    ]);
    expect(shape.headings.some((heading) => heading.tag === "h3" || heading.tag === "h4")).toBe(false);
  });

  it("sets its Markdown with the engine a newsletter issue's goes through, so both read alike", () => {
    expect(html).toContain(markdownToHtml(lesson.body));
  });

  it("sets the lesson text at 16px or more, and nothing anywhere below 15px", () => {
    expect(shape.bodyText.length).toBeGreaterThan(5);
    for (const style of shape.bodyText) expect(px(style, "font-size")).toBeGreaterThanOrEqual(16);
    for (const style of shape.styles) {
      const size = px(style, "font-size");
      if (size !== null) expect(size, style).toBeGreaterThanOrEqual(15);
    }
  });

  it("offers every answer as a button at least 44px high, linking to its own answer URL", () => {
    const buttons = shape.links.filter((link) => link.className.includes("rr-button"));
    expect(buttons.map((button) => [button.text, button.href])).toEqual(
      lesson.question.answers.map((answer, index) => [answer.label, props.answerUrls[index]]),
    );
    for (const { style } of buttons) {
      expect(px(style, "font-size")).toBeGreaterThanOrEqual(16);
      expect(
        px(style, "padding-top")! + px(style, "padding-bottom")! + px(style, "line-height")!,
      ).toBeGreaterThanOrEqual(44);
      expect(style).toContain("display:block");
    }
  });

  it("links only to our own site (and the credited article), and loads nothing: no images, no pixels", () => {
    expect(shape.images).toEqual([]);
    expect(html).not.toMatch(/<img|url\(|<link|<script|<iframe/i);
    const credited = props.credits.map((credit) => credit.url);
    expect(credited.filter(Boolean)).not.toEqual([]);
    const ours = shape.links.filter((link) => !credited.includes(link.href));
    for (const link of ours) expect(link.href.startsWith(`${site}/`), link.href).toBe(true);
    expect(ours.map((link) => link.text)).toEqual([
      ...lesson.question.answers.map((answer) => answer.label),
      "Waar je hulp vindt",
      "Pauzeren of voorkeuren",
      "Afmelden",
      "Privacy",
    ]);
  });

  it("uses colours with at least 4.5:1 contrast for text, in light and in dark mode", () => {
    for (const colors of [palette.light, palette.dark]) {
      expect(contrast(colors.text, colors.card)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colors.text, colors.soft)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colors.muted, colors.card)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colors.accent, colors.card)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colors.accentText, colors.accent)).toBeGreaterThanOrEqual(4.5);
    }
    for (const color of Object.values(palette.dark)) expect(shape.css).toContain(color);
    for (const style of shape.bodyText) expect(style).toContain(`color:${palette.light.text}`);
  });

  it("has a plain-text part that reads on its own: title, text, question, each answer with its link written out", () => {
    expect(text.startsWith(`Les ${lesson.order} van ${course.length}\n\n\n${lesson.title}\n\nHoi Anna,\n\n`)).toBe(
      true,
    );
    expect(text).toContain("Voor deze week");
    expect(text).toContain(lesson.exercise!);
    expect(text).toContain(lesson.question.prompt);
    for (const [index, answer] of lesson.question.answers.entries()) {
      expect(text).toContain(`\n${answer.label}\n${props.answerUrls[index]}\n`);
    }
    expect(text).toContain("Wordt het je te veel? Praat erover met je huisarts.");
    for (const number of ["113 of 0800-0113", "1813", "Tele-Onthaal praten: 106"]) expect(text).toContain(number);
    expect(text).toContain(`Waar je hulp vindt\n${props.helpUrl}`);
    expect(text).toContain(`Pauzeren of voorkeuren\n${props.preferencesUrl}`);
    expect(text).toContain(`Afmelden\n${props.unsubscribeUrl}`);
    expect(text.trimEnd().endsWith(`Privacy\n${props.privacyUrl}`)).toBe(true);
    expect(text).toContain(`Deze les is gebaseerd op ${props.credits[0]!.text}`);
    expect(text).not.toMatch(/<\/?[a-z][^>]*>|<!--|&(#x?[0-9a-f]+|amp|lt|gt|quot|nbsp);/i);
    expect(text).not.toContain(lesson.preheader);
    expect(text).not.toMatch(/\n{4,}/);
  });

  it("renders its props as given, the same every time, so one render can serve many readers", async () => {
    const again = await renderMail(createElement(LessonEmail, props));
    expect(again).toEqual({ html, text });
    const other = await renderMail(createElement(LessonEmail, { ...props, firstName: "Marie-José" }));
    expect(other.text).toContain("Hoi Marie-José,");
    expect(other.html.replaceAll("Marie-José", "Anna")).toBe(html);
    const nameless = await renderMail(createElement(LessonEmail, { ...props, firstName: undefined }));
    expect(nameless.text).toContain(`${lesson.title}\n\nHoi,\n\n`);
  });
});

describe("the lesson mail's credits", () => {
  const credit = (text: string, url?: string) => ({ text, url });
  const creditLine = async (credits: LessonEmailProps["credits"]) => {
    const { text } = await renderMail(createElement(LessonEmail, { ...props, credits }));
    return text.split("\n").find((line) => line.startsWith("Deze les is gebaseerd op"));
  };

  it("names one source, two joined by 'en', and more with commas before the last 'en'", async () => {
    expect(await creditLine([credit("‘Een’ van A")])).toBe("Deze les is gebaseerd op ‘Een’ van A.");
    expect(await creditLine([credit("‘Een’ van A"), credit("‘Twee’ van B")])).toBe(
      "Deze les is gebaseerd op ‘Een’ van A en ‘Twee’ van B.",
    );
    expect(await creditLine([credit("‘Een’ van A"), credit("‘Twee’ van B"), credit("‘Drie’ van C")])).toBe(
      "Deze les is gebaseerd op ‘Een’ van A, ‘Twee’ van B en ‘Drie’ van C.",
    );
  });

  it("links a credit whose article is online, and only that one", async () => {
    const { html } = await renderMail(
      createElement(LessonEmail, {
        ...props,
        credits: [credit("‘Een’ van A", "https://voorbeeld.nl/een"), credit("‘Twee’ van B")],
      }),
    );
    const shape = await inspectMail(html);
    expect(shape.links.filter((link) => !link.href.startsWith(site))).toEqual([
      expect.objectContaining({ href: "https://voorbeeld.nl/een", text: "‘Een’ van A" }),
    ]);
  });
});
