import type { Database } from "../../mechanisms/db/client.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import { envelope, footerUrls, listUnsubscribeHeaders } from "../../mechanisms/mail/links.ts";
import { fillTemplate } from "../../mechanisms/mail/personalise.ts";
import type { ComposedMail } from "../../mechanisms/mail/transport.ts";
import type { BatchDelivery } from "../../mechanisms/sending/batches.ts";
import { personalTokens } from "../../mechanisms/sending/delivery-id.ts";
import { findIssue, type Issue } from "../newsletter/issues.ts";
import { issueTemplate } from "./newsletter-render.ts";

// Once an issue has readers claimed it never changes again, so an isolate may keep it.
const sentIssues = new Map<string, Promise<Issue | null>>();

function sentIssue(db: Database, id: string): Promise<Issue | null> {
  let issue = sentIssues.get(id);
  if (!issue) {
    issue = findIssue(db, id);
    sentIssues.set(id, issue);
    issue.then(
      (found) => found ?? sentIssues.delete(id),
      () => sentIssues.delete(id),
    );
  }
  return issue;
}

/** One reader's copy of the newsletter issue a delivery names. */
export async function composeNewsletter(cfg: Config, delivery: BatchDelivery, db: Database): Promise<ComposedMail> {
  const issue = await sentIssue(db, delivery.ref);
  if (!issue) throw new Error("a newsletter delivery names an issue that does not exist");
  const tokens = await personalTokens(cfg, delivery);
  const { html, text } = fillTemplate(issueTemplate(issue), {
    url: cfg.PUBLIC_URL,
    firstName: delivery.firstName ?? undefined,
    ...tokens,
  });
  return {
    ...envelope(cfg, delivery.email, issue.subject),
    html,
    text,
    headers: listUnsubscribeHeaders(footerUrls(cfg, tokens).unsubscribeUrl),
  };
}

/** The subject an issue went out with, for the reader's export. */
export async function issueSubject(db: Database, id: string): Promise<string> {
  return (await sentIssue(db, id))?.subject ?? "Nieuwsbrief";
}
