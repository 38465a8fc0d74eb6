import { html } from "hono/html";
import type * as z from "zod";
import { gentleWordings } from "../../domain/course/gentle-answers.ts";
import { MAX_SUBJECT } from "../../domain/newsletter/issue-form.ts";
import type { Issue, IssueFigures } from "../../domain/newsletter/issues.ts";
import { formatAmsterdam } from "../../mechanisms/lib/amsterdam-time.ts";

/** What the editor shows: an issue's fields, or what the author typed with what to fix. */
export type EditorState = {
  action: string;
  issue?: Issue;
  form?: Record<string, string>;
  issues?: z.core.$ZodIssue[];
};

const mails = (n: number) => (n === 1 ? "1 mail" : `${n} mails`);

/**
 * Where an issue stands, in a sentence, from what became of its mails: "Verstuurd" only when
 * every mail claimed for it went out or was skipped for a reader who left, and at least one went.
 */
export function issueStatus(issue: Issue, figures: IssueFigures): string {
  if (issue.status === "draft") return "Concept";
  if (issue.status === "scheduled") return `Ingepland voor ${formatAmsterdam(issue.sendAt!)}`;
  const { claimed, sent, failed, openBatches, failing } = figures;
  if (failing > 0)
    return sent > 0
      ? `Deels verstuurd: ${mails(sent)} van de ${claimed} ${sent === 1 ? "is" : "zijn"} weg, de rest lukt nog niet en wordt vanzelf opnieuw geprobeerd.`
      : "Nog niet verstuurd: het lukt nog niet, en wordt vanzelf opnieuw geprobeerd.";
  if (issue.status === "sending" || openBatches > 0)
    return `Wordt nu verstuurd: ${mails(sent)} van de ${claimed} ${sent === 1 ? "is" : "zijn"} weg.`;
  const on = formatAmsterdam(issue.sentAt!);
  if (failed > 0 && sent === 0)
    return `Niet verstuurd: ${failed === 1 ? "de mail is" : `alle ${failed} mails zijn`} mislukt.`;
  if (sent === 0) return "Niet verstuurd: er was niemand om het naar te sturen.";
  const archived = issue.public ? " · in het openbare archief" : "";
  if (failed > 0)
    return `Deels verstuurd op ${on}: ${failed} van de ${mails(sent + failed)} ${failed === 1 ? "is" : "zijn"} mislukt.${archived}`;
  return `Verstuurd op ${on}${archived}`;
}

/** The form to write or change an issue; each field's problem is shown beside it. */
export function issueEditor({ action, issue, form, issues = [] }: EditorState) {
  const value = (field: string, fromIssue: string) => form?.[field] ?? fromIssue;
  const problem = (field: string) => issues.find((issue) => issue.path[0] === field)?.message;
  const field = (name: string) => {
    const message = problem(name);
    return message ? html`aria-invalid="true" aria-describedby="${name}-fout"` : "";
  };
  const note = (name: string) => {
    const message = problem(name);
    return message ? html`<p class="error" id="${name}-fout" role="alert">${message}</p>` : "";
  };
  const answers = issue?.question?.answers.map((answer) => answer.label).join("\n") ?? "";
  const isPublic = form ? form.openbaar === "ja" : (issue?.public ?? false);
  return html`<form method="post" action="${action}" novalidate>
    <label for="onderwerp">Onderwerp <span class="muted">(hoogstens ${MAX_SUBJECT} tekens)</span></label>
    <input id="onderwerp" name="onderwerp" type="text" maxlength="${MAX_SUBJECT}" value="${value("onderwerp", issue?.subject ?? "")}" required ${field("onderwerp")} />
    ${note("onderwerp")}
    <label for="voorvertoning">Voorvertoning <span class="muted">(de regel onder het onderwerp in de inbox)</span></label>
    <input id="voorvertoning" name="voorvertoning" type="text" maxlength="110" value="${value("voorvertoning", issue?.preheader ?? "")}" ${field("voorvertoning")} />
    ${note("voorvertoning")}
    <label for="tekst">Tekst <span class="muted">(Markdown: een lege regel tussen alinea's, ## voor een tussenkop, **vet**, [link](https://…))</span></label>
    <textarea id="tekst" name="tekst" rows="14" required ${field("tekst")}>${value("tekst", issue?.body ?? "")}</textarea>
    ${note("tekst")}
    <label for="vraag">Een vraag aan je lezers <span class="muted">(mag leeg blijven)</span></label>
    <input id="vraag" name="vraag" type="text" maxlength="200" value="${value("vraag", issue?.question?.prompt ?? "")}" ${field("vraag")} />
    ${note("vraag")}
    <label for="antwoorden">Antwoorden <span class="muted">(2 tot 5, elk op een eigen regel; één ervan is ${gentleWordings})</span></label>
    <textarea id="antwoorden" name="antwoorden" rows="4" ${field("antwoorden")}>${value("antwoorden", answers)}</textarea>
    ${note("antwoorden")}
    <p class="check"><input type="checkbox" id="openbaar" name="openbaar" value="ja" ${isPublic ? "checked" : ""} /><label for="openbaar">Na versturen tonen in het openbare archief (/nieuwsbrief)</label></p>
    <button type="submit">Bewaar als concept</button>
  </form>`;
}
