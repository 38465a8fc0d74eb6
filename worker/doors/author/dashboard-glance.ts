import { html } from "hono/html";
import type { DashboardStats } from "../../domain/overview/stats.ts";
import type { ThisWeek } from "../../domain/overview/this-week.ts";
import { type AmsterdamWeek, weekLabel } from "../../mechanisms/lib/amsterdam-weeks.ts";

/** The overview's own layout: its width on a desktop, one column on a phone. */
export const dashboardStyle = `
main{max-width:78rem}
h3{font:600 1rem/1.4 system-ui,sans-serif;margin:1.25rem 0 .5rem}
h4{font:600 .95rem/1.4 system-ui,sans-serif;margin:1rem 0 .4rem}
.glance{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.75rem;list-style:none;padding:0;margin:0 0 1rem}
.glance li{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.7rem .9rem;font:.9rem/1.35 system-ui,sans-serif;color:var(--muted)}
.glance strong{display:block;font:600 1.75rem/1.2 system-ui,sans-serif;color:var(--fg)}
.health{border-left:4px solid var(--accent);padding:.4rem 0 .4rem 1rem;margin:0 0 1rem;font-family:system-ui,sans-serif}
.health.needs{border-color:var(--danger)}
.health p,.health ul{margin:0 0 .4rem}
.panels{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,28rem),1fr));gap:0 2.5rem;align-items:start}
.panels>*{min-width:0}
.panels>.wide{grid-column:1/-1}
.splits{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,22rem),1fr));gap:0 2rem}
.splits figure{margin:0 0 1.25rem}
.series{border-top:1px solid var(--line);margin-top:2rem}
.quotes{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,22rem),1fr));gap:1rem;margin:0 0 1rem}
.quotes blockquote{margin:0;padding:.75rem 1rem;background:var(--card);border-left:3px solid var(--accent);border-radius:.25rem}
.quotes blockquote p{margin:0 0 .4rem}
.quotes blockquote p.muted{margin:0}
`;

const plural = (n: number, one: string, more: string) => `${n} ${n === 1 ? one : more}`;

/**
 * This week's figures and whether anything needs her: the first thing the author sees. The
 * sentences are the status page's; "Alles loopt." only when there are none.
 */
export function glanceSection(stats: DashboardStats, week: AmsterdamWeek, now: ThisWeek, mailSentence: string) {
  const last = (values: number[]) => values.at(-1) ?? 0;
  const figures = [
    { n: stats.readers.byStatus.active, label: "actieve lezers" },
    { n: now.sent, label: now.sent === 1 ? "mail verstuurd" : "mails verstuurd" },
    { n: now.answers, label: now.answers === 1 ? "nieuw antwoord" : "nieuwe antwoorden" },
    {
      n: last(stats.readers.unsubscribedPerWeek),
      label: last(stats.readers.unsubscribedPerWeek) === 1 ? "afmelding" : "afmeldingen",
    },
    {
      n: last(stats.bouncesPerWeek) + last(stats.complaintsPerWeek),
      label: `bounces en klachten (${plural(last(stats.complaintsPerWeek), "klacht", "klachten")})`,
    },
  ];
  return html`<section aria-labelledby="deze-week">
    <h2 id="deze-week">Deze week <span class="muted">· ${weekLabel(week)}</span></h2>
    <ul class="glance">${figures.map((figure) => html`<li><strong>${figure.n}</strong>${figure.label}</li>`)}</ul>
    ${
      now.attention.length === 0
        ? html`<div class="health" role="status"><p><strong>Alles loopt.</strong> ${mailSentence}</p></div>`
        : html`<div class="health needs" role="status">
            <p><strong>Dit heeft je aandacht nodig:</strong></p>
            <ul>${now.attention.map((sentence) => html`<li>${sentence}</li>`)}</ul>
            <p><a href="/beheer/status">Naar de status</a> · ${mailSentence}</p>
          </div>`
    }
  </section>`;
}
