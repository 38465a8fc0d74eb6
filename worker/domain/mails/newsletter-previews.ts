import type { Config } from "../../mechanisms/lib/config.ts";
import { fillTemplate, type Template } from "../../mechanisms/mail/personalise.ts";
import type { Issue } from "../newsletter/issues.ts";
import { issueTemplate } from "./newsletter-render.ts";

/** Tokens of no reader: a preview's or test mail's links lead to the "link does not work" page. */
const SAMPLE = {
  firstName: "Anna",
  answerToken: "voorbeeld",
  unsubscribeToken: "voorbeeld",
  preferencesToken: "voorbeeld",
};

/** An issue as a reader named Anna would get it, with links that belong to no reader. */
export function sampleMail(cfg: Config, issue: Issue): Template {
  return fillTemplate(issueTemplate(issue), { url: cfg.PUBLIC_URL, ...SAMPLE });
}

const DARK_MODE = /@media \(prefers-color-scheme:\s*dark\)\s*\{/;

/** The mail's HTML as a mail app in light or dark mode shows it, whatever the author's own screen is set to. */
export function inMode(html: string, mode: "licht" | "donker"): string {
  return html.replace(DARK_MODE, mode === "donker" ? "@media all{" : "@media not all{");
}
