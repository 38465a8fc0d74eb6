import type { Config } from "../../mechanisms/lib/config.ts";
import { fillTemplate, type Template } from "../../mechanisms/mail/personalise.ts";
import type { Issue } from "../newsletter/issues.ts";
import { issueTemplate } from "./newsletter-render.ts";

/**
 * Where a preview's or test mail's links lead: under this path every link of the mail opens a
 * page that tells the author what a reader would find there, not "this link does not work".
 */
export const SAMPLE_LINKS_PATH = "/testmail";

/** Tokens of no reader: a test mail's links change nothing for anyone. */
const SAMPLE = {
  firstName: "Anna",
  answerToken: "voorbeeld",
  unsubscribeToken: "voorbeeld",
  preferencesToken: "voorbeeld",
};

/** An issue as a reader named Anna would get it, with links that belong to no reader and open a preview instead. */
export function sampleMail(cfg: Config, issue: Issue): Template {
  return fillTemplate(issueTemplate(issue), { url: `${cfg.PUBLIC_URL}${SAMPLE_LINKS_PATH}`, ...SAMPLE });
}

const DARK_MODE = /@media \(prefers-color-scheme:\s*dark\)\s*\{/;

/** The mail's HTML as a mail app in light or dark mode shows it, whatever the author's own screen is set to. */
export function inMode(html: string, mode: "licht" | "donker"): string {
  return html.replace(DARK_MODE, mode === "donker" ? "@media all{" : "@media not all{");
}
