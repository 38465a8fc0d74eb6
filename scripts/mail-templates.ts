import { createElement, type ReactElement } from "react";
import { ConfirmEmail } from "../emails/confirm-email.tsx";
import { NewsletterEmail } from "../emails/newsletter-email.tsx";
import { ReaderLinksEmail } from "../emails/reader-links-email.tsx";
import { WelcomeEmail } from "../emails/welcome-email.tsx";
import { course } from "../worker/domain/course/course.ts";
import type { CourseLesson } from "../worker/domain/course/lesson-schema.ts";
import { rhythmWords, SAMPLE_RHYTHM } from "../worker/domain/course/rhythm-words.ts";
import { closingTemplateKey } from "../worker/domain/mails/closing-key.ts";
import { lessonTemplateKey } from "../worker/domain/mails/course.ts";
import { mailElement } from "../worker/domain/mails/course-templates.ts";
import type { IssueQuestion } from "../worker/mechanisms/db/schema.ts";
import type { Config } from "../worker/mechanisms/lib/config.ts";
import { footerUrls, privacyUrl } from "../worker/mechanisms/mail/links.ts";
import {
  ISSUE_MARKERS,
  MAX_ANSWERS,
  READER_MARKERS,
  TWIN_MARKERS,
  templateFromRenders,
} from "../worker/mechanisms/mail/markers.ts";
import {
  editBetween,
  type Personal,
  type StoredTemplates,
  storePart,
  type Template,
} from "../worker/mechanisms/mail/personalise.ts";
import { renderMail } from "../worker/mechanisms/mail/render.ts";

/** One reader as the React components see them: name, and the tokens of every link they may get. */
export type Reader = Personal & { confirmToken: string };

/** What of a newsletter issue its mail shows: the Markdown already turned into HTML. */
export type IssueContent = {
  subject: string;
  preheader: string;
  bodyHtml: string;
  question: IssueQuestion | null;
  greeting: boolean;
  /** The issue's slug in the archive, when it is public; with it the mail links to it ("Lees online"). */
  slug?: string | undefined;
  parts?: { greeting: [string, string]; online: [string, string] } | undefined;
};

/**
 * Every mail as the React element it is rendered from, for one reader. The build renders
 * each with markers for reader and `PUBLIC_URL` (and, for the newsletter, for the issue);
 * the byte-identity test renders them whole for real readers.
 */
export const mailElements = {
  confirmation: (cfg: Config, reader: Reader, returning = false) =>
    createElement(ConfirmEmail, {
      firstName: reader.firstName,
      confirmUrl: `${cfg.PUBLIC_URL}/bevestig/${reader.confirmToken}`,
      privacyUrl: privacyUrl(cfg),
      returning,
    }),
  welcome: (cfg: Config, reader: Reader, returning = false) =>
    createElement(WelcomeEmail, {
      firstName: reader.firstName,
      returning,
      rhythm: reader.rhythm ?? rhythmWords(SAMPLE_RHYTHM),
      ...footerUrls(cfg, reader),
    }),
  links: (cfg: Config, reader: Reader) => {
    const links = footerUrls(cfg, reader);
    return createElement(ReaderLinksEmail, {
      firstName: reader.firstName,
      journalUrl: `${links.preferencesUrl}/reflecties`,
      ...links,
    });
  },
  /** A lesson (by slug) or a series' closing mail (by the series id), as `mailElement` says. */
  course: (cfg: Config, ref: string, reader: Reader, after?: string) => mailElement(cfg, ref, reader, after),
  newsletter: (cfg: Config, issue: IssueContent, reader: Reader) =>
    createElement(NewsletterEmail, {
      issue: { ...issue, onlineUrl: issue.slug ? `${cfg.PUBLIC_URL}/nieuwsbrief/${issue.slug}` : undefined },
      firstName: reader.firstName,
      answerUrls: (issue.question?.answers ?? []).map(
        (_, index) => `${cfg.PUBLIC_URL}/reflectie/${reader.answerToken}/${index + 1}`,
      ),
      ...footerUrls(cfg, reader),
    }),
};

/** The markers a render is made with: the Worker's own, or their twins (see `templateFromRenders`). */
type Markers = { reader: typeof READER_MARKERS; issue: typeof ISSUE_MARKERS };

/** The newsletter's template for an issue whose question has `answers` answers (0: no question), with `markers`. */
export function issueShell(answers: number, markers: Markers["issue"]): IssueContent {
  const { subject, preheader, bodyHtml, prompt, labels, slug, parts } = markers;
  // Every part is in the template, between its markers; an issue that leaves one out drops it (withParts).
  return {
    subject,
    preheader,
    bodyHtml,
    greeting: true,
    slug,
    parts,
    question:
      answers === 0
        ? null
        : { prompt, answers: labels.slice(0, answers).map((label, index) => ({ key: `a${index + 1}`, label })) },
  };
}

/** A template's key, the element it is rendered from, and for a variant the template it is kept as a change of. */
type Source = [key: string, element: (reader: Reader) => ReactElement, base?: string];

/** A lesson's variants: one for each answer to the previous lesson that its `after` opens it with a line for. */
function lessonVariants(cfg: Config, lesson: CourseLesson): Source[] {
  return Object.keys(lesson.after ?? {}).map(
    (answer): Source => [
      lessonTemplateKey(lesson.slug, answer),
      (reader) => mailElements.course(cfg, lesson.slug, reader, answer),
      lessonTemplateKey(lesson.slug),
    ],
  );
}

/** Every template's key, with the element it is rendered from for a reader. */
export function templateSources(markers: Markers): Source[] {
  // Only PUBLIC_URL reaches a mail's content; it is filled in at run time.
  const cfg = { PUBLIC_URL: markers.reader.url } as Config;
  return [
    ["confirmation", (reader) => mailElements.confirmation(cfg, reader)],
    ["welcome", (reader) => mailElements.welcome(cfg, reader)],
    ["confirmation/terug", (reader) => mailElements.confirmation(cfg, reader, true)],
    ["welcome/terug", (reader) => mailElements.welcome(cfg, reader, true)],
    ["links", (reader) => mailElements.links(cfg, reader)],
    ...course.series.flatMap((series) => [
      ...series.lessons.flatMap((lesson): Source[] => [
        [lessonTemplateKey(lesson.slug), (reader) => mailElements.course(cfg, lesson.slug, reader)],
        ...lessonVariants(cfg, lesson),
      ]),
      [closingTemplateKey(series.id, "some"), (reader) => mailElements.course(cfg, series.id, reader)] satisfies Source,
      [
        closingTemplateKey(series.id, 0),
        (reader) => mailElements.course(cfg, series.id, { ...reader, answered: undefined }),
      ] satisfies Source,
    ]),
    ...[0, ...Array.from({ length: MAX_ANSWERS - 1 }, (_, i) => i + 2)].map(
      (answers): Source => [
        `newsletter/${answers}`,
        (reader) => mailElements.newsletter(cfg, issueShell(answers, markers.issue), reader),
      ],
    ),
  ];
}

/** Every mail is rendered with the Worker's markers and again with their twins. */
const SPELLINGS: Markers[] = [{ reader: READER_MARKERS, issue: ISSUE_MARKERS }, TWIN_MARKERS];

/** One mail's template from its render with the markers and its render with their twins (markers.ts says why). */
async function templateOf([withMarkers, withTwins]: ReactElement[]) {
  const [marked, twinned] = await Promise.all([renderMail(withMarkers!), renderMail(withTwins!)]);
  return {
    html: templateFromRenders(marked.html, twinned.html),
    text: templateFromRenders(marked.text, twinned.text),
  };
}

/**
 * Renders every template with a name and without (the greeting differs), markers in place of
 * the rest; a variant is kept as its one change to its base (see `StoredVariant`).
 */
export async function renderTemplates(): Promise<StoredTemplates> {
  const sources = SPELLINGS.map((markers) => templateSources(markers));
  const templates: StoredTemplates = {};
  const rendered = new Map<string, { named: Template; unnamed: Template }>();
  for (const [index, [key, , base]] of sources[0]!.entries()) {
    const elements = (named: boolean) =>
      SPELLINGS.map(({ reader: { url: _, firstName, ...tokens } }, which) =>
        sources[which]![index]![1]({ ...tokens, firstName: named ? firstName : undefined }),
      );
    const [named, unnamed] = await Promise.all([templateOf(elements(true)), templateOf(elements(false))]);
    rendered.set(key, { named, unnamed });
    const of = base === undefined ? undefined : rendered.get(base);
    templates[key] = of
      ? {
          base: base!,
          html: { named: editBetween(of.named.html, named.html), unnamed: editBetween(of.unnamed.html, unnamed.html) },
          text: { named: editBetween(of.named.text, named.text), unnamed: editBetween(of.unnamed.text, unnamed.text) },
        }
      : { html: storePart(named.html, unnamed.html), text: storePart(named.text, unnamed.text) };
  }
  return templates;
}
