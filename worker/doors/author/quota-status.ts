import { html } from "hono/html";
import { formatAmsterdam } from "../../mechanisms/lib/amsterdam-time.ts";
import type { QuotaPause } from "../../mechanisms/sending/quota.ts";

const QUOTA_NAMES = { daily: "dagquotum", monthly: "maandquotum" } as const;

/** The sentence for the top of the status page while sending waits for a Resend quota; null when it does not. */
export function quotaAttention(pause: QuotaPause | null, now: number): string | null {
  if (!pause || pause.until <= now) return null;
  return `Het versturen wacht op het ${QUOTA_NAMES[pause.quota]} van Resend, tot ${formatAmsterdam(pause.until)}.`;
}

/** The status page's section on Resend's email quotas: whether sending waits for one, since and until when. */
export function quotaSection(pause: QuotaPause | null, now: number) {
  const waiting = pause !== null && pause.until > now;
  return html`<h2>Quotum van Resend</h2>
    <p>
      ${
        waiting
          ? `Resend liet op ${formatAmsterdam(pause.since)} weten dat het ${QUOTA_NAMES[pause.quota]} op is. Tot ${formatAmsterdam(pause.until)} gaat er geen mail naar Resend en zet de planning geen nieuwe lessen klaar.`
          : "Het versturen wacht niet op een quotum van Resend."
      }
      Wat op een quotum wacht, gaat niet verloren: daarna gaat eerst weg wat bleef liggen, in de volgorde waarin het
      klaarstond, en dan krijgt iedereen de volgende les weer op het eigen ritme.
    </p>`;
}
