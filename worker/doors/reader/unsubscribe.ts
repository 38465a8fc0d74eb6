import { html } from "hono/html";
import { Hono } from "hono/tiny";
import { findEnrollment, pause } from "../../domain/readers/preferences.ts";
import { findByLinkToken } from "../../domain/readers/subscribers.ts";
import { unsubscribe } from "../../domain/readers/unsubscribe.ts";
import { database } from "../../mechanisms/db/client.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { invalidLinkPage } from "../../mechanisms/pages/link-pages.ts";

export const unsubscribeRoutes = new Hono<{ Bindings: Env }>();

/**
 * Where the reader changes anything else: her own page, linked from every mail. This page names
 * that link but never carries it, for its URL is the one List-Unsubscribe hands to mail
 * providers, unsubscribe services and gateways, and must open leaving and pausing only.
 */
const OWN_PAGE = html`via de link <strong>Pauzeren of voorkeuren</strong> onderaan elke mail van ons`;

/** Pausing, offered beside leaving while the reader's lessons are running; said as it is while they are paused. */
function pauseOffer(token: string, state: string | undefined) {
  if (state === "paused")
    return html`<p class="muted">Je lessen staan al op pauze. Wil je alleen de nieuwsbrief niet meer, of weer verder met de lessen? Dat kies je ${OWN_PAGE}.</p>`;
  if (state !== "active")
    return html`<p class="muted">Liever alleen minder mail? Wat je nog wilt krijgen, kies je ${OWN_PAGE}.</p>`;
  return html`<h2>Liever even pauze?</h2>
    <p>Zet de lessen stil, zo lang als je wilt. Je houdt je plek in de reeks, en je gaat weer verder wanneer het je past, ${OWN_PAGE}.</p>
    <form method="post" action="/afmelden/${token}/pauzeren">
      <button type="submit" class="quiet">Zet mijn lessen op pauze</button>
    </form>`;
}

unsubscribeRoutes.get("/:token", async (c) => {
  const token = c.req.param("token");
  const db = database(c.env);
  const subscriber = await findByLinkToken(db, config(c.env), "unsubscribe", token);
  if (!subscriber) return invalidLinkPage(c);
  if (subscriber.status === "unsubscribed") {
    return page(c, {
      title: "Je bent afgemeld",
      body: html`<h1>Je bent al afgemeld</h1><p>Je krijgt van ons geen mail meer.</p>`,
    });
  }
  const enrollment = await findEnrollment(db, subscriber.id);
  return page(c, {
    title: "Afmelden",
    body: html`<h1>Wil je je afmelden?</h1>
      <p>Dan krijg je geen lessen en geen nieuwsbrief meer. Dat is helemaal goed.</p>
      <form method="post" action="/afmelden/${token}">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit">Ja, meld me af</button>
      </form>
      ${pauseOffer(token, enrollment?.state)}`,
  });
});

/** The alternative to leaving: the lessons pause, the reader stays. Only a person's press on the page's button gets here. */
unsubscribeRoutes.post("/:token/pauzeren", async (c) => {
  const token = c.req.param("token");
  const db = database(c.env);
  const subscriber = await findByLinkToken(db, config(c.env), "unsubscribe", token);
  if (!subscriber) return invalidLinkPage(c);
  const enrollment = await findEnrollment(db, subscriber.id);
  if (subscriber.status !== "active" || (enrollment?.state !== "active" && enrollment?.state !== "paused")) {
    return page(c, {
      title: "Pauzeren lukte niet",
      status: 409,
      body: html`<h1>Er zijn geen lessen om te pauzeren</h1>
        <p>Er is niets veranderd.
          ${subscriber.status === "active" ? html`Wat je van ons krijgt, zie en kies je ${OWN_PAGE}.` : "Je krijgt van ons geen lessen meer."}</p>`,
    });
  }
  if (enrollment.state === "active") await pause(db, subscriber.id, Date.now());
  return page(c, {
    title: "Je lessen staan op pauze",
    body: html`<h1>Je lessen staan op pauze</h1>
      <p>Je krijgt geen lessen tot je zelf weer verder wilt. Je plek in de reeks blijft bewaard.</p>
      ${subscriber.newsletter ? html`<p>De nieuwsbrief krijg je nog wel.</p>` : ""}
      <p>Verder gaan, of iets anders kiezen, doe je ${OWN_PAGE}.</p>`,
  });
});

/** RFC 8058 one-click unsubscribe (and the page's own button): no login, no cookie, effective at once. */
unsubscribeRoutes.post("/:token", async (c) => {
  const token = c.req.param("token");
  const db = database(c.env);
  const subscriber = await findByLinkToken(db, config(c.env), "unsubscribe", token);
  if (!subscriber) return invalidLinkPage(c);
  await unsubscribe(db, subscriber.id, Date.now());
  return page(c, {
    title: "Je bent afgemeld",
    body: html`<h1>Je bent afgemeld</h1>
      <p>Je krijgt van ons geen mail meer. Dank je wel voor het meelezen, en het ga je goed.</p>
      <p class="muted">Toch per ongeluk? Je kunt je altijd <a href="/">opnieuw inschrijven</a>.</p>`,
  });
});
