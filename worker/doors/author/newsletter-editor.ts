import { html } from "hono/html";
import type * as z from "zod/mini";
import { gentleWordings } from "../../domain/course/gentle-answers.ts";
import { MAX_SUBJECT } from "../../domain/newsletter/issue-form.ts";
import type { Issue, IssueFigures } from "../../domain/newsletter/issues.ts";
import { formatAmsterdam } from "../../mechanisms/lib/amsterdam-time.ts";

/** What the editor shows: an issue's fields, or what the author typed with what to fix. */
export type EditorState = {
  action: string;
  /** The page's CSP nonce, for the subject's live count. */
  nonce?: string | undefined;
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
export function issueEditor({ action, nonce, issue, form, issues = [] }: EditorState) {
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
  const greets = form ? form.groet !== "nee" : (issue?.greeting ?? true);
  const subject = value("onderwerp", issue?.subject ?? "");
  return html`<style nonce="${nonce ?? ""}">.counter{margin:-.6rem 0 1rem;font-family:system-ui,sans-serif;font-size:.9rem}fieldset .check{margin:.3rem 0}</style>
  <form method="post" action="${action}" novalidate>
    <label for="onderwerp">Onderwerp <span class="muted">(hoogstens ${MAX_SUBJECT} tekens, zodat het op een telefoon heel blijft)</span></label>
    <input id="onderwerp" name="onderwerp" type="text" value="${subject}" required aria-describedby="onderwerp-teller${problem("onderwerp") ? " onderwerp-fout" : ""}" ${problem("onderwerp") ? html`aria-invalid="true"` : ""} />
    <p id="onderwerp-teller" class="${subject.trim().length > MAX_SUBJECT ? "error" : "muted"} counter" aria-live="polite">${subjectCount(subject.trim().length)}</p>
    ${note("onderwerp")}
    <label for="voorvertoning">Voorvertoning <span class="muted">(de regel onder het onderwerp in de inbox)</span></label>
    <input id="voorvertoning" name="voorvertoning" type="text" maxlength="110" value="${value("voorvertoning", issue?.preheader ?? "")}" ${field("voorvertoning")} />
    ${note("voorvertoning")}
    <fieldset>
      <legend>Hoe begint de mail?</legend>
      <p class="check"><input type="radio" id="groet-ja" name="groet" value="ja" ${greets ? "checked" : ""} /><label for="groet-ja">Met "Hoi Anna," (de voornaam van de lezer; "Hoi," als ze geen naam gaf), boven je tekst</label></p>
      <p class="check"><input type="radio" id="groet-nee" name="groet" value="nee" ${greets ? "" : "checked"} /><label for="groet-nee">Zonder aanhef: mijn tekst begint zelf</label></p>
    </fieldset>
    <label for="tekst">Tekst <span class="muted">(Markdown: een lege regel tussen alinea's, een nieuwe regel blijft een nieuwe regel, ## voor een tussenkop, **vet**, [link](https://…); geen afbeeldingen of HTML)</span></label>
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
  </form>
  <script nonce="${nonce ?? ""}">
    (function () {
      var input = document.getElementById("onderwerp");
      var counter = document.getElementById("onderwerp-teller");
      if (!input || !counter) return;
      input.addEventListener("input", function () {
        var left = ${MAX_SUBJECT} - input.value.trim().length;
        counter.textContent = left >= 0
          ? "Nog " + left + (left === 1 ? " teken" : " tekens") + " over."
          : -left + (left === -1 ? " teken" : " tekens") + " te veel: maak het onderwerp wat korter.";
        counter.className = left >= 0 ? "muted counter" : "error counter";
      });
    })();
  </script>`;
}

/** "Nog 12 tekens over." or "3 tekens te veel: …", as the script says it while she types. */
export function subjectCount(length: number): string {
  const left = MAX_SUBJECT - length;
  if (left >= 0) return `Nog ${left} ${left === 1 ? "teken" : "tekens"} over.`;
  return `${-left} ${left === -1 ? "teken" : "tekens"} te veel: maak het onderwerp wat korter.`;
}
