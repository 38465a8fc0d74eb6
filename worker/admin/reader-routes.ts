import { asc, eq } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { config } from "../config.ts";
import { course } from "../course/course.ts";
import { database } from "../db/client.ts";
import { consents, subscribers } from "../db/schema.ts";
import { formatAmsterdam } from "../lib/amsterdam-time.ts";
import { page } from "../pages/layout.ts";
import { readForm } from "../pages/read-form.ts";
import { findEnrollment, pause, resume } from "../preferences/preferences.ts";
import { deleteReader } from "../privacy/reader-data.ts";
import { signupSchema } from "../signup/signup-form.ts";
import { findByEmail, type Subscriber } from "../signup/subscribers.ts";
import { unsubscribe } from "../unsubscribe/unsubscribe.ts";
import { suppressionReason } from "../webhooks/suppress.ts";
import { requireAuthor } from "./auth.ts";
import { logAuthorAction } from "./author-log.ts";
import { consentLabel } from "./consent-sources.ts";
import { readerDeliveries } from "./reader-deliveries.ts";
import { resendConfirmation } from "./resend-confirmation.ts";
import { tableStyle } from "./table-style.ts";

/** `/beheer/lezers`: find one reader by address, see how they are doing, and help them. */
export const readerRoutes = new Hono<{ Bindings: Env }>();

readerRoutes.use("*", requireAuthor);

type AppContext = Context<{ Bindings: Env }>;
type Enrollment = NonNullable<Awaited<ReturnType<typeof findEnrollment>>>;

const searchSchema = z.object({ email: signupSchema.shape.email });
const actionSchema = z.enum(["bevestiging", "pauzeren", "hervatten", "afmelden", "wissen"]);
type Action = z.infer<typeof actionSchema>;
const doneSchema = z
  .enum(["bevestiging", "bevestiging-wacht", "pauzeren", "hervatten", "afmelden"])
  .optional()
  .catch(undefined);

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
  stopped: "Gestopt (afgemeld)",
};
const outcomeLabels = {
  sent: "Verstuurd",
  failed: "Geweigerd",
  skipped: "Niet verstuurd: lezer was al weg",
  claimed: "In de wachtrij",
};

const actions: Record<Action, { label: string; question: string; button: string }> = {
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
const doneNotices = {
  bevestiging: "Er is een nieuwe bevestigingsmail verstuurd.",
  "bevestiging-wacht": "Er ging net al een bevestigingsmail naar dit adres. Probeer het over tien minuten nog eens.",
  pauzeren: "De lessen staan op pauze.",
  hervatten: "De lessen lopen weer; de volgende komt op het vaste tijdstip.",
  afmelden: "Deze lezer is afgemeld.",
};

/** Which actions fit where the reader is now. */
function possible(subscriber: Subscriber, enrollment: Enrollment | null): Action[] {
  const list: Action[] = [];
  if (subscriber.status === "pending") list.push("bevestiging");
  if (subscriber.status === "active" && enrollment?.state === "active") list.push("pauzeren");
  if (subscriber.status === "active" && enrollment?.state === "paused") list.push("hervatten");
  if (subscriber.status === "active" || subscriber.status === "pending") list.push("afmelden");
  list.push("wissen");
  return list;
}

function searchPage(c: AppContext, message?: string, typed = "", status: 200 | 404 | 422 = 200) {
  return page(c, {
    title: "Lezers",
    status,
    body: html`<p><a href="/beheer">Terug naar beheer</a></p>
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

async function findReader(c: AppContext): Promise<Subscriber | null> {
  const id = c.req.param("id") ?? "";
  if (!/^[A-Za-z0-9_-]{22}$/.test(id)) return null;
  return (await database(c.env).select().from(subscribers).where(eq(subscribers.id, id)).get()) ?? null;
}

const notFound = (c: AppContext) => searchPage(c, "Deze lezer bestaat niet (meer). Zoek opnieuw op adres.", "", 404);

async function readerPage(c: AppContext, subscriber: Subscriber, notice?: string, status: 200 | 409 = 200) {
  const db = database(c.env);
  const [enrollment, consentRows, mails, suppressed] = await Promise.all([
    findEnrollment(db, subscriber.id),
    db.select().from(consents).where(eq(consents.subscriberId, subscriber.id)).orderBy(asc(consents.createdAt)).all(),
    readerDeliveries(db, subscriber.id),
    suppressionReason(db, config(c.env).TOKEN_SECRET, subscriber.email),
  ]);
  const next = enrollment?.state === "active" && enrollment.nextSendAt !== null ? enrollment.nextSendAt : null;
  return page(c, {
    title: "Lezer",
    status,
    body: html`${tableStyle(c)}
      <p><a href="/beheer/lezers">Een andere lezer zoeken</a> · <a href="/beheer">Terug naar beheer</a></p>
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
        <dt>Lessen</dt><dd>${
          enrollment
            ? `${courseLabels[enrollment.state]}; ${Math.min(enrollment.position, course.length)} van de ${course.length} lessen gehad`
            : "Nog niet begonnen"
        }</dd>
        <dt>Volgende les</dt><dd>${next ? `${formatAmsterdam(next)} (Nederlandse tijd)` : "Geen gepland"}</dd>
      </dl>
      <h2>Mails</h2>
      ${
        mails.length === 0
          ? html`<p>Nog geen lessen verstuurd.</p>`
          : html`<table>
              <caption>Lessen aan deze lezer, nieuwste eerst</caption>
              <thead><tr><th scope="col">Les</th><th scope="col">Gepland</th><th scope="col">Uitkomst</th></tr></thead>
              <tbody>${mails.map(
                (mail) => html`<tr><td>${mail.title}</td><td>${formatAmsterdam(mail.dueAt)}</td>
                  <td>${outcomeLabels[mail.status]}${mail.sentAt ? `, ${formatAmsterdam(mail.sentAt)}` : ""}${mail.reason ? html`: ${mail.reason}` : ""}</td></tr>`,
              )}</tbody>
            </table>`
      }
      ${suppressed === "bounce" ? html`<p>Het adres bounced: de mails kwamen niet aan. Een bounce komt altijd na het versturen.</p>` : ""}
      <h2>Helpen</h2>
      <p class="actions">${possible(subscriber, enrollment).map(
        (action) =>
          html`<a class="button" href="/beheer/lezers/${subscriber.id}/${action}">${actions[action].label}</a>`,
      )}</p>`,
  });
}

readerRoutes.get("/", (c) => searchPage(c));

readerRoutes.post("/", async (c) => {
  const form = (await readForm(c.req.raw)) ?? {};
  const parsed = searchSchema.safeParse(form);
  const typed = (form.email ?? "").slice(0, 300);
  if (!parsed.success)
    return searchPage(c, parsed.error.issues[0]?.message ?? "Dat is geen geldig e-mailadres.", typed, 422);
  const subscriber = await findByEmail(database(c.env), parsed.data.email);
  if (!subscriber) return searchPage(c, "Er is geen lezer met dit adres.", typed, 404);
  return c.redirect(`/beheer/lezers/${subscriber.id}`, 303);
});

readerRoutes.get("/:id", async (c) => {
  const subscriber = await findReader(c);
  if (!subscriber) return notFound(c);
  const done = doneSchema.parse(c.req.query("gedaan"));
  return readerPage(c, subscriber, done ? doneNotices[done] : undefined);
});

readerRoutes.get("/:id/:action", async (c) => {
  const subscriber = await findReader(c);
  const action = actionSchema.safeParse(c.req.param("action"));
  if (!subscriber || !action.success) return notFound(c);
  const { label, question, button } = actions[action.data];
  return page(c, {
    title: label,
    body: html`<p><a href="/beheer/lezers/${subscriber.id}">Terug naar deze lezer</a></p>
      <h1>${label}</h1>
      <p>${subscriber.email}</p>
      <p>${question}</p>
      <form method="post" action="/beheer/lezers/${subscriber.id}/${action.data}">
        <button type="submit">${button}</button>
      </form>
      <p><a href="/beheer/lezers/${subscriber.id}">Nee, terug</a></p>`,
  });
});

readerRoutes.post("/:id/:action", async (c) => {
  const subscriber = await findReader(c);
  const action = actionSchema.safeParse(c.req.param("action"));
  if (!subscriber || !action.success) return notFound(c);
  const db = database(c.env);
  const enrollment = await findEnrollment(db, subscriber.id);
  if (!possible(subscriber, enrollment).includes(action.data))
    return readerPage(c, subscriber, "Dat kan nu niet (meer) bij deze lezer; er is niets veranderd.", 409);
  const now = Date.now();
  let done: keyof typeof doneNotices;
  switch (action.data) {
    case "wissen":
      await deleteReader(db, subscriber.id);
      logAuthorAction("erase", { reader: subscriber.id });
      return page(c, {
        title: "Gewist",
        body: html`<h1>Gewist</h1>
          <p>Alle gegevens van deze lezer zijn gewist.</p>
          <p><a href="/beheer/lezers">Een andere lezer zoeken</a> · <a href="/beheer">Terug naar beheer</a></p>`,
      });
    case "bevestiging":
      done = (await resendConfirmation(c.env, subscriber, now)) ? "bevestiging" : "bevestiging-wacht";
      logAuthorAction("resend_confirmation", { reader: subscriber.id, sent: done === "bevestiging" ? 1 : 0 });
      break;
    case "pauzeren":
      await pause(db, subscriber.id, now);
      logAuthorAction("pause", { reader: subscriber.id });
      done = "pauzeren";
      break;
    case "hervatten":
      await resume(db, enrollment!, now);
      logAuthorAction("resume", { reader: subscriber.id });
      done = "hervatten";
      break;
    case "afmelden":
      await unsubscribe(db, subscriber.id, now);
      logAuthorAction("unsubscribe", { reader: subscriber.id });
      done = "afmelden";
      break;
  }
  return c.redirect(`/beheer/lezers/${subscriber.id}?gedaan=${done}`, 303);
});
