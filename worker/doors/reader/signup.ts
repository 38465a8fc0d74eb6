import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { Hono } from "hono/tiny";
import { clientKey, mailboxHash } from "../../domain/readers/mailbox.ts";
import { signupSchema } from "../../domain/readers/signup-form.ts";
import { requestSubscription } from "../../domain/readers/subscribers.ts";
import { likelyMeant } from "../../domain/readers/typos.ts";
import { database } from "../../mechanisms/db/client.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { deriveToken } from "../../mechanisms/lib/tokens.ts";
import { requireMail } from "../../mechanisms/mail/index.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { readForm } from "../../mechanisms/pages/read-form.ts";
import { enqueue } from "../../mechanisms/sending/queue.ts";
import { TURNSTILE_ORIGIN, turnstileKeys, verifyTurnstile } from "./turnstile.ts";

type FormState = {
  email?: string;
  voornaam?: string;
  /** What is wrong with each field, shown with that field. */
  errors?: { email?: string; voornaam?: string };
  /** What went wrong that is no field's fault (too many signups, the robot check): above the form. */
  notice?: string;
  /** The address the reader probably meant, offered under what she typed. */
  suggestion?: string;
  turnstileSiteKey?: string | undefined;
};

/** An input's error (or other note) goes with it: shown under it and named by its `aria-describedby`. */
function described(id: string | undefined, invalid: boolean) {
  if (!id) return "";
  return invalid ? html`aria-invalid="true" aria-describedby="${id}"` : html`aria-describedby="${id}"`;
}

function signupForm(state: FormState = {}) {
  const { errors = {}, suggestion } = state;
  const emailNote =
    [errors.email && "email-fout", suggestion && "email-suggestie"].filter(Boolean).join(" ") || undefined;
  return html`<form method="post" action="/inschrijven" novalidate>
    ${state.notice ? html`<p class="error" role="alert">${state.notice}</p>` : ""}
    <div class="hp" aria-hidden="true">
      <label for="website">Laat dit veld leeg</label>
      <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
    </div>
    <label for="email">Je e-mailadres</label>
    <input id="email" name="email" type="email" autocomplete="email" required value="${state.email ?? ""}"
      ${described(emailNote, Boolean(errors.email))} />
    ${errors.email ? html`<p class="error" id="email-fout" role="alert">${errors.email}</p>` : ""}
    ${
      suggestion
        ? html`<div class="suggestion" id="email-suggestie" role="status">
            <p>Bedoelde je <strong>${suggestion}</strong>?</p>
            <input type="hidden" name="gecontroleerd" value="${state.email ?? ""}" />
            <button type="submit" name="gebruik" value="${suggestion}">Ja, gebruik ${suggestion}</button>
            <button type="submit" class="quiet">Nee, ${state.email} klopt</button>
          </div>`
        : ""
    }
    <label for="voornaam">Je voornaam <span class="muted">(mag je leeg laten)</span></label>
    <input id="voornaam" name="voornaam" type="text" autocomplete="given-name" value="${state.voornaam ?? ""}"
      ${described(errors.voornaam ? "voornaam-fout" : undefined, true)} />
    ${errors.voornaam ? html`<p class="error" id="voornaam-fout" role="alert">${errors.voornaam}</p>` : ""}
    ${state.turnstileSiteKey ? html`<div class="cf-turnstile" data-sitekey="${state.turnstileSiteKey}" data-language="nl"></div>` : ""}
    <button type="submit">Schrijf je hier in</button>
    <p class="muted">
      We gebruiken je adres alleen om je de lessen en de nieuwsbrief te sturen. Je krijgt eerst een mail om te bevestigen. Afmelden kan
      op elk moment, via de link onderaan elke mail. Wat we bewaren en waarom: <a href="/privacy">privacy</a>.
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

/** What the reader typed, to show again: enough of it to see what to change. */
function typed(form: Record<string, string> | null) {
  return { email: (form?.email ?? "").slice(0, 300), voornaam: (form?.voornaam ?? "").slice(0, 200) };
}

/** Shows the form again with what the reader typed and what to change; nothing was stored. */
function formAgain(
  c: Context<{ Bindings: Env }>,
  form: Record<string, string> | null,
  problem: Pick<FormState, "errors" | "notice" | "suggestion">,
  status: 422 | 429,
) {
  return page(c, {
    title: "Kijk je je gegevens even na?",
    status,
    body: html`<h1>Bijna</h1>
      ${formWithChallenge(c, { ...typed(form), ...problem })}`,
  });
}

/** The first message zod has for each field. */
function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): FormState["errors"] {
  const errors: NonNullable<FormState["errors"]> = {};
  for (const issue of issues) {
    const field = issue.path[0] === "voornaam" ? "voornaam" : "email";
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * The form as the reader sent it, with the address she chose. Offered a likely fix for a typo, she
 * either took it (`gebruik`) or sent her own address again unchanged (`gecontroleerd`), so it is
 * not questioned twice; an address she changed meanwhile is hers, and is checked afresh.
 */
function chosenAddress(form: Record<string, string>): { form: Record<string, string>; checked: boolean } {
  const unchanged = form.gecontroleerd !== undefined && form.gecontroleerd === form.email;
  if (unchanged && form.gebruik) return { form: { ...form, email: form.gebruik }, checked: true };
  return { form, checked: unchanged };
}

/** How long the "kijk in je mailbox" page may repeat the address it was sent to. */
export const SENT_TO_SECONDS = 10 * 60;
const SENT_TO_COOKIE = "verstuurd-naar";

signupRoutes.get("/", (c) =>
  page(c, {
    title: "Schrijf je in voor Rust en richting",
    description: `Wekelijks een helder moment van rust en richting: een korte les van ${config(c.env).AUTHOR_NAME} over loslaten, geven en ontvangen, en zelfzorg, met één vraag om bij stil te staan.`,
    body: html`<h1>Wekelijks een helder moment van rust en richting</h1>
      <p>
        Elke week één korte les over loslaten, over geven en ontvangen, en over goed voor jezelf zorgen terwijl je voor anderen zorgt.
        Met één vraag om bij stil te staan. Van <strong>${config(c.env).AUTHOR_NAME}</strong>.
      </p>
      ${formWithChallenge(c)}`,
  }),
);

signupRoutes.post("/inschrijven", async (c) => {
  const received = await readForm(c.req.raw);
  if (!received)
    return formAgain(c, null, { notice: "Je gegevens kwamen niet goed aan. Wil je het nog eens proberen?" }, 422);
  if (received.website) return c.redirect("/ingeschreven", 303);
  const { form, checked } = chosenAddress(received);
  const cfg = config(c.env);
  const ip = c.req.header("cf-connecting-ip");
  const parsed = signupSchema.safeParse(form);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error.issues);
    const suggestion = errors?.email && !checked ? likelyMeant(form.email?.trim() ?? "") : null;
    return formAgain(c, form, { errors, ...(suggestion ? { suggestion } : {}) }, 422);
  }
  // A likely typo is asked about before anything is stored or sent; it tells nothing about who is subscribed.
  const suggestion = checked ? null : likelyMeant(parsed.data.email);
  if (suggestion) {
    return page(c, {
      title: "Klopt je e-mailadres?",
      body: html`<h1>Klopt je e-mailadres?</h1>
        ${formWithChallenge(c, { ...typed(form), suggestion })}`,
    });
  }

  const tooMany = "Er kwamen net veel inschrijvingen tegelijk binnen. Wacht een minuutje en probeer het dan nog eens.";
  if (!(await c.env.SIGNUP_BY_IP.limit({ key: clientKey(ip) })).success)
    return formAgain(c, form, { notice: tooMany }, 429);
  const mailbox = await mailboxHash(cfg.TOKEN_SECRET, parsed.data.email);
  if (!(await c.env.SIGNUP_BY_ADDRESS.limit({ key: mailbox })).success)
    return formAgain(c, form, { notice: tooMany }, 429);
  const turnstile = turnstileKeys(cfg);
  if (turnstile && !(await verifyTurnstile(turnstile.secretKey, form["cf-turnstile-response"], ip))) {
    return formAgain(
      c,
      form,
      { notice: "We konden niet controleren dat je geen robot bent. Wil je het nog eens proberen?" },
      422,
    );
  }

  // Without a way to send, a signup would wait unseen for its confirmation: say so now instead.
  requireMail(cfg);
  const db = database(c.env);
  const now = Date.now();
  const ipHash = ip ? await deriveToken(cfg.TOKEN_SECRET, "ip", ip) : null;
  // The same work whoever signs up (a new address, a reader, a suppressed one): only SQL decides.
  const { claim } = await requestSubscription(db, cfg, { ...parsed.data, ipHash, mailboxHash: mailbox }, now);
  await enqueue(c.env, claim);
  // For the next page only, so a typo can be seen; never in the URL, where logs would keep it.
  setCookie(c, SENT_TO_COOKIE, parsed.data.email, {
    path: "/ingeschreven",
    maxAge: SENT_TO_SECONDS,
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
  });
  return c.redirect("/ingeschreven", 303);
});

signupRoutes.get("/ingeschreven", (c) => {
  const sentTo = getCookie(c, SENT_TO_COOKIE);
  const address = sentTo && signupSchema.shape.email.safeParse(sentTo).success ? sentTo : null;
  c.header("Cache-Control", "no-store");
  return page(c, {
    title: "Kijk in je mailbox",
    body: html`<h1>Kijk even in je mailbox</h1>
      <p>
        We sturen je een mail${address ? html` op <strong>${address}</strong>` : ""}. Klik op de link daarin om je inschrijving te
        bevestigen; pas dan ben je ingeschreven. Was je al ingeschreven, dan staan in die mail je eigen links.
      </p>
      ${address ? html`<p>Staat er een typfout in dit adres? Dan komt de mail niet aan. <a href="/">Schrijf je opnieuw in</a> met het goede adres.</p>` : ""}
      <p class="muted">
        Niets gekregen? Kijk ook even bij je ongewenste mail of reclame. Nog steeds niets? Dan kun je je over een kwartier gewoon
        <a href="/">opnieuw inschrijven</a>.
      </p>`,
  });
});
