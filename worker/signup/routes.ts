import type { Context } from "hono";
import { Hono } from "hono";
import { html } from "hono/html";
import { config } from "../config.ts";
import { database } from "../db/client.ts";
import { deriveToken } from "../lib/tokens.ts";
import { requireMail } from "../mail/index.ts";
import { page } from "../pages/layout.ts";
import { readForm } from "../pages/read-form.ts";
import { enqueue } from "../sending/queue.ts";
import { clientKey, mailboxHash } from "./mailbox.ts";
import { signupSchema } from "./signup-form.ts";
import { requestSubscription } from "./subscribers.ts";
import { TURNSTILE_ORIGIN, turnstileKeys, verifyTurnstile } from "./turnstile.ts";

type FormState = {
  email?: string;
  voornaam?: string;
  error?: string;
  /** The field the error is about; the e-mail address unless it names the first name. */
  errorField?: "email" | "voornaam";
  turnstileSiteKey?: string | undefined;
};

function signupForm(state: FormState = {}) {
  const nameError = state.error && state.errorField === "voornaam" ? state.error : undefined;
  const emailError = state.error && !nameError ? state.error : undefined;
  return html`<form method="post" action="/inschrijven" novalidate>
    <div class="hp" aria-hidden="true">
      <label for="website">Laat dit veld leeg</label>
      <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
    </div>
    <label for="email">Je e-mailadres</label>
    <input id="email" name="email" type="email" autocomplete="email" required value="${state.email ?? ""}"
      ${emailError ? html`aria-invalid="true" aria-describedby="email-fout"` : ""} />
    ${emailError ? html`<p class="error" id="email-fout" role="alert">${emailError}</p>` : ""}
    <label for="voornaam">Je voornaam <span class="muted">(mag je leeg laten)</span></label>
    <input id="voornaam" name="voornaam" type="text" autocomplete="given-name" maxlength="60" value="${state.voornaam ?? ""}"
      ${nameError ? html`aria-invalid="true" aria-describedby="voornaam-fout"` : ""} />
    ${nameError ? html`<p class="error" id="voornaam-fout" role="alert">${nameError}</p>` : ""}
    ${state.turnstileSiteKey ? html`<div class="cf-turnstile" data-sitekey="${state.turnstileSiteKey}" data-language="nl"></div>` : ""}
    <button type="submit">Schrijf je hier in</button>
    <p class="muted">
      We gebruiken je adres alleen om je de lessen en de nieuwsbrief te sturen. Je krijgt eerst een mail om te bevestigen. Afmelden kan
      altijd, via de link onderaan elke mail.
    </p>
  </form>`;
}

export const signupRoutes = new Hono<{ Bindings: Env }>();

/** The form with the Turnstile widget and its script while Turnstile is on. */
function formWithChallenge(c: Context<{ Bindings: Env }>, state: FormState = {}) {
  const siteKey = turnstileKeys(config(c.env))?.siteKey;
  const nonce = c.get("secureHeadersNonce") as string | undefined;
  return html`${signupForm({ ...state, turnstileSiteKey: siteKey })}
  ${siteKey ? html`<script src="${TURNSTILE_ORIGIN}/turnstile/v0/api.js" async defer nonce="${nonce ?? ""}"></script>` : ""}`;
}

/** Shows the form again with what the reader typed and one clear message; nothing was stored. */
function formAgain(
  c: Context<{ Bindings: Env }>,
  form: Record<string, string> | null,
  error: string,
  status: 422 | 429,
  errorField: FormState["errorField"] = "email",
) {
  const typed = { email: (form?.email ?? "").slice(0, 300), voornaam: (form?.voornaam ?? "").slice(0, 100) };
  return page(c, {
    title: "Kijk je je e-mailadres even na?",
    status,
    body: html`<h1>Bijna</h1>
      ${formWithChallenge(c, { ...typed, error, errorField })}`,
  });
}

signupRoutes.get("/", (c) =>
  page(c, {
    title: "Schrijf je in voor Rust en richting",
    body: html`<h1>Wekelijks een helder moment van rust en richting</h1>
      <p>
        Elke week één korte les over loslaten, over geven en ontvangen, en over goed voor jezelf zorgen terwijl je voor anderen zorgt.
        Met één vraag om bij stil te staan.
      </p>
      ${formWithChallenge(c)}`,
  }),
);

signupRoutes.post("/inschrijven", async (c) => {
  const form = await readForm(c.req.raw);
  if (!form) return formAgain(c, null, "Je gegevens kwamen niet goed aan. Wil je het nog eens proberen?", 422);
  if (form.website) return c.redirect("/ingeschreven", 303);
  const cfg = config(c.env);
  const ip = c.req.header("cf-connecting-ip");
  const parsed = signupSchema.safeParse(form);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === "voornaam" ? "voornaam" : "email";
    return formAgain(c, form, issue?.message ?? "Kijk je je gegevens even na?", 422, field);
  }

  const tooMany = "Er kwamen net veel inschrijvingen tegelijk binnen. Wacht een minuutje en probeer het dan nog eens.";
  if (!(await c.env.SIGNUP_BY_IP.limit({ key: clientKey(ip) })).success) return formAgain(c, form, tooMany, 429);
  const mailbox = await mailboxHash(cfg.TOKEN_SECRET, parsed.data.email);
  if (!(await c.env.SIGNUP_BY_ADDRESS.limit({ key: mailbox })).success) return formAgain(c, form, tooMany, 429);
  const turnstile = turnstileKeys(cfg);
  if (turnstile && !(await verifyTurnstile(turnstile.secretKey, form["cf-turnstile-response"], ip))) {
    return formAgain(c, form, "We konden niet controleren dat je geen robot bent. Wil je het nog eens proberen?", 422);
  }

  // Without a way to send, a signup would wait unseen for its confirmation: say so now instead.
  requireMail(cfg);
  const db = database(c.env);
  const now = Date.now();
  const ipHash = ip ? await deriveToken(cfg.TOKEN_SECRET, "ip", ip) : null;
  // The same work whoever signs up (a new address, a reader, a suppressed one): only SQL decides.
  const { claim } = await requestSubscription(db, cfg, { ...parsed.data, ipHash, mailboxHash: mailbox }, now);
  await enqueue(c.env, claim);
  return c.redirect("/ingeschreven", 303);
});

signupRoutes.get("/ingeschreven", (c) =>
  page(c, {
    title: "Kijk in je mailbox",
    body: html`<h1>Kijk even in je mailbox</h1>
      <p>We hebben je een mail gestuurd met een link om je inschrijving te bevestigen. Pas als je daarop klikt, ben je ingeschreven.</p>
      <p class="muted">
        Niets gekregen? Kijk ook even bij je ongewenste mail of reclame. Nog steeds niets? Dan kun je je over een kwartier gewoon
        <a href="/">opnieuw inschrijven</a>.
      </p>`,
  }),
);
