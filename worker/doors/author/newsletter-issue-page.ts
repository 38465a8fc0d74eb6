import type { Context } from "hono";
import { html, raw } from "hono/html";
import { sampleMail } from "../../domain/mails/newsletter-previews.ts";
import { audienceSize, type Issue, issueFigures } from "../../domain/newsletter/issues.ts";
import { database } from "../../mechanisms/db/client.ts";
import { amsterdamLocal } from "../../mechanisms/lib/amsterdam-time.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { tableStyle } from "../../mechanisms/pages/table-style.ts";
import { authorNav } from "./nav.ts";
import { issueEditor, issueStatus } from "./newsletter-editor.ts";

/** One issue's page: where it stands, its figures once sent, previews, the test mail, sending and editing. */
export async function issuePage(
  c: Context<{ Bindings: Env }>,
  issue: Issue,
  extra: { notice?: string; error?: string; status?: 200 | 409 | 422 } = {},
) {
  const db = database(c.env);
  const cfg = config(c.env);
  const [audience, figures, sample] = await Promise.all([
    audienceSize(db),
    issueFigures(db, issue),
    sampleMail(cfg, issue),
  ]);
  const editable = issue.status === "draft" || issue.status === "scheduled";
  const nonce = c.get("secureHeadersNonce") as string | undefined;
  const base = `/beheer/nieuwsbrief/${issue.id}`;
  return page(c, {
    title: issue.subject,
    status: extra.status ?? 200,
    body: html`${authorNav(c, "/beheer/nieuwsbrief")}${tableStyle(c)}<style nonce="${nonce ?? ""}">${raw(issuePageStyle)}</style>
      <p><a href="/beheer/nieuwsbrief">← Alle nummers</a></p>
      <h1>${issue.subject}</h1>
      ${extra.notice ? html`<p role="status"><strong>${extra.notice}</strong></p>` : ""}
      ${extra.error ? html`<p class="error" role="alert">${extra.error}</p>` : ""}
      <p>${issueStatus(issue, figures)}</p>
      ${
        issue.status === "draft"
          ? html`<p class="muted">Gaat bij versturen naar ${audience} ${audience === 1 ? "lezer" : "lezers"}: iedereen die ingeschreven is en de nieuwsbrief wil, ook wie de lessen heeft gepauzeerd of afgerond.</p>`
          : ""
      }
      ${
        issue.status === "sending" || issue.status === "sent"
          ? html`<h2>Hoe het ging</h2>
            <table>
              <tr><th scope="row">Klaargezet voor</th><td>${figures.claimed}</td></tr>
              <tr><th scope="row">Verstuurd</th><td>${figures.sent}</td></tr>
              <tr><th scope="row">Mislukt</th><td>${figures.failed}</td></tr>
              <tr><th scope="row">Nog onderweg (groepjes)</th><td>${figures.openBatches}</td></tr>
            </table>
            ${
              issue.question
                ? html`<h3>${issue.question.prompt}</h3>
                  <ul>${issue.question.answers.map((answer) => html`<li>${answer.label}: ${figures.answers.find((row) => row.key === answer.key)?.n ?? 0}</li>`)}</ul>`
                : ""
            }`
          : ""
      }
      <h2>Zo zien lezers het</h2>
      <p class="muted">Op een telefoon, met de voorbeeldnaam Anna. Links in een voorbeeld doen niets; in een testmail laten ze je zien wat een lezer erachter vindt.</p>
      <div class="previews">
        <iframe src="${base}/voorbeeld/licht" title="Voorbeeld, licht" width="390" height="640" sandbox></iframe>
        <iframe src="${base}/voorbeeld/donker" title="Voorbeeld, donker" width="390" height="640" sandbox></iframe>
      </div>
      <details><summary>Als platte tekst</summary><pre>${sample.text}</pre></details>
      <form method="post" action="${base}/test">
        <label for="adres">Stuur mij een testmail</label>
        <input id="adres" name="adres" type="email" value="${config(c.env).AUTHOR_EMAIL ?? ""}" required />
        <button type="submit" class="quiet">Stuur testmail</button>
      </form>
      ${editable ? sendForms(issue, base) : ""}
      ${editable ? html`<h2>Bewerken</h2>${issueEditor({ action: base, issue, nonce })}` : html`<p class="muted">Een verstuurd nummer verandert niet meer.</p>`}
      ${issue.status === "draft" ? deleteForm(base) : ""}`,
  });
}

/** Room for the two previews side by side on a desktop; one under the other on a phone. */
const issuePageStyle = `
main{max-width:54rem}
.previews{display:flex;flex-wrap:wrap;gap:1rem;margin:0 0 1rem}
.previews iframe{border:1px solid var(--line);border-radius:.5rem;max-width:100%;background:#fff}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85rem}
`;

/** Deleting a draft: a checkbox to say she means it, as for sending. */
function deleteForm(base: string) {
  return html`<h2>Verwijderen</h2>
    <form method="post" action="${base}/verwijderen">
      <p class="check"><input type="checkbox" id="verwijderen-zeker" name="zeker" value="ja" required /><label for="verwijderen-zeker">Ja, verwijder dit concept; het komt niet terug</label></p>
      <button type="submit" class="danger">Concept verwijderen</button>
    </form>`;
}

function sendForms(issue: Issue, base: string) {
  return html`<h2>Versturen</h2>
    ${
      issue.status === "scheduled"
        ? html`<form method="post" action="${base}/concept"><button type="submit" class="quiet">Niet versturen, terug naar concept</button></form>`
        : html`<form method="post" action="${base}/versturen">
            <p class="check"><input type="checkbox" id="zeker" name="zeker" value="ja" required /><label for="zeker">Ja, verstuur dit nummer nu naar al mijn lezers</label></p>
            <button type="submit">Nu versturen</button>
          </form>`
    }
    <form method="post" action="${base}/inplannen">
      <label for="tijdstip">Of plan het in (Nederlandse tijd)</label>
      <input id="tijdstip" name="tijdstip" type="datetime-local" value="${issue.sendAt ? amsterdamLocal(issue.sendAt) : ""}" required />
      <button type="submit" class="quiet">Inplannen</button>
    </form>`;
}
