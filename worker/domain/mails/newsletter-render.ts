import { issueBodyHtml } from "../../../emails/_components/markdown.ts";
import { markdownToText } from "../../../emails/_components/markdown-text.ts";
import { typographicQuotes } from "../../../emails/_components/typography.ts";
import { ISSUE_NAMES, type Piece, readTemplate, withParts, writeTemplate } from "../../mechanisms/mail/markers.ts";
import { escapeHtml, type MailTemplate, type Template } from "../../mechanisms/mail/personalise.ts";
import { inlineText } from "../../mechanisms/mail/text-builder.ts";
import type { Issue } from "../newsletter/issues.ts";
import { mailTemplate } from "./templates.ts";

/** React Email's Preview: at most 150 characters, padded to 150 with invisible ones so no body text leaks in. */
const PREVIEW_LENGTH = 150;
const PREVIEW_PADDING = "\u00a0\u200c\u200b\u200d\u200e\u200f\ufeff";

function previewHtml(preheader: string): string {
  const shown = preheader.substring(0, PREVIEW_LENGTH);
  const pad = PREVIEW_LENGTH - shown.length;
  return escapeHtml(shown) + (pad > 0 ? `<div>${PREVIEW_PADDING.repeat(pad)}</div>` : "");
}

// React pads the preview it rendered with the preheader's marker; the issue's own padding replaces it.
const MARKER_PADDING = new RegExp(`^<div>[${PREVIEW_PADDING}]*</div>`);

/** What the issue puts in place of each of its markers, as HTML. */
function issueValues(issue: Issue, bodyHtml: string): Map<string, string> {
  return new Map([
    [ISSUE_NAMES.subject, escapeHtml(issue.subject)],
    [ISSUE_NAMES.preheader, previewHtml(issue.preheader)],
    [ISSUE_NAMES.bodyHtml, bodyHtml],
    [ISSUE_NAMES.slug, escapeHtml(issue.slug)],
    // The question's words get the same curly quotes as the mail's own Question component gives them.
    [ISSUE_NAMES.prompt, escapeHtml(typographicQuotes(issue.question?.prompt ?? ""))],
    ...ISSUE_NAMES.labels.map((label, index): [string, string] => [
      label,
      escapeHtml(typographicQuotes(issue.question?.answers[index]?.label ?? "")),
    ]),
  ]);
}

/** The parts of the template this issue keeps: the "Lees online" link and the greeting. */
const partsOf = (issue: Issue) => ({ greeting: issue.greeting, online: issue.public });

/** The issue's HTML in place of its markers, and the preview padding React put after the preheader's marker left out. */
function fillHtml(shell: string, issue: Issue, bodyHtml: string): string {
  const values = issueValues(issue, bodyHtml);
  const pieces = readTemplate(shell);
  const filled = pieces.map((piece, index): Piece => {
    if (typeof piece === "string") {
      const previous = pieces[index - 1];
      const afterPreheader = typeof previous === "object" && previous.marker === ISSUE_NAMES.preheader;
      return afterPreheader ? piece.replace(MARKER_PADDING, "") : piece;
    }
    return values.get(piece.marker) ?? piece;
  });
  // The link to the archive only for an issue that is in it; the greeting only if she wants it.
  return writeTemplate(withParts(filled, partsOf(issue)));
}

/**
 * The issue's text in place of its markers, as html-to-text writes the filled-in HTML: words as
 * they read, and the body's blocks the larger of their own line breaks and the mail's apart
 * from what stands around it (the template has those of a body that is one short line).
 */
function fillText(shell: string, issue: Issue): string {
  const body = markdownToText(issue.body);
  const words = new Map([
    [ISSUE_NAMES.slug, issue.slug],
    [ISSUE_NAMES.subject, inlineText(issue.subject)],
    [ISSUE_NAMES.prompt, inlineText(typographicQuotes(issue.question?.prompt ?? ""))],
    ...ISSUE_NAMES.labels.map((label, index): [string, string] => [
      label,
      inlineText(typographicQuotes(issue.question?.answers[index]?.label ?? "")),
    ]),
  ]);
  const pieces = meeting(withParts(readTemplate(shell), partsOf(issue)));
  const filled = pieces.map((piece, index): Piece => {
    if (typeof piece !== "string")
      return piece.marker === ISSUE_NAMES.bodyHtml ? body.text : (words.get(piece.marker) ?? piece);
    const [previous, next] = [pieces[index - 1], pieces[index + 1]];
    let text = piece;
    if (typeof previous === "object" && previous.marker === ISSUE_NAMES.bodyHtml) {
      const own = /^\n*/.exec(text)![0].length;
      text = "\n".repeat(Math.max(own, body.trailing)) + text.slice(own);
    }
    if (typeof next === "object" && next.marker === ISSUE_NAMES.bodyHtml) {
      const own = /\n*$/.exec(text)![0].length;
      text = text.slice(0, text.length - own) + "\n".repeat(Math.max(own, body.leading));
    }
    return text;
  });
  return writeTemplate(filled);
}

/**
 * Text that meets where a part, or only its markers, went: as far apart as the larger of the two
 * sides' line breaks, as html-to-text sets blocks apart.
 */
function meeting(pieces: Piece[]): Piece[] {
  const joined: Piece[] = [];
  for (const piece of pieces) {
    const last = joined.at(-1);
    if (typeof piece !== "string" || typeof last !== "string") {
      joined.push(piece);
      continue;
    }
    const trailing = /\n*$/.exec(last)![0].length;
    const leading = /^\n*/.exec(piece)![0].length;
    joined[joined.length - 1] =
      last.slice(0, last.length - trailing) + "\n".repeat(Math.max(trailing, leading)) + piece.slice(leading);
  }
  return joined;
}

/**
 * The newsletter's template with one issue filled in, HTML as React would render it and text as
 * React Email would write it from that HTML. The issue goes in as text pieces, so whatever it says
 * stays text: only the template's own markers (the reader's) are left for `fillTemplate`.
 */
function fillIssue(shell: Template, issue: Issue, bodyHtml: string): Template {
  return { html: fillHtml(shell.html, issue, bodyHtml), text: fillText(shell.text, issue) };
}

// An issue never changes once its readers are claimed; `updatedAt` tells a draft's versions apart.
const issueTemplates = new Map<string, MailTemplate>();

/**
 * An issue as a template for its readers: made once per issue (and isolate) from the
 * newsletter's template rendered at build time, without React. Readers' names and links are
 * filled in per mail by `fillTemplate`, as for a lesson.
 */
export function issueTemplate(issue: Issue): MailTemplate {
  const key = `${issue.id}|${issue.updatedAt}`;
  let template = issueTemplates.get(key);
  if (!template) {
    const shell = mailTemplate(`newsletter/${issue.question?.answers.length ?? 0}`);
    if (!shell) throw new Error(`no newsletter template for ${issue.question?.answers.length} answers`);
    const bodyHtml = issueBodyHtml(issue.body);
    // Each variant only when a reader needs it.
    let named: Template | undefined;
    let unnamed: Template | undefined;
    template = {
      get named() {
        named ??= fillIssue(shell.named, issue, bodyHtml);
        return named;
      },
      get unnamed() {
        unnamed ??= fillIssue(shell.unnamed, issue, bodyHtml);
        return unnamed;
      },
    };
    // Drafts are previewed after every edit: keep only the latest few versions.
    if (issueTemplates.size >= 20) issueTemplates.clear();
    issueTemplates.set(key, template);
  }
  return template;
}
