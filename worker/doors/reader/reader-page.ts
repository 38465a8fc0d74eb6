import type { Context } from "hono";
import { html } from "hono/html";
import { course, findSeries, lessonsHad } from "../../domain/course/course.ts";
import type { Series } from "../../domain/course/course-schema.ts";
import { progressOf, receivedOf } from "../../domain/course/progress.ts";
import { type Enrollment, findEnrollment } from "../../domain/readers/preferences.ts";
import type { Subscriber } from "../../domain/readers/subscribers.ts";
import { database } from "../../mechanisms/db/client.ts";
import { readerDateLabel } from "../../mechanisms/lib/reader-time.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { rhythmForm, WEEKDAYS } from "./rhythm-form.ts";

function nextLesson(enrollment: Enrollment, now: number) {
  if (enrollment.nextSendAt === null) return "";
  if (enrollment.nextSendAt <= now) return html` Je volgende les is onderweg.`;
  const when = readerDateLabel(enrollment.nextSendAt, enrollment.timeZone);
  return html` Je volgende les komt op <strong>${when}</strong> (tijd in ${enrollment.timeZone}).`;
}

function status(subscriber: Subscriber, enrollment: Enrollment | null, now: number) {
  if (subscriber.status !== "active")
    return html`<p>Je bent afgemeld; je krijgt van ons geen mail. Je kunt je altijd <a href="/">opnieuw inschrijven</a>.</p>`;
  if (!enrollment) return html`<p>Je bent ingeschreven.</p>`;
  const { series, had, total } = progressOf(enrollment);
  const where = series ? html`<strong>${series.name}</strong>: je hebt ${had} van de ${total} lessen gehad.` : "";
  const newsletter = subscriber.newsletter ? "Je krijgt de nieuwsbrief." : "Je krijgt de nieuwsbrief niet.";
  if (enrollment.state === "paused")
    return html`<p>Je lessen staan <strong>op pauze</strong>. ${where} Je houdt je plek in de reeks.</p>`;
  if (enrollment.state === "completed")
    return html`<p>Je hebt alle lessen van ${series?.name ?? "je reeks"} gehad. ${newsletter}</p>`;
  if (enrollment.state === "stopped")
    return html`<p>Je krijgt geen lessen meer; je plek blijft bewaard. ${where} ${newsletter}</p>`;
  const often = enrollment.pace === 1 ? "Elke" : "Om de";
  return html`<p>${where} ${often} ${WEEKDAYS[enrollment.weekday - 1]} om ${enrollment.sendHour}:00 uur krijg je een les.${nextLesson(enrollment, now)}</p>`;
}

function action(token: string, name: string, intro: string, button: string, quiet = false) {
  return html`<form method="post" action="/voorkeuren/${token}">
    <input type="hidden" name="actie" value="${name}" />
    <p>${intro}</p>
    <button type="submit" ${quiet ? html`class="quiet"` : ""}>${button}</button>
  </form>`;
}

/**
 * Every series with what the reader can do with it: begin it, go on with one she started before,
 * or begin again the one she is in or finished.
 */
function seriesChoices(token: string, enrollment: Enrollment) {
  const current = findSeries(enrollment.series);
  const finished = enrollment.state === "completed";
  if (course.series.length === 1 && !finished) return "";
  const had = lessonsHad(receivedOf(enrollment));
  const started = (series: Series) => series.lessons.some((lesson) => had.has(lesson.slug));
  return html`<h2 id="reeksen">${finished ? "Hoe verder?" : "De reeksen"}</h2>
    ${course.series.map((series) => {
      const mine = series === current;
      const button = mine
        ? "Begin opnieuw bij les 1"
        : started(series)
          ? "Ga verder met deze reeks"
          : "Begin aan deze reeks";
      return html`<form method="post" action="/voorkeuren/${token}">
        <input type="hidden" name="actie" value="reeks" />
        <input type="hidden" name="reeks" value="${series.id}" />
        ${mine ? html`<input type="hidden" name="opnieuw" value="ja" />` : ""}
        <p><strong>${series.name}</strong>${mine ? " (je reeks)" : ""}: ${series.description}</p>
        ${mine && !finished ? "" : html`<button type="submit" class="quiet">${button}</button>`}
      </form>`;
    })}`;
}

function mailChoices(token: string, subscriber: Subscriber, enrollment: Enrollment | null) {
  const lessons = enrollment !== null && enrollment.state !== "completed";
  const lessonsOn = lessons && enrollment.state !== "stopped";
  return html`<h2>Wat je van ons krijgt</h2>
    <form method="post" action="/voorkeuren/${token}">
      <input type="hidden" name="actie" value="mail" />
      ${
        lessons
          ? html`<p class="check"><input type="checkbox" id="lessen" name="lessen" value="ja" ${lessonsOn ? "checked" : ""} /><label for="lessen">De lessen</label></p>`
          : html`<input type="hidden" name="lessen" value="ja" />`
      }
      <p class="check"><input type="checkbox" id="nieuwsbrief" name="nieuwsbrief" value="ja" ${subscriber.newsletter ? "checked" : ""} /><label for="nieuwsbrief">De nieuwsbrief</label></p>
      <button type="submit" class="quiet">Bewaar mijn keuze</button>
    </form>`;
}

function dataSection(token: string) {
  return html`<h2>Je gegevens</h2>
    <p>Wat we van je bewaren, waarom en hoe lang: <a href="/privacy">privacy</a>.</p>
    <form method="post" action="/voorkeuren/${token}">
      <input type="hidden" name="actie" value="exporteren" />
      <p>Alles wat we van je bewaren, ook je antwoorden: als bestand voor een computer, of als pagina om te lezen, te bewaren of af te drukken.</p>
      <button type="submit" class="quiet">Download mijn gegevens</button>
    </form>
    <form method="post" action="/voorkeuren/${token}">
      <input type="hidden" name="actie" value="bekijken" />
      <button type="submit" class="quiet">Bekijk mijn gegevens</button>
    </form>
    <form method="post" action="/voorkeuren/${token}">
      <input type="hidden" name="actie" value="verwijderen" />
      <p>Je adres, je antwoorden en je plek in de reeks worden gewist. Dat kan niet ongedaan worden gemaakt.</p>
      <p class="check"><input type="checkbox" id="zeker" name="zeker" value="ja" /><label for="zeker">Ja, verwijder al mijn gegevens</label></p>
      <button type="submit" class="danger">Verwijder mijn gegevens</button>
    </form>`;
}

/** The reader's own page: where they are, when the next lesson comes, and everything they can change. */
export async function readerPage(
  c: Context,
  token: string,
  subscriber: Subscriber,
  options: {
    notice?: string;
    zoneError?: string;
    /** What she typed in a rhythm form that was refused: shown again as she typed it, to correct. */
    typed?: Partial<Pick<Enrollment, "weekday" | "sendHour" | "pace" | "timeZone">>;
    status?: 200 | 422;
  } = {},
) {
  const now = Date.now();
  const enrollment = await findEnrollment(database(c.env), subscriber.id);
  const subscribed = subscriber.status === "active";
  const state = subscribed ? enrollment?.state : undefined;
  const courseOn = state === "active" || state === "paused";
  return page(c, {
    title: "Je voorkeuren",
    status: options.status ?? 200,
    body: html`<h1>Je voorkeuren</h1>
      ${options.notice ? html`<p role="status"><strong>${options.notice}</strong></p>` : ""}
      ${status(subscriber, enrollment, now)}
      <p><a href="/voorkeuren/${token}/reflecties">Mijn reflecties</a>: je antwoorden en je eigen woorden, bij elkaar.</p>
      ${state === "active" ? action(token, "pauzeren", "Even te veel? Zet de lessen op pauze, zo lang als je wilt.", "Nu even niet") : ""}
      ${state === "active" ? action(token, "overslaan", "Deze week liever geen les? Dan komt de volgende een week later.", "Sla een week over", true) : ""}
      ${state === "paused" ? action(token, "hervatten", "Klaar om verder te gaan? De volgende les komt op je vaste dag en tijd.", "Ga weer verder") : ""}
      ${courseOn && enrollment ? rhythmForm(c, token, { ...enrollment, ...options.typed }, options.zoneError) : ""}
      ${subscribed && enrollment ? seriesChoices(token, enrollment) : ""}
      ${subscribed ? mailChoices(token, subscriber, enrollment) : ""}
      ${subscribed ? action(token, "afmelden", "Liever helemaal geen mail meer van ons? Je antwoorden blijven bewaard tot je ze verwijdert.", "Meld me af", true) : ""}
      ${dataSection(token)}`,
  });
}
