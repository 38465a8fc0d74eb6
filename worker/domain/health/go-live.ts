import { max } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { webhookEvents } from "../../mechanisms/db/schema.ts";
import { formatAmsterdam } from "../../mechanisms/lib/amsterdam-time.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import { type DomainsAnswer, resendDomains } from "../../mechanisms/mail/resend-domains.ts";
import { ago } from "./send-health.ts";

/** One thing production needs: whether it is there, and what it is or how she gets it, in Dutch. */
export type GoLiveItem = { ready: boolean; what: string; detail: string };

/** What the checklist is made from: the settings, Resend's answer (null without a key) and the last webhook. */
export type GoLiveFacts = {
  cfg: Config;
  domains: DomainsAnswer | null;
  lastWebhookAt: number | null;
  now: number;
};

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** What Resend's status of a domain means, in Dutch. */
const DOMAIN_STATUS: Record<string, (domain: string) => string> = {
  pending: (domain) => `${domain} is nog niet geverifieerd: Resend wacht op je DNS-records`,
  not_started: (domain) => `${domain} is nog niet geverifieerd: de controle is nog niet begonnen`,
  failed: (domain) => `${domain} is niet geverifieerd: Resend vond de DNS-records niet`,
  partially_verified: (domain) => `${domain} is maar voor een deel geverifieerd`,
  partially_failed: (domain) => `${domain} is maar voor een deel geverifieerd: een deel van de DNS-records klopt niet`,
};

/** The domain of MAIL_FROM (`Naam <adres@domein.nl>` or `adres@domein.nl`), lower-cased, or null. */
export function senderDomain(mailFrom: string): string | null {
  const address = mailFrom.match(/<([^>]+)>/)?.[1] ?? mailFrom;
  const domain = address.trim().split("@")[1];
  return domain ? domain.toLowerCase() : null;
}

function publicUrlItem(cfg: Config): GoLiveItem {
  const url = new URL(cfg.PUBLIC_URL);
  const ready = url.protocol === "https:" && !LOOPBACK.has(url.hostname);
  return {
    ready,
    what: "Het adres van je site (PUBLIC_URL)",
    detail: ready
      ? `Je site staat op ${cfg.PUBLIC_URL}.`
      : `${cfg.PUBLIC_URL} is geen https-adres op internet. Zet PUBLIC_URL in wrangler.toml onder [env.production.vars] op je eigen adres, bijvoorbeeld https://rustenrichting.nl, en zet de site opnieuw online met npm run deploy.`,
  };
}

function keyItem(cfg: Config): GoLiveItem {
  return {
    ready: cfg.RESEND_API_KEY !== undefined,
    what: "De sleutel van Resend (RESEND_API_KEY)",
    detail: cfg.RESEND_API_KEY
      ? "De sleutel is ingesteld."
      : "Er is geen sleutel: er gaat geen mail de deur uit. Maak er een op resend.com bij API Keys (met Full access, dan kan deze pagina ook je domein controleren) en zet hem online met wrangler secret put RESEND_API_KEY --env production.",
  };
}

function domainItem(cfg: Config, answer: DomainsAnswer | null): GoLiveItem {
  const domain = senderDomain(cfg.MAIL_FROM) ?? cfg.MAIL_FROM;
  const what = `Je afzenderdomein bij Resend (${domain})`;
  const records = `de DNS-records die Resend bij ${domain} noemt bij je domeinbeheerder, en klik daarna in Resend op Verify.`;
  if (answer === null)
    return { ready: false, what, detail: "Dat kan deze pagina pas nagaan als de sleutel van Resend er is." };
  switch (answer.kind) {
    case "unreachable":
      return {
        ready: false,
        what,
        detail:
          "Deze pagina kon Resend niet bereiken om het domein na te gaan. Probeer het straks opnieuw, of kijk zelf op resend.com bij Domains.",
      };
    case "wrong-key":
      return {
        ready: false,
        what,
        detail:
          "Resend weigerde de sleutel (RESEND_API_KEY). Maak een nieuwe op resend.com bij API Keys en zet hem opnieuw met wrangler secret put RESEND_API_KEY --env production.",
      };
    case "sending-only-key":
      return {
        ready: false,
        what,
        detail:
          "Je sleutel mag alleen versturen, dus deze pagina kan het domein niet nagaan. Kijk zelf op resend.com bij Domains of het geverifieerd is, of geef de sleutel Full access.",
      };
    case "listed": {
      const found = answer.domains.find((d) => d.name.toLowerCase() === domain);
      if (!found)
        return {
          ready: false,
          what,
          detail: `${domain} staat niet in je Resend-account. Voeg het toe op resend.com bij Domains, zet ${records}`,
        };
      if (found.status === "verified") return { ready: true, what, detail: `Resend meldt: ${domain} is geverifieerd.` };
      const status = DOMAIN_STATUS[found.status]?.(domain) ?? `${domain} heeft de status ‘${found.status}’`;
      return { ready: false, what, detail: `Resend meldt: ${status}. Zet ${records}` };
    }
  }
}

function webhookItem(cfg: Config, lastWebhookAt: number | null, now: number): GoLiveItem {
  const what = "Berichten van Resend over bounces en klachten (webhook)";
  if (!cfg.RESEND_WEBHOOK_SECRET)
    return {
      ready: false,
      what,
      detail: `RESEND_WEBHOOK_SECRET ontbreekt, dus adressen die bouncen of klagen krijgen gewoon mail. Maak op resend.com bij Webhooks een webhook naar ${cfg.PUBLIC_URL}/webhooks/resend met de events email.bounced en email.complained, en zet het signing secret (whsec_…) online met wrangler secret put RESEND_WEBHOOK_SECRET --env production.`,
    };
  if (lastWebhookAt === null)
    return {
      ready: false,
      what,
      detail:
        "Het secret is ingesteld, maar er kwam nog nooit een bericht van Resend binnen. Stuur een test van een les naar bounced@resend.dev (bij Lessen): Resend meldt dan een bounce, en die hoort hier te verschijnen.",
    };
  return {
    ready: true,
    what,
    detail: `Het laatste bericht van Resend kwam ${ago(now - lastWebhookAt)} binnen (${formatAmsterdam(lastWebhookAt)}).`,
  };
}

function loginItem(cfg: Config): GoLiveItem {
  const access = Boolean(cfg.ACCESS_TEAM_DOMAIN && cfg.ACCESS_AUD);
  return {
    ready: access || cfg.ADMIN_PASSWORD !== undefined,
    what: "Inloggen op je beheer",
    detail: access
      ? "Cloudflare Access beschermt /beheer."
      : cfg.ADMIN_PASSWORD
        ? "Je logt in met je wachtwoord (ADMIN_PASSWORD)."
        : "Er is geen wachtwoord en geen Cloudflare Access: zet een wachtwoord met wrangler secret put ADMIN_PASSWORD --env production.",
  };
}

/**
 * What production needs before a first real mail, in order, each with its fix. The local
 * outbox is listed only while it is switched on: online it must never be.
 */
export function goLiveChecklist({ cfg, domains, lastWebhookAt, now }: GoLiveFacts): GoLiveItem[] {
  const outbox: GoLiveItem[] =
    cfg.MAIL_TRANSPORT === "outbox"
      ? [
          {
            ready: false,
            what: "De lokale outbox (MAIL_TRANSPORT=outbox)",
            detail:
              "Alle mail blijft in de outbox op deze computer. Dat is alleen voor gebruik op je eigen computer: zet MAIL_TRANSPORT nooit online.",
          },
        ]
      : [];
  return [
    publicUrlItem(cfg),
    ...outbox,
    keyItem(cfg),
    domainItem(cfg, domains),
    webhookItem(cfg, lastWebhookAt, now),
    loginItem(cfg),
  ];
}

/** When the last webhook from Resend arrived, ever (see pruneHandled, which keeps the newest), or null. */
export async function lastWebhookAt(db: Database): Promise<number | null> {
  const row = await db
    .select({ at: max(webhookEvents.receivedAt) })
    .from(webhookEvents)
    .get();
  return row?.at ?? null;
}

/** Gathers the facts (asking Resend for the domains only with a key, briefly) and makes the checklist. */
export async function checkGoLive(
  db: Database,
  cfg: Config,
  now: number,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<GoLiveItem[]> {
  const [domains, last] = await Promise.all([
    cfg.RESEND_API_KEY
      ? resendDomains({ apiKey: cfg.RESEND_API_KEY, baseUrl: cfg.RESEND_BASE_URL, ...options })
      : Promise.resolve(null),
    lastWebhookAt(db),
  ]);
  return goLiveChecklist({ cfg, domains, lastWebhookAt: last, now });
}
