import { html } from "hono/html";
import { Hono } from "hono/tiny";
import { KEPT_RUNS } from "../../domain/health/cron-runs.ts";
import { checkGoLive } from "../../domain/health/go-live.ts";
import { ago, needsAttention, sendHealth } from "../../domain/health/send-health.ts";
import { database } from "../../mechanisms/db/client.ts";
import { formatAmsterdam } from "../../mechanisms/lib/amsterdam-time.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { TOLERANCE_MS } from "../../mechanisms/lib/svix.ts";
import { mailMode } from "../../mechanisms/mail/index.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { tableStyle } from "../../mechanisms/pages/table-style.ts";
import { quotaPause } from "../../mechanisms/sending/quota.ts";
import { STALE_AFTER_MS } from "../../mechanisms/sending/sweep.ts";
import { goLiveSection, NOT_READY } from "./go-live-section.ts";
import { authorNav } from "./nav.ts";
import { quotaAttention, quotaSection } from "./quota-status.ts";

/** `/beheer/status`: is the sending healthy, and if not, what needs her. */
export const statusRoutes = new Hono<{ Bindings: Env }>();

statusRoutes.get("/", async (c) => {
  const now = Date.now();
  const [health, goLive, pause] = await Promise.all([
    sendHealth(database(c.env), mailMode(config(c.env)), now),
    checkGoLive(database(c.env), config(c.env), now),
    quotaPause(database(c.env)),
  ]);
  const waitsForQuota = quotaAttention(pause, now);
  // Online, what production lacks needs her too; on her own computer it is only the list below.
  const attention = [
    ...(waitsForQuota ? [waitsForQuota] : []),
    ...needsAttention(health, now),
    ...(health.mail === "resend" && goLive.some((item) => !item.ready) ? [NOT_READY] : []),
  ];
  const [lastRun] = health.runs;
  const sweepMinutes = STALE_AFTER_MS / 60_000;
  // Handled webhook ids are kept only as long as a replay could come (see pruneHandled).
  const webhookMinutes = (2 * TOLERANCE_MS) / 60_000;
  return page(c, {
    title: "Hoe loopt het?",
    body: html`${authorNav(c, "/beheer/status")}${tableStyle(c)}
            <h1>Hoe loopt het?</h1>
      ${
        attention.length === 0
          ? html`<p role="status"><strong>Alles loopt.</strong></p>`
          : html`<div role="status">${attention.map((sentence) => html`<p><strong>${sentence}</strong></p>`)}</div>`
      }

      ${goLiveSection(goLive)}

      <h2>De planning</h2>
      ${
        lastRun
          ? html`<p>De laatste controle liep ${ago(now - lastRun.scheduledAt)} (${formatAmsterdam(lastRun.scheduledAt)}).
              Elk kwartier kijkt de planning wie een les of nieuwsbrief moet krijgen.</p>
              <table>
                <caption>De laatste ${health.runs.length} controles (van de ${KEPT_RUNS} die bewaard blijven)</caption>
                <thead><tr><th scope="col">Wanneer</th><th scope="col">Mails klaargezet</th><th scope="col">Opnieuw in de wachtrij</th></tr></thead>
                <tbody>${health.runs.map(
                  (run) =>
                    html`<tr><td>${formatAmsterdam(run.scheduledAt)}</td><td>${run.claimed}</td><td>${run.swept}</td></tr>`,
                )}</tbody>
              </table>`
          : html`<p>Er is nog geen controle gelopen.</p>`
      }

      ${quotaSection(pause, now)}

      <h2>Verzendingen</h2>
      <p>
        ${
          health.open.count === 0
            ? "Er staan geen verzendingen langer dan 5 minuten open."
            : `${health.open.count} ${health.open.count === 1 ? "verzending staat" : "verzendingen staan"} langer dan 5 minuten open, de oudste sinds ${formatAmsterdam(health.open.oldestAt ?? now)}.`
        }
        ${
          health.failing.count === 0
            ? ""
            : `Bij ${health.failing.count} ${health.failing.count === 1 ? "verzending" : "verzendingen"} mislukte de laatste poging.`
        }
        Wat na ${sweepMinutes} minuten nog openstaat, zet de planning vanzelf opnieuw in de wachtrij.
      </p>
      <p>
        ${
          health.failed.count === 0
            ? "Resend weigerde de afgelopen week geen enkele mail."
            : `Resend weigerde de afgelopen week ${health.failed.count} ${health.failed.count === 1 ? "mail" : "mails"}.`
        }
        ${
          health.failed.unmade === 0
            ? ""
            : `${health.failed.unmade} ${health.failed.unmade === 1 ? "mail kon" : "mails konden"} niet worden opgemaakt, door een fout in de software; die ${health.failed.unmade === 1 ? "is" : "zijn"} niet verstuurd en worden niet opnieuw geprobeerd.`
        }
      </p>
      ${
        health.failed.latest.length > 0
          ? html`<table>
              <caption>De laatste mislukte mails, en waarom</caption>
              <thead><tr><th scope="col">Wanneer</th><th scope="col">Reden</th></tr></thead>
              <tbody>${health.failed.latest.map(
                (failure) => html`<tr><td>${formatAmsterdam(failure.completedAt)}</td><td>${failure.reason}</td></tr>`,
              )}</tbody>
            </table>`
          : ""
      }

      <h2>Wachtrij voor mislukte berichten</h2>
      <p>
        Een mail die na tien pogingen nog niet weg kon, komt hier terecht. Je hoeft er niets mee te doen: de planning probeert
        elke verzending die nog openstaat na ${sweepMinutes} minuten opnieuw. Blijft een verzending open staan, dan is er iets mis
        (bijvoorbeeld met Resend).
      </p>
      ${
        health.dead.length === 0
          ? html`<p>De afgelopen week kwam hier niets binnen.</p>`
          : html`<table>
              <caption>Binnengekomen de afgelopen week, per verzending</caption>
              <thead><tr><th scope="col">Binnengekomen</th><th scope="col">Mails</th><th scope="col">Pogingen</th><th scope="col">Inmiddels verstuurd?</th></tr></thead>
              <tbody>${health.dead.map(
                (batch) =>
                  html`<tr><td>${formatAmsterdam(batch.firstAt)}</td><td>${batch.messages}</td><td>${batch.attempts}</td>
                    <td>${batch.completedAt === null ? "Nee, nog open" : `Ja, ${formatAmsterdam(batch.completedAt)}`}</td></tr>`,
              )}</tbody>
            </table>`
      }

      <h2>Berichten van Resend</h2>
      <p>
        ${
          health.webhooks.lastAt === null
            ? `De afgelopen ${webhookMinutes} minuten kwam er geen bericht (webhook) van Resend binnen.`
            : health.webhooks.count === 0
              ? `De afgelopen ${webhookMinutes} minuten kwam er geen bericht (webhook) van Resend binnen; het laatste ${ago(now - health.webhooks.lastAt)}.`
              : `De afgelopen ${webhookMinutes} minuten kwamen er ${health.webhooks.count} berichten (webhooks) van Resend binnen, het laatste ${ago(now - health.webhooks.lastAt)}.`
        }
        Afgelopen week: ${health.suppressed.bounce} ${health.suppressed.bounce === 1 ? "adres" : "adressen"} gebounced,
        ${health.suppressed.complaint} ${health.suppressed.complaint === 1 ? "klacht" : "klachten"} over spam. Die adressen krijgen geen mail meer.
      </p>`,
  });
});
