import { createElement } from "react";
import { CourseCompleteEmail } from "../../emails/course-complete-email.tsx";
import { LessonEmail } from "../../emails/lesson-email.tsx";
import type { Config } from "../config.ts";
import { footerUrls, type ReaderTokens } from "../mail/links.ts";
import { renderMail } from "../mail/render.ts";
import { COURSE_COMPLETE, course, lessonBySlug } from "./course.ts";

/** The subject of the mail after the last lesson. */
export const COURSE_COMPLETE_SUBJECT = "Je hebt de hele reeks gelezen";

/** What differs from reader to reader in a course mail. */
export type Personal = ReaderTokens & { firstName?: string | undefined; answerToken: string };

/** The props of the course mail at `slug` for one reader: the single source for both ways of rendering. */
export function mailElement(cfg: Config, slug: string, personal: Personal) {
  const links = footerUrls(cfg, personal);
  if (slug === COURSE_COMPLETE) return createElement(CourseCompleteEmail, { firstName: personal.firstName, ...links });
  const lesson = lessonBySlug(slug);
  if (!lesson) throw new Error(`no lesson "${slug}" in the course`);
  // Answers by number, not key: a key in a URL would tell request logs what the reader chose.
  const answerUrls = lesson.question.answers.map(
    (_, index) => `${cfg.PUBLIC_URL}/reflectie/${personal.answerToken}/${index + 1}`,
  );
  return createElement(LessonEmail, {
    lesson,
    totalLessons: course.length,
    firstName: personal.firstName,
    answerUrls,
    ...links,
  });
}

export function subjectFor(slug: string): string {
  return slug === COURSE_COMPLETE ? COURSE_COMPLETE_SUBJECT : lessonBySlug(slug)!.title;
}

// Markers that survive React's escaping and the plain-text conversion untouched.
const marker = (name: string) => `__rr_${name}_9f2c__`;
const MARKERS = {
  firstName: marker("name"),
  answerToken: marker("answer"),
  unsubscribeToken: marker("unsubscribe"),
  preferencesToken: marker("preferences"),
};
const MARKER_PATTERN = new RegExp(marker("(name|answer|unsubscribe|preferences)"), "g");

type Template = { html: string; text: string };
const templates = new Map<string, Promise<Template>>();

/** React's escaping of text and attribute values, so a substituted name is byte-identical to a rendered one. */
function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!,
  );
}

/**
 * A course mail rendered once per lesson (with and without a first name) and
 * kept for the life of the isolate; each reader's copy is made by substituting
 * their name and link tokens, escaped for HTML in the HTML part and as-is in
 * the text part. The result is the same, byte for byte, as a full render.
 */
export async function personalisedMail(cfg: Config, slug: string, personal: Personal): Promise<Template> {
  const named = personal.firstName !== undefined && personal.firstName !== "";
  const key = `${cfg.PUBLIC_URL}|${slug}|${named}`;
  let template = templates.get(key);
  if (!template) {
    template = renderMail(mailElement(cfg, slug, { ...MARKERS, firstName: named ? MARKERS.firstName : undefined }));
    templates.set(key, template);
    template.catch(() => templates.delete(key));
  }
  const { html, text } = await template;
  const values = {
    name: personal.firstName ?? "",
    answer: personal.answerToken,
    unsubscribe: personal.unsubscribeToken,
    preferences: personal.preferencesToken,
  };
  const fill = (encode: (value: string) => string) => (_: string, name: keyof typeof values) => encode(values[name]);
  return { html: html.replace(MARKER_PATTERN, fill(escapeHtml)), text: text.replace(MARKER_PATTERN, fill(String)) };
}
