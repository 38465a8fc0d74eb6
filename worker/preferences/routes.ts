import type { Context } from "hono";
import { Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { database } from "../db/client.ts";
import { page } from "../pages/layout.ts";
import { invalidLinkPage } from "../pages/link-pages.ts";
import { readForm } from "../pages/read-form.ts";
import { deleteReader, exportReaderData } from "../privacy/reader-data.ts";
import { readerDataPage } from "../privacy/reader-data-page.ts";
import { findByLinkToken, type Subscriber } from "../signup/subscribers.ts";
import { type Enrollment, findEnrollment, pause, resume, setMailChoices, setSendHour } from "./preferences.ts";

export const preferencesRoutes = new Hono<{ Bindings: Env }>();

const HOURS = Array.from({ length: 17 }, (_, i) => i + 6);

const courseAction = z.discriminatedUnion("actie", [
  z.object({ actie: z.literal("pauzeren") }),
  z.object({ actie: z.literal("hervatten") }),
  z.object({ actie: z.literal("tijdstip"), uur: z.coerce.number().int().min(6).max(22) }),
  z.object({
    actie: z.literal("mail"),
    lessen: z.literal("ja").optional().transform(Boolean),
    nieuwsbrief: z.literal("ja").optional().transform(Boolean),
  }),
]);
const dataAction = z.discriminatedUnion("actie", [
  z.object({ actie: z.literal("exporteren") }),
  z.object({ actie: z.literal("bekijken") }),
  z.object({ actie: z.literal("verwijderen"), zeker: z.literal("ja") }),
]);

function status(subscriber: Subscriber, enrollment: Enrollment | null) {
  if (subscriber.status !== "active")
    return html`<p>Je bent afgemeld; je krijgt van ons geen mail. Je kunt je altijd <a href="/">opnieuw inschrijven</a>.</p>`;
  if (!enrollment) return html`<p>Je bent ingeschreven.</p>`;
  if (enrollment.state === "paused")
    return html`<p>Je lessen staan <strong>op pauze</strong>. Je houdt je plek in de reeks.</p>`;
  const newsletter = subscriber.newsletter ? "Je krijgt de nieuwsbrief." : "Je krijgt de nieuwsbrief niet.";
  if (enrollment.state === "completed") return html`<p>Je hebt alle lessen gehad. ${newsletter}</p>`;
  if (enrollment.state === "stopped")
    return html`<p>Je krijgt geen lessen meer; je plek in de reeks (${enrollment.position} gehad) blijft bewaard. ${newsletter}</p>`;
  return html`<p>Je krijgt elke week een les, rond <strong>${enrollment.sendHour}:00 uur</strong>. Je hebt er ${enrollment.position} gehad.</p>`;
}

function mailChoices(token: string, subscriber: Subscriber, enrollment: Enrollment | null) {
  const lessons = enrollment !== null && enrollment.state !== "completed";
  const lessonsOn = lessons && enrollment.state !== "stopped";
  return html`<h2>Wat je van ons krijgt</h2>
    <form method="post" action="/voorkeuren/${token}">
      <input type="hidden" name="actie" value="mail" />
      ${
        lessons
          ? html`<p class="check"><input type="checkbox" id="lessen" name="lessen" value="ja" ${lessonsOn ? "checked" : ""} /><label for="lessen">De wekelijkse lessen</label></p>`
          : html`<input type="hidden" name="lessen" value="ja" />`
      }
      <p class="check"><input type="checkbox" id="nieuwsbrief" name="nieuwsbrief" value="ja" ${subscriber.newsletter ? "checked" : ""} /><label for="nieuwsbrief">De nieuwsbrief</label></p>
      <button type="submit" class="quiet">Bewaar mijn keuze</button>
    </form>`;
}

async function preferencesPage(c: Context, token: string, subscriber: Subscriber, notice?: string) {
  const enrollment = await findEnrollment(database(c.env), subscriber.id);
  const active = subscriber.status === "active" && enrollment !== null && enrollment.state !== "completed";
  return page(c, {
    title: "Je voorkeuren",
    body: html`<h1>Je voorkeuren</h1>
      ${notice ? html`<p role="status"><strong>${notice}</strong></p>` : ""} ${status(subscriber, enrollment)}
      ${
        active && enrollment?.state === "active"
          ? html`<form method="post" action="/voorkeuren/${token}">
            <input type="hidden" name="actie" value="pauzeren" />
            <p>Even te veel? Zet de lessen op pauze, zo lang als je wilt.</p>
            <button type="submit">Nu even niet</button>
          </form>`
          : ""
      }
      ${
        active && enrollment?.state === "paused"
          ? html`<form method="post" action="/voorkeuren/${token}">
            <input type="hidden" name="actie" value="hervatten" />
            <button type="submit">Ga weer verder</button>
          </form>`
          : ""
      }
      ${
        active && enrollment
          ? html`<form method="post" action="/voorkeuren/${token}">
            <input type="hidden" name="actie" value="tijdstip" />
            <label for="uur">Hoe laat wil je je les krijgen?</label>
            <select id="uur" name="uur">
              ${HOURS.map((hour) => html`<option value="${hour}" ${hour === enrollment.sendHour ? "selected" : ""}>${hour}:00 uur</option>`)}
            </select>
            <button type="submit" class="quiet">Bewaar</button>
          </form>`
          : ""
      }
      ${subscriber.status === "active" ? mailChoices(token, subscriber, enrollment) : ""}
      ${subscriber.status === "active" ? html`<p class="muted">Liever helemaal geen mail meer? Gebruik de link "Afmelden" onderaan elke mail.</p>` : ""}
      <h2>Je gegevens</h2>
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
      </form>`,
  });
}

preferencesRoutes.get("/:token", async (c) => {
  const token = c.req.param("token");
  const subscriber = await findByLinkToken(database(c.env), "preferences", token);
  return subscriber ? preferencesPage(c, token, subscriber) : invalidLinkPage(c);
});

preferencesRoutes.post("/:token", async (c) => {
  const token = c.req.param("token");
  const db = database(c.env);
  const subscriber = await findByLinkToken(db, "preferences", token);
  if (!subscriber) return invalidLinkPage(c);
  const form = (await readForm(c.req.raw)) ?? {};
  const data = dataAction.safeParse(form);
  if (data.success && data.data.actie === "exporteren") {
    const exported = await exportReaderData(db, subscriber.id);
    c.header("Content-Disposition", 'attachment; filename="mijn-gegevens.json"');
    c.header("Cache-Control", "no-store");
    return c.body(`${JSON.stringify(exported, null, 2)}\n`, 200, { "Content-Type": "application/json; charset=utf-8" });
  }
  if (data.success && data.data.actie === "bekijken") {
    const exported = await exportReaderData(db, subscriber.id);
    if (!exported) return invalidLinkPage(c);
    return page(c, {
      title: "Je gegevens bij Rust en richting",
      body: readerDataPage(exported, `/voorkeuren/${token}`),
    });
  }
  if (data.success && data.data.actie === "verwijderen") {
    await deleteReader(db, subscriber.id);
    return page(c, {
      title: "Je gegevens zijn verwijderd",
      body: html`<h1>Je gegevens zijn verwijderd</h1>
        <p>We hebben je adres, je antwoorden en je plek in de reeks gewist. Je krijgt van ons geen mail meer.</p>`,
    });
  }
  if (form.actie === "verwijderen")
    return preferencesPage(c, token, subscriber, "Vink eerst aan dat je zeker bent; er is niets veranderd.");
  const parsed = courseAction.safeParse(form);
  const enrollment = await findEnrollment(db, subscriber.id);
  if (!parsed.success || !enrollment || subscriber.status !== "active") {
    return preferencesPage(c, token, subscriber, "Dat lukte niet; er is niets veranderd. Probeer het gerust nog eens.");
  }
  const now = Date.now();
  const action = parsed.data;
  if (action.actie === "pauzeren") await pause(db, subscriber.id, now);
  if (action.actie === "hervatten") await resume(db, enrollment, now);
  if (action.actie === "tijdstip") await setSendHour(db, enrollment, action.uur, now);
  if (action.actie === "mail") {
    await setMailChoices(
      db,
      subscriber.id,
      enrollment,
      { lessons: action.lessen, newsletter: action.nieuwsbrief },
      now,
    );
    const updated = { ...subscriber, newsletter: action.nieuwsbrief };
    const nothing = !action.lessen && !action.nieuwsbrief;
    return preferencesPage(
      c,
      token,
      updated,
      nothing
        ? "Bewaard. Je krijgt nu geen lessen en geen nieuwsbrief; je blijft ingeschreven tot je je afmeldt."
        : "Bewaard.",
    );
  }
  const notices = {
    pauzeren: "Je lessen staan op pauze.",
    hervatten: "Welkom terug. Je volgende les komt op je vaste tijd.",
    tijdstip: "Bewaard.",
  };
  return preferencesPage(c, token, subscriber, notices[action.actie]);
});
