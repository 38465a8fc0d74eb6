import { html } from "hono/html";
import type { GoLiveItem } from "../../domain/health/go-live.ts";

/** The sentence at the top while production lacks something: the list itself is further down. */
export const NOT_READY = 'Nog niet alles staat klaar voor echte lezers: kijk bij "Klaar om live te gaan?" hieronder.';

/** The status page's go-live checklist: each thing production needs, done or with its fix. */
export function goLiveSection(items: GoLiveItem[]) {
  const missing = items.filter((item) => !item.ready).length;
  return html`<section aria-labelledby="live">
    <h2 id="live">Klaar om live te gaan?</h2>
    <p>${missing === 0 ? "Alles wat een echte mail nodig heeft, staat klaar." : `Nog ${missing} ${missing === 1 ? "ding" : "dingen"} te doen voordat echte lezers mail krijgen. De stappen staan ook in docs/deploy.md.`}</p>
    <ul>
      ${items.map(
        (item) => html`<li><strong>${item.ready ? "Klaar" : "Nog te doen"}: ${item.what}.</strong> ${item.detail}</li>`,
      )}
    </ul>
  </section>`;
}
