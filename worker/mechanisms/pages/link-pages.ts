import type { Context } from "hono";
import { html } from "hono/html";
import { page } from "./layout.ts";

/** The one calm answer to every link that is unknown, expired, tampered with or meant for something else. */
export function invalidLinkPage(c: Context) {
  return page(c, {
    title: "Deze link werkt niet (meer)",
    status: 404,
    body: html`<h1>Deze link werkt niet (meer)</h1>
      <p>
        Misschien is de link verlopen, al gebruikt, of niet helemaal goed overgekomen. Er is niets veranderd.
      </p>
      <p>Wil je je (opnieuw) inschrijven? Dat kan <a href="/">op de inschrijfpagina</a>.</p>`,
  });
}
