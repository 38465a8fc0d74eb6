import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { html } from "hono/html";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { findEnrollment, pause, resume } from "../../domain/readers/preferences.ts";
import { deleteReader } from "../../domain/readers/reader-data.ts";
import { resendConfirmation } from "../../domain/readers/resend-confirmation.ts";
import { signupSchema } from "../../domain/readers/signup-form.ts";
import { findByEmail, type Subscriber } from "../../domain/readers/subscribers.ts";
import { unsubscribe } from "../../domain/readers/unsubscribe.ts";
import { database } from "../../mechanisms/db/client.ts";
import { subscribers } from "../../mechanisms/db/schema.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { readForm } from "../../mechanisms/pages/read-form.ts";
import { logAuthorAction } from "./author-log.ts";
import { authorNav } from "./nav.ts";
import { actionSchema, actions, possible, readerPage, searchPage } from "./reader-page.ts";

/** `/beheer/lezers`: find one reader by address, see how they are doing, and help them. */
export const readerRoutes = new Hono<{ Bindings: Env }>();

type AppContext = Context<{ Bindings: Env }>;

const searchSchema = z.object({ email: signupSchema.shape.email });
const doneSchema = z.catch(
  z.optional(z.enum(["bevestiging", "bevestiging-wacht", "pauzeren", "hervatten", "afmelden"])),
  undefined,
);

const doneNotices = {
  bevestiging: "Er is een nieuwe bevestigingsmail verstuurd.",
  "bevestiging-wacht": "Er ging net al een bevestigingsmail naar dit adres. Probeer het over tien minuten nog eens.",
  pauzeren: "De lessen staan op pauze.",
  hervatten: "De lessen lopen weer; de volgende komt op het vaste tijdstip.",
  afmelden: "Deze lezer is afgemeld.",
};

async function findReader(c: AppContext): Promise<Subscriber | null> {
  const id = c.req.param("id") ?? "";
  if (!/^[A-Za-z0-9_-]{22}$/.test(id)) return null;
  return (await database(c.env).select().from(subscribers).where(eq(subscribers.id, id)).get()) ?? null;
}

const notFound = (c: AppContext) => searchPage(c, "Deze lezer bestaat niet (meer). Zoek opnieuw op adres.", "", 404);

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

const notNow = "Dat kan nu niet (meer) bij deze lezer; er is niets veranderd.";

readerRoutes.get("/:id/:action", async (c) => {
  const subscriber = await findReader(c);
  const action = actionSchema.safeParse(c.req.param("action"));
  if (!subscriber || !action.success) return notFound(c);
  const enrollment = await findEnrollment(database(c.env), subscriber.id);
  if (!possible(subscriber, enrollment).includes(action.data)) return readerPage(c, subscriber, notNow, 409);
  const { label, question, button } = actions[action.data];
  return page(c, {
    title: label,
    body: html`${authorNav(c, "/beheer/lezers")}
      <p><a href="/beheer/lezers/${subscriber.id}">Terug naar deze lezer</a></p>
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
  if (!possible(subscriber, enrollment).includes(action.data)) return readerPage(c, subscriber, notNow, 409);
  const now = Date.now();
  let done: keyof typeof doneNotices;
  switch (action.data) {
    case "wissen":
      await deleteReader(db, subscriber.id);
      logAuthorAction("erase", { reader: subscriber.id });
      return page(c, {
        title: "Gewist",
        body: html`${authorNav(c, "/beheer/lezers")}<h1>Gewist</h1>
          <p>Alle gegevens van deze lezer zijn gewist.</p>
          <p><a href="/beheer/lezers">Een andere lezer zoeken</a></p>`,
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
