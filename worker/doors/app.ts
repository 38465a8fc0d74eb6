import type { Context, MiddlewareHandler } from "hono";
import { except } from "hono/combine";
import { html } from "hono/html";
import { HTTPException } from "hono/http-exception";
import { NONCE, secureHeaders } from "hono/secure-headers";
import { Hono } from "hono/tiny";
import { SAMPLE_LINKS_PATH } from "../domain/mails/newsletter-previews.ts";
import { ConfigError, config } from "../mechanisms/lib/config.ts";
import { errorSummary } from "../mechanisms/lib/error-summary.ts";
import { MailOffError } from "../mechanisms/mail/index.ts";
import { page } from "../mechanisms/pages/layout.ts";
import { limitBody, MAX_FORM_BYTES } from "../mechanisms/pages/read-form.ts";
import { authorDoor } from "./author/index.ts";
import { sampleLinkRoutes } from "./author/sample-links.ts";
import { outboxRoutes } from "./dev/outbox.ts";
import { archiveRoutes } from "./reader/archive.ts";
import { confirmRoutes } from "./reader/confirm.ts";
import { faviconRoutes } from "./reader/favicon.ts";
import { helpRoutes } from "./reader/help.ts";
import { journalRoutes } from "./reader/journal.ts";
import { preferencesRoutes } from "./reader/preferences.ts";
import { privacyRoutes } from "./reader/privacy.ts";
import { reflectionRoutes } from "./reader/reflections.ts";
import { robotsRoutes } from "./reader/robots.ts";
import { signupRoutes } from "./reader/signup.ts";
import { TURNSTILE_ORIGIN, turnstileKeys } from "./reader/turnstile.ts";
import { unsubscribeRoutes } from "./reader/unsubscribe.ts";
import { webhookRoutes } from "./webhooks/resend.ts";

export const app = new Hono<{ Bindings: Env }>();

/**
 * Turnstile's widget loads from Cloudflare: allowed only while it is configured. A broken
 * configuration must not cost the error page its headers; the route reports it.
 */
const turnstile = (c: Context<{ Bindings: Env }>) => {
  try {
    return turnstileKeys(config(c.env)) ? TURNSTILE_ORIGIN : "";
  } catch {
    return "";
  }
};

/** The author's Lessons and Newsletter pages show each mail in a frame of its own, served from this site with its own policy. */
const ownMailFrames = (c: Context) =>
  c.req.path.startsWith("/beheer/lessen/") || c.req.path.startsWith("/beheer/nieuwsbrief/") ? "'self'" : "";

/** Pages that show a reader's or the author's data: never kept by a browser or proxy cache. */
const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store");
};

app.use(
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: [NONCE, turnstile],
      frameSrc: [turnstile, ownMailFrames],
      styleSrc: [NONCE],
      imgSrc: ["'self'", "data:"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: "no-referrer",
    xFrameOptions: "DENY",
    // A route that sets its own policy (the outbox's mail view) keeps it.
    overwrite: false,
  }),
);

for (const path of ["/bevestig/*", "/reflectie/*", "/afmelden/*", "/voorkeuren/*", "/beheer", "/beheer/*", "/dev/*"])
  app.use(path, noStore);
// No door reads more than a form's worth, but the two that set their own limit and answer.
app.use(except(["/webhooks/*", "/beheer/import-export/import"], limitBody(MAX_FORM_BYTES)));

app.route("/", faviconRoutes);
app.route("/", signupRoutes);
app.route("/bevestig", confirmRoutes);
app.route("/reflectie", reflectionRoutes);
app.route("/afmelden", unsubscribeRoutes);
app.route("/voorkeuren", preferencesRoutes);
app.route("/voorkeuren", journalRoutes);
app.route("/hulp", helpRoutes);
app.route("/privacy", privacyRoutes);
app.route("/", robotsRoutes);
app.route("/nieuwsbrief", archiveRoutes);
app.route("/webhooks", webhookRoutes);
app.route("/beheer", authorDoor);
app.route(SAMPLE_LINKS_PATH, sampleLinkRoutes);
app.route("/dev", outboxRoutes);

app.notFound((c) =>
  page(c, {
    title: "Deze pagina bestaat niet",
    status: 404,
    body: html`<h1>Deze pagina bestaat niet</h1>
      <p>Misschien is de link niet helemaal goed overgekomen. <a href="/">Naar de inschrijfpagina</a></p>`,
  }),
);

app.onError((error, c) => {
  if (error instanceof HTTPException) {
    return (
      error.res ??
      page(c, {
        title: "Dat lukte niet",
        status: error.status,
        body: html`<h1>Dat lukte niet</h1><p>${error.message}</p>`,
      })
    );
  }
  if (error instanceof ConfigError) {
    // Setting names only: a message could one day quote a value.
    console.error(JSON.stringify({ event: "config_error", settings: error.settings }));
    return page(c, {
      title: "De site is niet goed ingesteld",
      status: 500,
      body: html`<h1>De site is niet goed ingesteld</h1>
        <p>Er ontbreekt een instelling, of er klopt er een niet. Er is niets veranderd.</p>
        <ul>${error.problems.map((problem) => html`<li><code>${problem}</code></li>`)}</ul>
        <p class="muted">Voor wie de site beheert: zie de tabel met instellingen in de README.</p>`,
    });
  }
  console.error(
    JSON.stringify({
      event: "unhandled_error",
      path: new URL(c.req.url).pathname.split("/")[1] ?? "",
      ...errorSummary(error),
    }),
  );
  return page(c, {
    title: "Er ging iets mis",
    status: error instanceof MailOffError ? 503 : 500,
    body: html`<h1>Er ging even iets mis</h1>
      <p>Dat ligt niet aan jou. Probeer het over een paar minuten nog eens; er is niets verloren gegaan.</p>`,
  });
});
