import type { Context } from "hono";
import { html, raw } from "hono/html";
import { HTTPException } from "hono/http-exception";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { lessonBySlug } from "../../domain/course/course.ts";
import {
  type CourseMail,
  courseMailByKey,
  courseMails,
  preheaderOf,
  SAMPLE_READER,
  sampleMail,
} from "../../domain/mails/course-previews.ts";
import { signupSchema } from "../../domain/readers/signup-form.ts";
import { careCounts } from "../../domain/reflections/care.ts";
import { database } from "../../mechanisms/db/client.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { randomId } from "../../mechanisms/lib/tokens.ts";
import { mailTransport } from "../../mechanisms/mail/index.ts";
import { RetryableSendError } from "../../mechanisms/mail/transport.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { readForm } from "../../mechanisms/pages/read-form.ts";
import { tableStyle } from "../../mechanisms/pages/table-style.ts";
import { authorNav } from "./nav.ts";

/** `/beheer/lessen`: every mail of the course as readers get it, and a test of each to the author herself. */
export const lessonRoutes = new Hono<{ Bindings: Env }>();

/** The address the preview is made out to: only its domain shows (in the header of a test), never a reader's. */
const PREVIEW_ADDRESS = "anna@voorbeeld.nl";

const css = `
.mail-frame{display:block;width:100%;height:36rem;border:1px solid var(--edge);border-radius:.5rem;background:#fff}
.mail-text{white-space:pre-wrap;overflow-wrap:anywhere;font:.9rem/1.5 ui-monospace,monospace;background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem}
`;

function lessonsPage(
  c: Context,
  title: string,
  body: ReturnType<typeof html>,
  status: 200 | 404 | 422 | 502 | 503 = 200,
) {
  const nonce = c.get("secureHeadersNonce") as string | undefined;
  return page(c, {
    title: `${title} – Beheer`,
    status,
    body: html`${authorNav(c, "/beheer/lessen")}${tableStyle(c)}<style nonce="${nonce ?? ""}">${raw(css)}</style>${body}`,
  });
}

function mailOrNotFound(key: string): CourseMail {
  const mail = courseMailByKey(key);
  if (!mail) throw new HTTPException(404, { message: "Deze mail bestaat niet (meer) in de reeks." });
  return mail;
}

/** A lesson's count of heavy answers, or a dash for a mail whose question has none. */
function careCell(mail: CourseMail, counts: Map<string, number>) {
  const questionId = mail.kind === "lesson" ? lessonBySlug(mail.ref)?.question.id : undefined;
  const n = questionId === undefined ? undefined : counts.get(questionId);
  return n === undefined ? html`<td>–</td>` : html`<td>${n}</td>`;
}

lessonRoutes.get("/", async (c) => {
  const cfg = config(c.env);
  const [mails, care] = await Promise.all([
    Promise.all(
      courseMails().map(async (mail) => ({
        mail,
        composed: await sampleMail(cfg, database(c.env), mail, PREVIEW_ADDRESS),
      })),
    ),
    careCounts(database(c.env)),
  ]);
  return lessonsPage(
    c,
    "Lessen",
    html`<h1>Lessen en vaste mails</h1>
      <p>Alle mails van de reeks, in de volgorde waarin een lezer ze krijgt. Open er een om hem te zien zoals lezers hem krijgen, of om jezelf een test te sturen.</p>
      <p class="muted">"Zwaar antwoord": hoeveel lezers nu een antwoord geven dat je met <code>care: true</code> als zwaar hebt gemarkeerd. Alleen het aantal; wie het zijn, zie je niet.</p>
      <table>
        <caption>${mails.length} mails</caption>
        <thead><tr><th scope="col">Mail</th><th scope="col">Onderwerp</th><th scope="col">Voorvertoning in de inbox</th><th scope="col">Zwaar antwoord</th></tr></thead>
        <tbody>${mails.map(
          ({ mail, composed }) =>
            html`<tr><th scope="row"><a href="/beheer/lessen/${mail.key}">${mail.name}</a></th><td>${composed.subject}</td><td>${preheaderOf(composed.html)}</td>${careCell(mail, care)}</tr>`,
        )}</tbody>
      </table>`,
  );
});

function testForm(mail: CourseMail, authorEmail: string | undefined, message?: string) {
  return html`<h2 id="test">Stuur mij een test</h2>
    ${message ? html`<p class="error" role="alert" id="test-fout">${message}</p>` : ""}
    <form method="post" action="/beheer/lessen/${mail.key}/test">
      <label for="test-email">Naar welk adres?</label>
      <input id="test-email" name="email" type="email" autocomplete="email"${authorEmail ? "" : raw(" required")}${message ? raw(' aria-describedby="test-fout"') : ""} />
      <p class="muted">${
        authorEmail
          ? `Laat je het leeg, dan gaat de test naar ${authorEmail} (AUTHOR_EMAIL).`
          : "Er is geen eigen adres ingesteld (AUTHOR_EMAIL); vul er hier een in."
      } Het onderwerp begint met "[Test] ". De test is gemaakt voor een voorbeeldlezer (${SAMPLE_READER.firstName}): de knoppen en links erin werken voor geen enkele echte lezer.</p>
      <button type="submit">Stuur mij een test</button>
    </form>`;
}

async function mailPage(c: Context<{ Bindings: Env }>, mail: CourseMail, message?: string, status: 200 | 422 = 200) {
  const cfg = config(c.env);
  const composed = await sampleMail(cfg, database(c.env), mail, PREVIEW_ADDRESS);
  return lessonsPage(
    c,
    mail.name,
    html`<p><a href="/beheer/lessen">Alle mails</a></p>
      <h1>${mail.name}</h1>
      <dl>
        <dt>Onderwerp</dt><dd>${composed.subject}</dd>
        <dt>Voorvertoning in de inbox</dt><dd>${preheaderOf(composed.html)}</dd>
        <dt>Van</dt><dd>${composed.from}</dd>
        <dt>Voorbeeldlezer</dt><dd>${SAMPLE_READER.firstName}</dd>
      </dl>
      <h2>Zo ziet de mail eruit</h2>
      <iframe class="mail-frame" src="/beheer/lessen/${mail.key}/html" sandbox="" title="${mail.name} zoals lezers hem zien" loading="lazy"></iframe>
      <p class="muted"><a href="/beheer/lessen/${mail.key}/html">Open de mail op een eigen pagina</a></p>
      <h2>Alleen tekst</h2>
      <p class="muted">Voor wie mail zonder opmaak leest.</p>
      <pre class="mail-text">${composed.text}</pre>
      ${testForm(mail, cfg.AUTHOR_EMAIL, message)}`,
    status,
  );
}

lessonRoutes.get("/:key", (c) => mailPage(c, mailOrNotFound(c.req.param("key"))));

lessonRoutes.get("/:key/html", async (c) => {
  const composed = await sampleMail(
    config(c.env),
    database(c.env),
    mailOrNotFound(c.req.param("key")),
    PREVIEW_ADDRESS,
  );
  // The mail's own HTML, with the inline styles mail needs, but no script and no outside requests;
  // only the author's own Lessons page may show it in a frame.
  c.header(
    "Content-Security-Policy",
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'self'; sandbox",
  );
  c.header("X-Frame-Options", "SAMEORIGIN");
  return c.body(composed.html, 200, { "Content-Type": "text/html; charset=utf-8" });
});

const testSchema = z.object({ email: z.optional(signupSchema.shape.email) });

lessonRoutes.post("/:key/test", async (c) => {
  const mail = mailOrNotFound(c.req.param("key"));
  const cfg = config(c.env);
  const form = (await readForm(c.req.raw)) ?? {};
  const typed = form.email?.trim() ? form.email : undefined;
  const parsed = testSchema.safeParse({ email: typed });
  if (!parsed.success)
    return mailPage(c, mail, parsed.error.issues[0]?.message ?? "Dat is geen geldig e-mailadres.", 422);
  const to = parsed.data.email ?? cfg.AUTHOR_EMAIL;
  if (!to) return mailPage(c, mail, "Vul het adres in waar de test heen moet.", 422);

  const composed = await sampleMail(cfg, database(c.env), mail, to);
  const subject = `[Test] ${composed.subject}`;
  const sentence = (text: string) =>
    html`<p><a href="/beheer/lessen/${mail.key}">Terug naar ${mail.name}</a></p><h1>Test van ${mail.name}</h1><p role="status">${text}</p>`;
  try {
    const outcome = await mailTransport(c.env).send({ ...composed, subject, idempotencyKey: `test/${randomId()}` });
    console.log(JSON.stringify({ event: "test_mail", mail: mail.key, ok: outcome.ok }));
    if (!outcome.ok)
      return lessonsPage(c, "Test", sentence(`Resend weigerde de test: ${outcome.error}. Klopt het adres?`), 502);
  } catch (error) {
    if (!(error instanceof RetryableSendError)) throw error;
    console.warn(JSON.stringify({ event: "test_mail_deferred", mail: mail.key, name: error.name }));
    return lessonsPage(
      c,
      "Test",
      sentence(
        "De test kon nu niet weg: de mail werkt even niet, of er is geen Resend-sleutel ingesteld. Kijk bij Status en probeer het zo nog eens.",
      ),
      503,
    );
  }
  return lessonsPage(
    c,
    "Test",
    sentence(`De test "${subject}" is verstuurd naar ${to}. Hij kan een minuutje onderweg zijn.`),
  );
});
