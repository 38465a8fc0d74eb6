import type { Context } from "hono";
import { html } from "hono/html";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { progressOf } from "../../domain/course/progress.ts";
import { type AfterConfirming, confirmLink, confirmSubscription } from "../../domain/readers/enrolment.ts";
import type { Enrollment } from "../../domain/readers/preferences.ts";
import { database } from "../../mechanisms/db/client.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { currentSigner, readerTokens } from "../../mechanisms/mail/links.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { invalidLinkPage } from "../../mechanisms/pages/link-pages.ts";
import { readForm } from "../../mechanisms/pages/read-form.ts";

export const confirmRoutes = new Hono<{ Bindings: Env }>();

/** What a reader who had lessons before chooses when they confirm again. */
const choiceSchema = z.object({ keuze: z.optional(z.enum(["verder", "opnieuw"])) });

const nextLessonSentence: Record<AfterConfirming, string> = {
  new: "Je eerste les komt zo in je mailbox. Daarna krijg je elke week een nieuwe les, op dezelfde dag.",
  verder: "Je volgende les komt zo in je mailbox. Daarna gaat het verder op je vaste dag en tijd.",
  opnieuw: "Les 1 komt zo in je mailbox. Daarna krijg je elke week een nieuwe les, op je vaste dag en tijd.",
  finished:
    "Je had alle lessen al; je krijgt weer de nieuwsbrief. Op je eigen pagina kun je een reeks opnieuw beginnen.",
};

function confirmedPage(c: Parameters<typeof page>[0], next: AfterConfirming) {
  return page(c, {
    title: "Je bent ingeschreven",
    body: html`<h1>Welkom. Je bent ingeschreven.</h1>
      <p>${nextLessonSentence[next]}</p>
      <p class="muted">Wordt het even te veel? Onderaan elke mail staan de links om te pauzeren of je af te melden.</p>`,
  });
}

/** For a second click on a link already used: nothing to do, and the way to the reader's own page. */
async function alreadyConfirmedPage(c: Context<{ Bindings: Env }>, subscriberId: string) {
  const { preferencesToken } = await readerTokens(await currentSigner(config(c.env)), subscriberId);
  return page(c, {
    title: "Je bent al ingeschreven",
    body: html`<h1>Je bent al ingeschreven</h1>
      <p>Je hebt je inschrijving eerder al bevestigd. Je hoeft niets meer te doen; er is niets veranderd.</p>
      <p>Op <a href="/voorkeuren/${preferencesToken}">je eigen pagina</a> zie je hoe het ervoor staat, en kun je pauzeren of je voorkeuren aanpassen.</p>`,
  });
}

/**
 * A reader who had lessons before chooses: go on where they were, or begin again at lesson 1.
 * A choice, so the page does not submit itself; a scanner's GET changes nothing either way.
 */
function returningPage(c: Context<{ Bindings: Env }>, token: string, enrollment: Enrollment) {
  const { series, had, total, finished } = progressOf(enrollment);
  const choice = (keuze: string, label: string, quiet = false) => html`<form method="post" action="/bevestig/${token}">
      <input type="hidden" name="keuze" value="${keuze}" />
      <button type="submit" ${quiet ? html`class="quiet"` : ""}>${label}</button>
    </form>`;
  return page(c, {
    title: "Welkom terug",
    body: html`<h1>Welkom terug</h1>
      <p>Je had al ${had} van de ${total} lessen van ${series?.name ?? "de reeks"}. Hoe wil je verder?</p>
      ${finished ? choice("verder", "Alleen de nieuwsbrief, geen lessen") : choice("verder", `Ga verder bij les ${had + 1}`)}
      ${choice("opnieuw", "Begin opnieuw bij les 1", !finished)}`,
  });
}

/**
 * Consent is a person's act: only a press of this button confirms. No script presses it, since
 * a scanner's headless browser runs scripts and can pass for a person's (docs/security.md).
 */
function consentPage(c: Context<{ Bindings: Env }>, token: string) {
  return page(c, {
    title: "Bevestig je inschrijving",
    body: html`<h1>Bevestig je inschrijving</h1>
      <p>Met één druk op de knop hieronder bevestig je je inschrijving. Daarna krijg je meteen een welkomstmail en je eerste les.</p>
      <form method="post" action="/bevestig/${token}">
        <button type="submit">Ja, schrijf me in</button>
      </form>
      <p class="muted">Heb je je niet zelf ingeschreven? Dan hoef je niets te doen. Zonder bevestiging krijg je van ons geen mail meer.</p>`,
  });
}

confirmRoutes.get("/:token", async (c) => {
  const token = c.req.param("token");
  const link = await confirmLink(database(c.env), config(c.env), token, Date.now());
  if (link.state === "confirmed") return alreadyConfirmedPage(c, link.subscriberId);
  if (link.state === "invalid") return invalidLinkPage(c);
  if (link.returning) return returningPage(c, token, link.returning);
  return consentPage(c, token);
});

confirmRoutes.post("/:token", async (c) => {
  const cfg = config(c.env);
  const db = database(c.env);
  const now = Date.now();
  const link = await confirmLink(db, cfg, c.req.param("token"), now);
  if (link.state === "confirmed") return alreadyConfirmedPage(c, link.subscriberId);
  if (link.state === "invalid") return invalidLinkPage(c);
  const keuze = choiceSchema.safeParse((await readForm(c.req.raw)) ?? {}).data?.keuze ?? "verder";
  return confirmedPage(c, await confirmSubscription(c.env, db, cfg, link, keuze, now));
});
