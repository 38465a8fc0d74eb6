import { html, raw } from "hono/html";
import { Hono } from "hono/tiny";
import { issueBodyHtml } from "../../../emails/_components/markdown.ts";
import { publicIssue, publicIssues } from "../../domain/newsletter/issues.ts";
import { database } from "../../mechanisms/db/client.ts";
import { formatAmsterdam } from "../../mechanisms/lib/amsterdam-time.ts";
import { page } from "../../mechanisms/pages/layout.ts";

/** The public archive: issues the author marked public, readable by anyone, with no personal link in sight. */
export const archiveRoutes = new Hono<{ Bindings: Env }>();

archiveRoutes.get("/", async (c) => {
  const issues = await publicIssues(database(c.env));
  return page(c, {
    title: "Nieuwsbrief: eerdere nummers",
    description: "Eerdere nummers van de nieuwsbrief van Rust en richting, om rustig terug te lezen.",
    body: html`<h1>Eerdere nummers van de nieuwsbrief</h1>
      ${issues.length === 0 ? html`<p>Er staan nog geen nummers in het archief.</p>` : ""}
      <ul>${issues.map((issue) => html`<li><a href="/nieuwsbrief/${issue.slug}">${issue.subject}</a> <span class="muted">· ${formatAmsterdam(issue.sentAt!, "day")}</span></li>`)}</ul>
      <p><a href="/">Schrijf je in</a> en krijg de lessen en de nieuwsbrief zelf in je mailbox.</p>`,
  });
});

archiveRoutes.get("/:slug", async (c) => {
  const issue = await publicIssue(database(c.env), c.req.param("slug"));
  if (!issue) return c.notFound();
  return page(c, {
    title: issue.subject,
    description: issue.preheader || issue.subject,
    body: html`<p><a href="/nieuwsbrief">← Alle nummers</a></p>
      <h1>${issue.subject}</h1>
      <p class="muted">${formatAmsterdam(issue.sentAt ?? issue.sendAt ?? issue.updatedAt, "day")}</p>
      ${raw(issueBodyHtml(issue.body, { styled: false }))}
      <p><a href="/">Schrijf je in</a> voor de lessen en de nieuwsbrief.</p>`,
  });
});
