import { asc, eq } from "drizzle-orm";
import type { Context } from "hono";
import { html } from "hono/html";
import * as z from "zod/mini";
import { progressOf } from "../../domain/course/progress.ts";
import { consentLabel } from "../../domain/readers/consent-sources.ts";
import { readerDeliveries } from "../../domain/readers/deliveries.ts";
import { type Enrollment, findEnrollment } from "../../domain/readers/preferences.ts";
import type { Subscriber } from "../../domain/readers/subscribers.ts";
import { suppressionReason } from "../../domain/readers/suppression.ts";
import { database } from "../../mechanisms/db/client.ts";
import { consents } from "../../mechanisms/db/schema.ts";
import { formatAmsterdam } from "../../mechanisms/lib/amsterdam-time.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { acceptedSecrets } from "../../mechanisms/mail/links.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { tableStyle } from "../../mechanisms/pages/table-style.ts";
import { UNMADE } from "../../mechanisms/sending/compose.ts";
import { authorNav } from "./nav.ts";

type AppContext = Context<{ Bindings: Env }>;

/** What the author can do for a reader, as it appears in the URL. */
export const actionSchema = z.enum(["bevestiging", "pauzeren", "hervatten", "afmelden", "wissen"]);
export type Action = z.infer<typeof actionSchema>;

const statusLabels: Record<Subscriber["status"], string> = {
  pending: "Wacht op bevestiging van het adres",
  active: "Ingeschreven",
  unsubscribed: "Afgemeld",
  suppressed: "Krijgt geen mail meer (gebounced of klacht)",
};
const courseLabels: Record<Enrollment["state"], string> = {
  active: "Loopt",
  paused: "Op pauze",
  completed: "Alle lessen gehad",
  stopped: "Gestopt (afgemeld, of de lezer wil geen lessen meer)",
};
/** "actief; 3 van de 18 lessen van Rust en richting gehad" */
function progressLine(enrollment: Enrollment): string {
  const { series, had, total } = progressOf(enrollment);
  const where = series ? `${had} van de ${total} lessen van ${series.name} gehad` : "een reeks die niet meer bestaat";
  return `${courseLabels[enrollment.state]}; ${where}`;
}

const outcomeLabels = {
  sent: "Verstuurd",
  failed: "Geweigerd",
  skipped: "Niet verstuurd: de lezer was al weg of nog niet bevestigd",
  claimed: "In de wachtrij",
};

/** Each action's button, the question its confirm step asks, and the button that answers yes. */
export const actions: Record<Action, { label: string; question: string; button: string }> = {
  bevestiging: {
    label: "Bevestigingsmail opnieuw sturen",
    question: "Een nieuwe bevestigingsmail sturen? De link in de vorige werkt daarna niet meer.",
    button: "Ja, stuur een nieuwe",
  },
  pauzeren: {
    label: "Lessen pauzeren",
    question: "De lessen van deze lezer pauzeren? De lezer houdt de plek in de reeks en kan zelf weer verder.",
    button: "Ja, pauzeer",
  },
  hervatten: {
    label: "Lessen hervatten",
    question: "De lessen van deze lezer weer laten lopen? De volgende les komt op het vaste tijdstip.",
    button: "Ja, ga weer verder",
  },
  afmelden: {
    label: "Afmelden",
    question:
      "Deze lezer afmelden? Er gaat dan geen mail meer naar dit adres, tot de lezer zich zelf opnieuw inschrijft.",
    button: "Ja, meld af",
  },
  wissen: {
    label: "Alle gegevens wissen",
    question:
      "Alles van deze lezer wissen: adres, naam, toestemming, antwoorden, plek in de reeks en de verstuurde mails? Dat kan niet ongedaan worden gemaakt.",
    button: "Ja, wis alles",
  },
};
/** Which actions fit where the reader is now. */
export function possible(subscriber: Subscriber, enrollment: Enrollment | null): Action[] {
  const list: Action[] = [];
  if (subscriber.status === "pending") list.push("bevestiging");
  if (subscriber.status === "active" && enrollment?.state === "active") list.push("pauzeren");
  if (subscriber.status === "active" && enrollment?.state === "paused") list.push("hervatten");
  if (subscriber.status === "active" || subscriber.status === "pending") list.push("afmelden");
  list.push("wissen");
  return list;
}

/** The search form, with a message about the last search if there is one. */
export function searchPage(c: AppContext, message?: string, typed = "", status: 200 | 404 | 422 = 200) {
  return page(c, {
    title: "Lezers",
    status,
    body: html`${authorNav(c, "/beheer/lezers")}
      <h1>Een lezer zoeken</h1>
      <p>Zoek op het volledige e-mailadres (hoofdletters maken niet uit). Een lijst van alle adressen staat hier bewust niet.</p>
      <form method="post" action="/beheer/lezers">
        <label for="email">E-mailadres</label>
        <input id="email" name="email" type="email" required value="${typed}"
          ${message ? html`aria-invalid="true" aria-describedby="zoek-fout"` : ""} />
        ${message ? html`<p class="error" id="zoek-fout" role="alert">${message}</p>` : ""}
        <button type="submit">Zoeken</button>
      </form>`,
  });
}

/** One reader: who, where in the course, what became of their mails, and what she can do for them. */
export async function readerPage(c: AppContext, subscriber: Subscriber, notice?: string, status: 200 | 409 = 200) {
  const db = database(c.env);
  const [enrollment, consentRows, mails, suppressed] = await Promise.all([
    findEnrollment(db, subscriber.id),
    db.select().from(consents).where(eq(consents.subscriberId, subscriber.id)).orderBy(asc(consents.createdAt)).all(),
    readerDeliveries(db, subscriber.id),
    suppressionReason(db, acceptedSecrets(config(c.env)), subscriber.email),
  ]);
  const next = enrollment?.state === "active" && enrollment.nextSendAt !== null ? enrollment.nextSendAt : null;
  return page(c, {
    title: "Lezer",
    status,
    body: html`${authorNav(c, "/beheer/lezers")}${tableStyle(c)}
      <p><a href="/beheer/lezers">Een andere lezer zoeken</a></p>
      <h1>${subscriber.firstName ?? "Lezer"}</h1>
      ${notice ? html`<p role="status"><strong>${notice}</strong></p>` : ""}
      <dl>
        <dt>E-mailadres</dt><dd>${subscriber.email}</dd>
        <dt>Status</dt><dd>${statusLabels[subscriber.status]}${
          suppressed
            ? ` (${suppressed === "bounce" ? "het adres bestaat niet of weigert mail" : "de lezer meldde een mail als spam"})`
            : ""
        }</dd>
        <dt>Ingeschreven</dt><dd>${formatAmsterdam(subscriber.createdAt)}</dd>
        <dt>Bevestigd</dt><dd>${subscriber.confirmedAt ? formatAmsterdam(subscriber.confirmedAt) : "Nog niet"}</dd>
        <dt>Toestemming</dt><dd>${
          consentRows.length === 0
            ? "Geen toestemming bewaard"
            : consentRows.map((row) => html`${consentLabel(row.source)}, ${formatAmsterdam(row.createdAt)}<br />`)
        }</dd>
        <dt>Lessen</dt><dd>${enrollment ? progressLine(enrollment) : "Nog niet begonnen"}</dd>
        <dt>Nieuwsbrief</dt><dd>${subscriber.newsletter ? "Ja, wil de nieuwsbrief" : "Nee, wil geen nieuwsbrief"}</dd>
        <dt>Volgende les</dt><dd>${next ? `${formatAmsterdam(next)} (Nederlandse tijd)` : "Geen gepland"}</dd>
      </dl>
      <h2>Mails</h2>
      ${
        mails.length === 0
          ? html`<p>Nog geen mails verstuurd.</p>`
          : html`<table>
              <caption>Mails aan deze lezer, nieuwste eerst</caption>
              <thead><tr><th scope="col">Mail</th><th scope="col">Gepland</th><th scope="col">Uitkomst</th></tr></thead>
              <tbody>${mails.map(
                (mail) => html`<tr><td>${mail.subject}</td><td>${formatAmsterdam(mail.dueAt)}</td>
                  <td>${mail.reason?.startsWith(UNMADE) ? "Mislukt" : outcomeLabels[mail.status]}${mail.sentAt ? `, ${formatAmsterdam(mail.sentAt)}` : ""}${mail.reason ? html`: ${mail.reason}` : ""}</td></tr>`,
              )}</tbody>
            </table>`
      }
      ${
        suppressed
          ? html`<p>Na een harde bounce of een klacht gaat er geen mail meer naar dit adres. Weet je dat het nu goed zit? Op de
              <a href="/beheer">beheerpagina</a> kun je dat opheffen.</p>`
          : ""
      }
      <h2>Helpen</h2>
      <p class="actions">${possible(subscriber, enrollment).map(
        (action) =>
          html`<a class="button" href="/beheer/lezers/${subscriber.id}/${action}">${actions[action].label}</a>`,
      )}</p>`,
  });
}
