import type { Context } from "hono";
import { html } from "hono/html";
import { Hono } from "hono/tiny";
import { inMode, sampleMail } from "../../domain/mails/newsletter-previews.ts";
import { claimNewsletters } from "../../domain/newsletter/claim.ts";
import { issueFormSchema, sendAtSchema } from "../../domain/newsletter/issue-form.ts";
import {
  createIssue,
  deleteDraft,
  findIssue,
  type Issue,
  issueFigures,
  listIssues,
  scheduleIssue,
  unscheduleIssue,
  updateIssue,
} from "../../domain/newsletter/issues.ts";
import { signupSchema } from "../../domain/readers/signup-form.ts";
import { database } from "../../mechanisms/db/client.ts";
import { formatAmsterdam } from "../../mechanisms/lib/amsterdam-time.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { randomId } from "../../mechanisms/lib/tokens.ts";
import { mailTransport } from "../../mechanisms/mail/index.ts";
import { envelope } from "../../mechanisms/mail/links.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { readForm } from "../../mechanisms/pages/read-form.ts";
import { tableStyle } from "../../mechanisms/pages/table-style.ts";
import { authorNav } from "./nav.ts";
import { type EditorState, issueEditor, issueStatus } from "./newsletter-editor.ts";
import { issuePage } from "./newsletter-issue-page.ts";

/** The author's newsletter: write, preview, test, send or schedule; behind the author's door. */
export const newsletterAuthorRoutes = new Hono<{ Bindings: Env }>();

type C = Context<{ Bindings: Env }>;

function logAction(action: string, issue: Pick<Issue, "id">) {
  console.log(JSON.stringify({ event: "newsletter_action", action, issue: issue.id }));
}

newsletterAuthorRoutes.get("/", async (c) => {
  const db = database(c.env);
  const issues = await listIssues(db);
  const figures = await Promise.all(issues.map((issue) => issueFigures(db, issue)));
  return page(c, {
    title: "Nieuwsbrief",
    body: html`${authorNav(c, "/beheer/nieuwsbrief")}${tableStyle(c)}
      <h1>Nieuwsbrief</h1>
      ${c.req.query("bericht") === "verwijderd" ? html`<p role="status"><strong>Het concept is verwijderd.</strong></p>` : ""}
      <p><a class="button" href="/beheer/nieuwsbrief/nieuw">Nieuw nummer schrijven</a></p>
      ${
        issues.length === 0
          ? html`<p class="muted">Nog geen nummers.</p>`
          : html`<table>
              <caption>Alle nummers, nieuwste eerst</caption>
              <thead><tr><th scope="col">Nummer</th><th scope="col">Stand</th><th scope="col">Verstuurd</th><th scope="col">Mislukt</th><th scope="col">Beantwoord</th></tr></thead>
              <tbody>${issues.map((issue, i) => {
                const f = figures[i]!;
                const answered = f.answers.reduce((sum, row) => sum + row.n, 0);
                return html`<tr><th scope="row"><a href="/beheer/nieuwsbrief/${issue.id}">${issue.subject}</a></th><td>${issueStatus(issue, f)}</td><td>${f.sent}</td><td>${f.failed}</td><td>${issue.question ? answered : "geen vraag"}</td></tr>`;
              })}</tbody>
            </table>`
      }`,
  });
});

/** The page's CSP nonce, for the editor's own style and script. */
const nonceOf = (c: C) => c.get("secureHeadersNonce") as string | undefined;

newsletterAuthorRoutes.get("/nieuw", (c) =>
  page(c, {
    title: "Nieuw nummer",
    body: html`${authorNav(c, "/beheer/nieuwsbrief")}${tableStyle(c)}<h1>Nieuw nummer</h1>${issueEditor({ action: "/beheer/nieuwsbrief/nieuw", nonce: nonceOf(c) })}`,
  }),
);

/** The editor again with what she typed and what to fix; nothing was stored. */
function editorAgain(c: C, state: EditorState) {
  return page(c, {
    title: "Kijk je het nummer even na?",
    status: 422,
    body: html`${authorNav(c, "/beheer/nieuwsbrief")}${tableStyle(c)}<h1>Kijk je het nummer even na?</h1>${issueEditor({ ...state, nonce: nonceOf(c) })}`,
  });
}

newsletterAuthorRoutes.post("/nieuw", async (c) => {
  const form = (await readForm(c.req.raw)) ?? {};
  const parsed = issueFormSchema.safeParse(form);
  if (!parsed.success)
    return editorAgain(c, { action: "/beheer/nieuwsbrief/nieuw", form, issues: parsed.error.issues });
  const issue = await createIssue(database(c.env), parsed.data, Date.now());
  logAction("draft_created", issue);
  return c.redirect(`/beheer/nieuwsbrief/${issue.id}?bericht=bewaard`, 303);
});

const notices: Record<string, string> = {
  bewaard: "Bewaard als concept.",
  test: "De testmail is verstuurd.",
  verstuurd: "Het nummer gaat nu naar je lezers.",
  ingepland: "Ingepland.",
  concept: "Het nummer is weer een concept; er gaat niets uit.",
};

async function loadIssue(c: C): Promise<Issue | null> {
  return findIssue(database(c.env), c.req.param("id") ?? "");
}

newsletterAuthorRoutes.get("/:id", async (c) => {
  const issue = await loadIssue(c);
  if (!issue) return c.notFound();
  return issuePage(c, issue, { notice: notices[c.req.query("bericht") ?? ""] });
});

newsletterAuthorRoutes.post("/:id", async (c) => {
  const issue = await loadIssue(c);
  if (!issue) return c.notFound();
  const form = (await readForm(c.req.raw)) ?? {};
  const parsed = issueFormSchema.safeParse(form);
  const action = `/beheer/nieuwsbrief/${issue.id}`;
  if (!parsed.success) return editorAgain(c, { action, issue, form, issues: parsed.error.issues });
  const updated = await updateIssue(database(c.env), issue.id, parsed.data, Date.now());
  if (!updated)
    return issuePage(c, issue, {
      status: 409,
      error: "Dit nummer is al verstuurd en verandert niet meer; je wijziging is niet bewaard.",
    });
  logAction("draft_saved", issue);
  return c.redirect(`${action}?bericht=bewaard`, 303);
});

newsletterAuthorRoutes.get("/:id/voorbeeld/:weergave{licht|donker}", async (c) => {
  const issue = await loadIssue(c);
  if (!issue) return c.notFound();
  const { html: mail } = sampleMail(config(c.env), issue);
  // The mail as a reader sees it, framed only by the author's own page, and allowed nothing else.
  c.header(
    "Content-Security-Policy",
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'self'",
  );
  c.header("X-Frame-Options", "SAMEORIGIN");
  return c.body(inMode(mail, c.req.param("weergave") === "donker" ? "donker" : "licht"), 200, {
    "Content-Type": "text/html; charset=utf-8",
  });
});

newsletterAuthorRoutes.post("/:id/test", async (c) => {
  const issue = await loadIssue(c);
  if (!issue) return c.notFound();
  const parsed = signupSchema.shape.email.safeParse((await readForm(c.req.raw))?.adres ?? "");
  if (!parsed.success)
    return issuePage(c, issue, { status: 422, error: "Vul een geldig e-mailadres in voor de testmail." });
  const cfg = config(c.env);
  const mail = sampleMail(cfg, issue);
  await mailTransport(c.env).send({
    ...envelope(cfg, parsed.data, `[Test] ${issue.subject}`),
    ...mail,
    headers: {},
    idempotencyKey: `test/${issue.id}/${randomId()}`,
  });
  logAction("test_sent", issue);
  return c.redirect(`/beheer/nieuwsbrief/${issue.id}?bericht=test`, 303);
});

newsletterAuthorRoutes.post("/:id/versturen", async (c) => {
  const issue = await loadIssue(c);
  if (!issue) return c.notFound();
  if ((await readForm(c.req.raw))?.zeker !== "ja")
    return issuePage(c, issue, {
      status: 422,
      error: "Vink eerst aan dat je het nummer nu wilt versturen; er is niets verstuurd.",
    });
  const db = database(c.env);
  const now = Date.now();
  if (await scheduleIssue(db, issue.id, now, now)) {
    logAction("send_now", issue);
    // The first readers are claimed at once; the cron takes the rest, every 15 minutes.
    c.executionCtx.waitUntil(claimNewsletters(c.env, db, config(c.env), now, 50));
  }
  return c.redirect(`/beheer/nieuwsbrief/${issue.id}?bericht=verstuurd`, 303);
});

newsletterAuthorRoutes.post("/:id/inplannen", async (c) => {
  const issue = await loadIssue(c);
  if (!issue) return c.notFound();
  const parsed = sendAtSchema.safeParse((await readForm(c.req.raw)) ?? {});
  const now = Date.now();
  if (!parsed.success)
    return issuePage(c, issue, {
      status: 422,
      error: `${parsed.error.issues.map((problem) => problem.message).join(" ")} Er is niets veranderd.`,
    });
  if (parsed.data.tijdstip <= now)
    return issuePage(c, issue, {
      status: 422,
      error: `${formatAmsterdam(parsed.data.tijdstip)} is al voorbij. Kies een later moment, of verstuur het nummer nu.`,
    });
  if (!(await scheduleIssue(database(c.env), issue.id, parsed.data.tijdstip, now)))
    return issuePage(c, issue, { status: 409, error: "Dit nummer is al verstuurd; er is niets veranderd." });
  logAction("scheduled", issue);
  return c.redirect(`/beheer/nieuwsbrief/${issue.id}?bericht=ingepland`, 303);
});

newsletterAuthorRoutes.post("/:id/verwijderen", async (c) => {
  const issue = await loadIssue(c);
  if (!issue) return c.notFound();
  if ((await readForm(c.req.raw))?.zeker !== "ja")
    return issuePage(c, issue, {
      status: 422,
      error: "Vink eerst aan dat je dit concept wilt verwijderen; er is niets verwijderd.",
    });
  if (!(await deleteDraft(database(c.env), issue.id)))
    return issuePage(c, issue, {
      status: 409,
      error:
        issue.status === "scheduled"
          ? "Een ingepland nummer verwijder je niet: zet het eerst terug naar concept. Er is niets verwijderd."
          : "Een verstuurd nummer blijft bewaard; er is niets verwijderd.",
    });
  logAction("draft_deleted", issue);
  return c.redirect("/beheer/nieuwsbrief?bericht=verwijderd", 303);
});

newsletterAuthorRoutes.post("/:id/concept", async (c) => {
  const issue = await loadIssue(c);
  if (!issue) return c.notFound();
  if (!(await unscheduleIssue(database(c.env), issue.id, Date.now())))
    return issuePage(c, issue, { status: 409, error: "Het nummer gaat al uit en kan niet meer terug naar concept." });
  logAction("unscheduled", issue);
  return c.redirect(`/beheer/nieuwsbrief/${issue.id}?bericht=concept`, 303);
});
