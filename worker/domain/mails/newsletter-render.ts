import { markdownToHtml } from "../../../emails/_components/markdown.ts";
import { typographicQuotes } from "../../../emails/_components/typography.ts";
import { ISSUE_MARKERS } from "../../mechanisms/mail/markers.ts";
import { escapeHtml, type MailTemplate, type Template } from "../../mechanisms/mail/personalise.ts";
import { plainText } from "../../mechanisms/mail/plain-text.ts";
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

// Markers are word characters only, so they go into a pattern as they are.
const ISSUE_PATTERN = new RegExp(
  [
    `${ISSUE_MARKERS.preheader}(?:<div>[${PREVIEW_PADDING}]*</div>)?`,
    ISSUE_MARKERS.subject,
    ISSUE_MARKERS.bodyHtml,
    ISSUE_MARKERS.prompt,
    ...ISSUE_MARKERS.labels,
  ].join("|"),
  "g",
);

/** The newsletter's template with one issue filled in, HTML as React would render it and text made from that HTML. */
function fillIssue(shell: Template, issue: Issue, bodyHtml: string): Template {
  const values = new Map<string, string>([
    [ISSUE_MARKERS.subject, escapeHtml(issue.subject)],
    [ISSUE_MARKERS.bodyHtml, bodyHtml],
    // The question's words get the same curly quotes as the mail's own Question component gives them.
    [ISSUE_MARKERS.prompt, escapeHtml(typographicQuotes(issue.question?.prompt ?? ""))],
    ...ISSUE_MARKERS.labels.map((label, index): [string, string] => [
      label,
      escapeHtml(typographicQuotes(issue.question?.answers[index]?.label ?? "")),
    ]),
  ]);
  const html = shell.html.replace(ISSUE_PATTERN, (found) =>
    found.startsWith(ISSUE_MARKERS.preheader) ? previewHtml(issue.preheader) : values.get(found)!,
  );
  return { html, text: plainText(html) };
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
    const bodyHtml = markdownToHtml(issue.body);
    // Each variant only when a reader needs it: the plain-text conversion is most of the cost.
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
