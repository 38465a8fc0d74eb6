import { html, raw } from "hono/html";
import { Hono } from "hono/tiny";
import { findEnrollment } from "../../domain/readers/preferences.ts";
import { findByLinkToken } from "../../domain/readers/subscribers.ts";
import { type JournalEntry, readerJournal } from "../../domain/reflections/journal.ts";
import { database } from "../../mechanisms/db/client.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { DEFAULT_TIME_ZONE } from "../../mechanisms/lib/reader-time.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { invalidLinkPage } from "../../mechanisms/pages/link-pages.ts";

export const journalRoutes = new Hono<{ Bindings: Env }>();

// On paper only the questions, answers and words: no buttons or links to follow.
const printStyle = `
.entry{border-top:1px solid var(--line);padding-top:1rem;margin-top:1.5rem;break-inside:avoid}
.entry blockquote{margin:.5rem 0 1rem;padding-left:1rem;border-left:3px solid var(--line);white-space:pre-wrap}
.entry blockquote.reply{border-left-color:var(--accent)}
@media print{body{background:#fff;color:#000;font-size:12pt}.noprint{display:none}main{max-width:none;padding:0}}
`;

/** The day a mail came, on the reader's own calendar. */
const dayIn = (timeZone: string) => (ms: number) =>
  new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone }).format(ms);

function entry(item: JournalEntry, day: (ms: number) => string) {
  return html`<section class="entry">
    <h2>${item.title}</h2>
    <p class="muted">${[item.from, item.sentAt ? day(item.sentAt) : ""].filter(Boolean).join(", ")}</p>
    <p><em>${item.prompt}</em></p>
    <p>Je antwoord: <strong>${item.answer}</strong></p>
    ${item.reply ? html`<p class="muted">De schrijver schreef je terug:</p><blockquote class="reply"><p>${item.reply}</p></blockquote>` : ""}
    ${item.note ? html`<p>Je woorden:</p><blockquote>${item.note}</blockquote>` : ""}
    ${item.note ? html`<p class="muted">${item.shared ? "Gedeeld met de schrijver, zonder je naam of adres." : "Alleen voor jou."}</p>` : ""}
    ${item.answerToken ? html`<p class="noprint"><a href="/reflectie/${item.answerToken}">Verander je antwoord of je woorden</a></p>` : ""}
  </section>`;
}

journalRoutes.get("/:token/reflecties", async (c) => {
  const token = c.req.param("token");
  const db = database(c.env);
  const subscriber = await findByLinkToken(db, config(c.env), "preferences", token);
  if (!subscriber) return invalidLinkPage(c);
  const [entries, enrollment] = await Promise.all([
    readerJournal(db, config(c.env), subscriber.id),
    findEnrollment(db, subscriber.id),
  ]);
  const day = dayIn(enrollment?.timeZone ?? DEFAULT_TIME_ZONE);
  const nonce = (c.get("secureHeadersNonce") as string | undefined) ?? "";
  return page(c, {
    title: "Mijn reflecties",
    body: html`<style nonce="${nonce}">${raw(printStyle)}</style>
      <h1>Mijn reflecties</h1>
      <p class="noprint"><a href="/voorkeuren/${token}">Terug naar je voorkeuren</a></p>
      ${
        entries.length === 0
          ? html`<p>Je hebt nog geen vraag beantwoord. Onderaan elke les staat er een; één klik is genoeg.</p>`
          : html`<p>Elke vraag die je beantwoordde, met je antwoord en je eigen woorden. Alleen jij ziet deze pagina.</p>
            ${entries.map((item) => entry(item, day))}`
      }`,
  });
});
