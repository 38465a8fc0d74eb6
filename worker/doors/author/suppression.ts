import { html } from "hono/html";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { signupSchema } from "../../domain/readers/signup-form.ts";
import { liftSuppression } from "../../domain/readers/suppression.ts";
import { database } from "../../mechanisms/db/client.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { acceptedSecrets } from "../../mechanisms/mail/links.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { readForm } from "../../mechanisms/pages/read-form.ts";

/** The form on the dashboard: lift the suppression of one address. */
export const liftForm = html`<h2>Een adres weer mail laten krijgen</h2>
  <p class="muted">Na een harde bounce of een klacht krijgt een adres nooit meer mail via het formulier. Weet je dat het nu goed zit? Dan kun je dat hier opheffen.</p>
  <form method="post" action="/beheer/onderdrukking-opheffen">
    <label for="opheffen-email">E-mailadres</label>
    <input id="opheffen-email" name="email" type="email" required />
    <button type="submit" class="quiet">Opheffen</button>
  </form>`;

const liftSchema = z.object({ email: signupSchema.shape.email });

/** The author's action on suppressions, behind the same door as the dashboard. */
export const suppressionRoutes = new Hono<{ Bindings: Env }>();

suppressionRoutes.post("/onderdrukking-opheffen", async (c) => {
  const parsed = liftSchema.safeParse((await readForm(c.req.raw)) ?? {});
  if (!parsed.success) {
    return page(c, {
      title: "Opheffen",
      status: 422,
      body: html`<h1>Opheffen</h1>
        <p class="error" role="alert">${parsed.error.issues[0]?.message ?? "Dat is geen geldig e-mailadres."}</p>
        <p><a href="/beheer">Terug naar beheer</a></p>`,
    });
  }
  const lifted = await liftSuppression(database(c.env), acceptedSecrets(config(c.env)), parsed.data.email);
  return page(c, {
    title: "Opheffen",
    body: html`<h1>Opheffen</h1>
      <p>${lifted ? "Opgeheven: dit adres mag weer mail krijgen, zodra het zich opnieuw inschrijft en bevestigt." : "Dit adres stond niet op de lijst; er is niets veranderd."}</p>
      <p><a href="/beheer">Terug naar beheer</a></p>`,
  });
});
