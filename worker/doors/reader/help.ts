import { html } from "hono/html";
import { Hono } from "hono/tiny";
import { CARE_LINES, HELP_LINES, type HelpLine, linesOf } from "../../domain/help/lines.ts";
import { page } from "../../mechanisms/pages/layout.ts";

export const helpRoutes = new Hono<{ Bindings: Env }>();

/** A site's name as a reader types it: without the scheme and the "www.". */
function siteName(url: string): string {
  return url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "");
}

function line(help: HelpLine) {
  const chat = help.chat
    ? html` Chatten kan op <a href="${help.chat.url}">${siteName(help.chat.url)}</a> (${help.chat.hours}).`
    : "";
  return html`<p>
    <strong>${help.name}</strong>. ${help.about} Bel <a href="tel:${help.tel}">${help.phone}</a>,
    ${help.hours}.${chat}
  </p>`;
}

/** The lines for right now: they come first in a country's section, before the huisarts. */
function careLines(country: HelpLine["country"]) {
  return linesOf(CARE_LINES, country).map(line);
}

function helpLines(country: HelpLine["country"]) {
  return linesOf(HELP_LINES, country).map(line);
}

/**
 * Where to turn when it is too much, in the Netherlands and in Belgium. Every mail to a reader
 * links here; the numbers come from domain/help/lines.ts.
 */
helpRoutes.get("/", (c) =>
  page(c, {
    title: "Als het te veel wordt",
    body: html`<h1>Als het te veel wordt</h1>
      <p>
        De lessen van Rust en richting zijn bedoeld om rustig bij stil te staan. Ze zijn geen behandeling. Ben je al
        weken uitgeput, slaap je slecht, ben je vaak angstig of somber, of lukt het gewone leven niet meer? Praat er dan
        over met je huisarts. Dat mag ook als je twijfelt.
      </p>

      <h2>Bij direct gevaar</h2>
      ${careLines("Nederland en België")}

      <h2>In Nederland</h2>
      ${careLines("Nederland")}
      <p>
        <strong>Je huisarts</strong> is de eerste om mee te praten. Heeft het met je werk te maken, dan kun je ook bij
        de <strong>bedrijfsarts</strong> terecht.
      </p>
      ${helpLines("Nederland")}
      <p>
        Zorg je thuis voor iemand? Bij de <strong>Mantelzorglijn</strong> van MantelzorgNL kun je terecht met je vragen
        en voor advies.
      </p>

      <h2>In België</h2>
      ${careLines("België")}
      <p>
        <strong>Je huisarts</strong> is de eerste om mee te praten. Via de huisarts kun je ook bij een
        <strong>psycholoog</strong> terecht.
      </p>
      ${helpLines("België")}
      <p>
        Zorg je thuis voor iemand? Ook dan kun je bij een CAW terecht, of bij een mantelzorgvereniging. Op
        <a href="https://www.mantelzorgers.be">mantelzorgers.be</a> vind je ze.
      </p>

      <p class="muted">Je hoeft niet eerst zeker te weten dat het ernstig genoeg is. Bellen of chatten mag altijd.</p>`,
  }),
);
