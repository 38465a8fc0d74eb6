import { Hono } from "hono";
import { html } from "hono/html";
import { config } from "../config.ts";
import { database } from "../db/client.ts";
import { page } from "../pages/layout.ts";
import { invalidLinkPage } from "../pages/link-pages.ts";
import { findByLinkToken } from "../signup/subscribers.ts";
import { unsubscribe } from "./unsubscribe.ts";

export const unsubscribeRoutes = new Hono<{ Bindings: Env }>();

unsubscribeRoutes.get("/:token", async (c) => {
  const token = c.req.param("token");
  const subscriber = await findByLinkToken(database(c.env), config(c.env), "unsubscribe", token);
  if (!subscriber) return invalidLinkPage(c);
  if (subscriber.status === "unsubscribed") {
    return page(c, {
      title: "Je bent afgemeld",
      body: html`<h1>Je bent al afgemeld</h1><p>Je krijgt van ons geen mail meer.</p>`,
    });
  }
  return page(c, {
    title: "Afmelden",
    body: html`<h1>Wil je je afmelden?</h1>
      <p>Dan krijg je geen lessen en geen nieuwsbrief meer. Dat is helemaal goed.</p>
      <p class="muted">Liever alleen even pauze? Via "Pauzeren of voorkeuren" onderaan elke mail zet je de lessen stil, zo lang als je wilt.</p>
      <form method="post" action="/afmelden/${token}">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit">Ja, meld me af</button>
      </form>`,
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
