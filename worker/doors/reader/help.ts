import { Hono } from "hono";
import { html } from "hono/html";
import { page } from "../../mechanisms/pages/layout.ts";

export const helpRoutes = new Hono<{ Bindings: Env }>();

/**
 * Where to turn when it is too much, in the Netherlands and in Belgium. Every mail to a
 * reader links here. The numbers were checked against public sources on 2026-11-23
 * (see the commit that added this page); check them again before changing them.
 */
helpRoutes.get("/", (c) =>
  page(c, {
    title: "Als het te veel wordt",
    body: html`<h1>Als het te veel wordt</h1>
      <p>
        De lessen van Rust en richting zijn om rustig bij stil te staan. Ze zijn geen behandeling. Ben je al weken op,
        slaap je slecht, ben je vaak angstig of somber, of lukt het gewone leven niet meer? Praat er dan over met je
        huisarts. Dat mag ook als je twijfelt.
      </p>

      <h2>In Nederland</h2>
      <p>
        <strong>Je huisarts</strong> is de eerste om mee te praten. Heeft het met je werk te maken, dan kun je ook bij
        de <strong>bedrijfsarts</strong> terecht.
      </p>
      <p>
        Denk je aan zelfdoding, of maak je je zorgen om iemand anders? Bel <strong>113 Zelfmoordpreventie</strong>:
        <a href="tel:113">113</a> of <a href="tel:08000113">0800-0113</a>, gratis en anoniem, dag en nacht. Chatten
        kan op <a href="https://www.113.nl">113.nl</a>.
      </p>

      <h2>In België</h2>
      <p>
        <strong>Je huisarts</strong> is de eerste om mee te praten. Via de huisarts kun je ook bij een
        <strong>psycholoog</strong> terecht. Bij een <strong>CAW</strong> (Centrum Algemeen Welzijnswerk) kun je
        eveneens aankloppen.
      </p>
      <p>
        Wil je gewoon met iemand praten? Bel <strong>Tele-Onthaal</strong> op <a href="tel:106">106</a>, gratis en
        anoniem, dag en nacht, of chat via <a href="https://www.tele-onthaal.be">tele-onthaal.be</a>.
      </p>
      <p>
        Denk je aan zelfdoding? Bel de <strong>Zelfmoordlijn</strong> op <a href="tel:1813">1813</a>, gratis en
        anoniem, dag en nacht, of chat via <a href="https://www.zelfmoord1813.be">zelfmoord1813.be</a>.
      </p>

      <h2>Bij direct gevaar</h2>
      <p>Bel <a href="tel:112">112</a>, in Nederland en in België.</p>

      <p class="muted">Je hoeft niet eerst zeker te weten dat het ernstig genoeg is. Bellen of chatten mag altijd.</p>`,
  }),
);
