import { html } from "hono/html";
import type { ReaderData } from "../../domain/readers/reader-data.ts";
import { formatAmsterdam } from "../../mechanisms/lib/amsterdam-time.ts";
import { WEEKDAYS } from "./rhythm-form.ts";

const statusWords: Record<ReaderData["subscriber"]["status"], string> = {
  pending: "je inschrijving wacht op bevestiging",
  active: "ingeschreven",
  unsubscribed: "afgemeld",
  suppressed: "je krijgt geen mail meer (je adres weigerde mail, of een mail werd als spam gemeld)",
};

const courseWords: Record<NonNullable<ReaderData["course"]>["state"], string> = {
  active: "de lessen lopen",
  paused: "de lessen staan op pauze",
  completed: "je hebt alle lessen gehad",
  stopped: "je krijgt geen lessen meer",
};

const mailWords: Record<ReaderData["mails"][number]["kind"], string> = {
  confirmation: "Bevestiging van je inschrijving",
  welcome: "Welkom",
  lesson: "Les",
  closing: "Afsluiting van de reeks",
  newsletter: "Nieuwsbrief",
  links: "Je eigen links",
};

const sourceWords: Record<string, string> = {
  formulier: "het inschrijfformulier op deze site",
  embed: "het inschrijfformulier op de site van de schrijfster",
};

/** A moment from the export, as a reader in the Netherlands or Belgium reads it. */
const when = (iso: string | null) => (iso ? formatAmsterdam(Date.parse(iso)) : "—");
const yesNo = (value: boolean) => (value ? "ja" : "nee");

function row(label: string, value: unknown) {
  return html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
}

/** The same data as the machine's file, complete, as a page in plain Dutch the reader can print or save. */
export function readerDataPage(data: ReaderData, ownPage: string) {
  const { subscriber, course } = data;
  return html`<div class="reader-data"><h1>Je gegevens bij Rust en richting</h1>
    <p>Alles wat we van je bewaren, opgevraagd op ${when(data.exportedAt)} (Nederlandse tijd). Bewaar deze pagina met
      “Opslaan als” in je browser, of druk hem af.</p>

    <h2>Jij</h2>
    <table>
      <tbody>
        ${row("E-mailadres", subscriber.email)}
        ${row("Voornaam", subscriber.firstName ?? "(niet ingevuld)")}
        ${row("Stand", statusWords[subscriber.status])}
        ${row("Ingeschreven op", when(subscriber.createdAt))}
        ${row("Bevestigd op", when(subscriber.confirmedAt))}
        ${row("Afgemeld op", when(subscriber.unsubscribedAt))}
        ${row("Nieuwsbrief", yesNo(subscriber.newsletter))}
      </tbody>
    </table>

    <h2>Je toestemming</h2>
    ${
      data.consents.length === 0
        ? html`<p>Geen.</p>`
        : html`<table>
            <thead><tr><th scope="col">Gegeven op</th><th scope="col">Waar</th><th scope="col">Versie van de privacytekst</th><th scope="col">IP-adres</th></tr></thead>
            <tbody>${data.consents.map(
              (consent) =>
                html`<tr><td>${when(consent.givenAt)}</td><td>${sourceWords[consent.source] ?? `een lijst die de schrijfster invoerde (${consent.source})`}</td>
                  <td>${consent.privacyTextVersion}</td>
                  <td>${consent.ipAddressHash ? html`niet bewaard; alleen deze code, waaruit het niet terug te halen is: <code>${consent.ipAddressHash}</code>` : "niet bewaard"}</td></tr>`,
            )}</tbody>
          </table>`
    }

    <h2>De lessen</h2>
    ${
      course
        ? html`<table>
            <tbody>
              ${row("Stand", courseWords[course.state])}
              ${row("Reeks", course.series ?? "—")}
              ${row("Begonnen op", when(course.startedAt))}
              ${row("Wanneer", `${course.everyWeeks === 1 ? "elke week" : `om de ${course.everyWeeks} weken`} op ${WEEKDAYS[course.weekday - 1] ?? course.weekday} om ${course.sendHour}:00 uur (${course.timeZone})`)}
              ${row("Volgende les", course.state === "active" ? when(course.nextLessonAt) : "—")}
              ${row("Op pauze sinds", when(course.pausedAt))}
              ${row(
                `Lessen gehad (${course.lessonsReceived.length})`,
                course.lessonsReceived.length === 0
                  ? "nog geen"
                  : html`<ol>${course.lessonsReceived.map((title) => html`<li>${title}</li>`)}</ol>`,
              )}
            </tbody>
          </table>`
        : html`<p>Je bent niet aan de lessen begonnen.</p>`
    }

    <h2>Mails die we je stuurden</h2>
    ${
      data.mails.length === 0
        ? html`<p>Geen.</p>`
        : html`<table>
            <thead><tr><th scope="col">Wanneer</th><th scope="col">Soort</th><th scope="col">Onderwerp</th></tr></thead>
            <tbody>${data.mails.map((mail) => html`<tr><td>${when(mail.dueAt)}</td><td>${mailWords[mail.kind]}</td><td>${mail.subject}</td></tr>`)}</tbody>
          </table>`
    }

    <h2>Je antwoorden</h2>
    ${
      data.answers.length === 0
        ? html`<p>Je hebt nog geen vraag beantwoord.</p>`
        : data.answers.map(
            (answer) => html`<section>
              <h3>${answer.question}</h3>
              <table>
                <tbody>
                  ${row("Je antwoord", answer.answer)}
                  ${row("Je eigen woorden", answer.yourWords ?? "(geen)")}
                  ${row("Gedeeld met de schrijfster", yesNo(answer.sharedWithAuthor))}
                  ${row("Beantwoord op", when(answer.answeredAt))}
                  ${row("Laatst gewijzigd op", when(answer.changedAt))}
                </tbody>
              </table>
            </section>`,
          )
    }
    <p class="no-print"><a href="${ownPage}">Terug naar je eigen pagina</a></p></div>`;
}
