import type { Context } from "hono";
import { html } from "hono/html";
import { Hono } from "hono/tiny";
import { page } from "../../mechanisms/pages/layout.ts";

/**
 * `/testmail/…`: where the links of the author's test mails and previews lead. Each tells her
 * what a reader would find behind that link; nothing is looked up and nothing changes.
 */
export const sampleLinkRoutes = new Hono<{ Bindings: Env }>();

function preview(c: Context, what: string, real: string) {
  return page(c, {
    title: "Een link uit je testmail",
    body: html`<h1>Een link uit je testmail</h1>
      <p>${what}</p>
      <p class="muted">Dit was een testmail: de links erin horen bij geen enkele lezer, dus er is niets veranderd.
        In de echte mail gaat deze link naar <code>${real}</code>.</p>`,
  });
}

sampleLinkRoutes.get("/afmelden/:token", (c) =>
  preview(c, "Hier meldt een lezer zich af met één knop, of kiest ze ervoor de mails even te pauzeren.", "/afmelden/…"),
);

// The reader's page and the pages under it (her journal).
sampleLinkRoutes.get("/voorkeuren/*", (c) =>
  preview(
    c,
    "Hier vindt een lezer haar eigen pagina: pauzeren, dag, uur en tempo kiezen, en haar reflecties teruglezen.",
    "/voorkeuren/…",
  ),
);

sampleLinkRoutes.get("/reflectie/:token/:answer", (c) =>
  preview(
    c,
    `Met deze klik kiest een lezer antwoord ${c.req.param("answer").slice(0, 3)}. Het wordt bewaard en ze ziet een rustige bedankpagina, waar ze nog een paar woorden kan toevoegen.`,
    "/reflectie/…",
  ),
);

sampleLinkRoutes.get("/nieuwsbrief/:slug", (c) => {
  const path = `/nieuwsbrief/${c.req.param("slug")}`;
  return page(c, {
    title: "Een link uit je testmail",
    body: html`<h1>Een link uit je testmail</h1>
      <p>Hier leest iedereen het nummer online, in het openbare archief, zodra het verstuurd is.</p>
      <p><a href="${path}">Naar het nummer in het archief</a> <span class="muted">(werkt pas als het verstuurd is)</span></p>`,
  });
});

sampleLinkRoutes.get("/hulp", (c) => c.redirect("/hulp", 302));

sampleLinkRoutes.get("*", (c) =>
  preview(
    c,
    "Deze link hoort bij een testmail en leidt naar een pagina van een lezer.",
    c.req.path.replace(/^\/testmail/, ""),
  ),
);
