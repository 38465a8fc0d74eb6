import { RESEND_API } from "../../mechanisms/lib/config.ts";
import { COMPACT_AFTER_MS, NEWSLETTER_LINKS_MS } from "../../mechanisms/sending/compact.ts";
import { CONFIRM_TTL_MS, PRIVACY_VERSION } from "./subscribers.ts";
import { CONFIRM_RESEND_INTERVAL_MS } from "./throttle.ts";

export { PRIVACY_VERSION };

const DAY = 86_400_000;

/**
 * How long what is kept stays, in the statement's units, read from the constants the code
 * itself applies: change a period there and /privacy says the new one.
 */
export const RETENTION = {
  /** A signup not confirmed within this many days is deleted with its consent (`clearUnconfirmed`). */
  unconfirmedDays: CONFIRM_TTL_MS / DAY,
  /** A sent mail other than a lesson or an issue with a question loses its row this many days after its batch (`compactSent`). */
  sentMailDays: COMPACT_AFTER_MS / DAY,
  /** A newsletter issue with a question keeps its delivery (its answer links) this many days. */
  answerLinkDays: NEWSLETTER_LINKS_MS / DAY,
  /** A keyed hash of the mailbox holds back a second signup mail this many minutes. */
  throttleMinutes: CONFIRM_RESEND_INTERVAL_MS / 60_000,
} as const;

/** Where D1 is created (`wrangler d1 create --jurisdiction`): data stored and processed only inside the EU. */
export const D1_JURISDICTION = "eu";

/** A company that processes readers' data for the author, what for, and where. */
export type Processor = {
  name: string;
  company: string;
  does: string;
  where: string;
  /** The hosts of theirs the Worker calls: a test checks that it calls no other. */
  hosts: string[];
};

/** Everyone who processes readers' data besides the author: the one source for /privacy. */
export const PROCESSORS: Processor[] = [
  {
    name: "Cloudflare",
    company: "Cloudflare, Inc. (Verenigde Staten)",
    does: "draait deze site en bewaart alle gegevens hierboven in zijn database. Als de robotcontrole aanstaat, kijkt Cloudflare Turnstile bij het inschrijven of je geen robot bent.",
    where:
      "De database staat in de Europese Unie en wordt alleen daar bewaard en verwerkt. De site zelf draait in het datacentrum van Cloudflare dat het dichtst bij je is.",
    hosts: ["challenges.cloudflare.com"],
  },
  {
    name: "Resend",
    company: "Resend, Inc. (Verenigde Staten)",
    does: "verstuurt onze mails. Resend krijgt daarvoor je adres, je voornaam en de mail zelf.",
    where: "Resend is gevestigd in de Verenigde Staten; wat Resend krijgt, gaat dus ook naar de VS.",
    hosts: [new URL(RESEND_API).host],
  },
];
