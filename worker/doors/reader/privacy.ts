import { html } from "hono/html";
import { Hono } from "hono/tiny";
import { PRIVACY_VERSION, PROCESSORS, RETENTION } from "../../domain/readers/privacy.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { SENT_TO_SECONDS } from "./signup.ts";

export const privacyRoutes = new Hono<{ Bindings: Env }>();

/**
 * The privacy statement (AVG/GDPR article 13). Every period and every processor on it comes
 * from the code that applies it (domain/readers/privacy.ts); its version is what signup stores
 * with each consent.
 */
privacyRoutes.get("/", (c) => {
  const { AUTHOR_NAME: author, CONTACT_EMAIL: contact } = config(c.env);
  const mailto = html`<a href="mailto:${contact}">${contact}</a>`;
  return page(c, {
    title: "Privacy bij Rust en richting",
    description: `Wat Rust en richting van je bewaart, waarom, hoe lang, wie helpt en hoe je je gegevens bekijkt of wist.`,
    body: html`<h1>Privacy bij Rust en richting</h1>
      <p>
        Rust en richting is van <strong>${author}</strong>. Zij is verantwoordelijk voor wat je hier aan gegevens
        achterlaat. Vragen daarover? Mail haar op ${mailto}.
      </p>

      <h2>Wat we van je bewaren</h2>
      <ul>
        <li>Je e-mailadres, en je voornaam als je die invulde.</li>
        <li>
          Je toestemming: wanneer je je inschreef, via welk formulier, welke versie van deze tekst er toen stond, en een
          versleutelde vorm (een hash) van je IP-adres. Je IP-adres zelf bewaren we niet.
        </li>
        <li>Je plek in de lessen: welke reeks, welke lessen je al had, en je dag, uur, tijdzone en tempo.</li>
        <li>Welke mails we je stuurden en wanneer.</li>
        <li>
          Je antwoorden op de vragen, de woorden die je er zelf bij schreef, en of de schrijfster die woorden mag lezen.
          Dat laatste kies jij; zonder jouw vinkje leest ze ze niet.
        </li>
      </ul>
      <p>
        We houden niet bij of je een mail opent of op een link klikt. Alleen het antwoord dat je zelf aanklikt, bewaren we.
      </p>

      <h2>Waarom</h2>
      <p>
        Om je de lessen en de nieuwsbrief te sturen waarvoor je je inschreef, en om je je eigen antwoorden te laten
        teruglezen. Dat doen we omdat je daar toestemming voor gaf (artikel 6, lid 1, onder a van de AVG): je geeft die
        door je inschrijving te bevestigen, en je trekt haar in door je af te melden.
      </p>

      <h2>Hoe lang</h2>
      <ul>
        <li>
          Bevestig je je inschrijving niet binnen ${RETENTION.unconfirmedDays} dagen, dan wissen we je adres en je
          toestemming.
        </li>
        <li>Zolang je ingeschreven bent, bewaren we wat hierboven staat.</li>
        <li>
          Meld je je af, dan krijg je geen mail meer. Je gegevens blijven dan bewaard tot je ze zelf wist op je eigen
          pagina, of ons vraagt dat te doen. Zo kun je je reflecties later nog teruglezen.
        </li>
        <li>
          Van de mails die we je stuurden: een les bewaren we zolang je gegevens er zijn (zo krijg je nooit een les twee
          keer). Een nieuwsbrief met een vraag ${RETENTION.answerLinkDays} dagen, zo lang werken de antwoorden erin. Van
          elke andere mail wissen we na ${RETENTION.sentMailDays} dagen dat we hem stuurden.
        </li>
        <li>
          Komt een mail aan je adres onbestelbaar terug, of meld je hem als spam, dan mailen we dat adres nooit meer. Daarvoor
          bewaren we voorgoed alleen een versleutelde vorm van je adres, ook als je je gegevens wist.
        </li>
        <li>
          Zodat niemand jouw mailbox met inschrijfmails kan volsturen, onthouden we na elke inschrijfmail
          ${RETENTION.throttleMinutes} minuten een versleutelde vorm van je adres.
        </li>
        <li>
          Na het inschrijven onthoudt je browser je adres ${SENT_TO_SECONDS / 60} minuten in een cookie, zodat de volgende
          pagina kan laten zien waar de mail heen ging. Andere cookies zetten we niet bij je.
        </li>
      </ul>

      <h2>Wie ons helpt</h2>
      <p>Twee bedrijven verwerken je gegevens voor ons, alleen om dit werk te doen:</p>
      <ul>
        ${PROCESSORS.map((processor) => html`<li><strong>${processor.name}</strong>, ${processor.company}, ${processor.does} ${processor.where}</li>`)}
      </ul>
      <p>We verkopen je gegevens niet en geven ze aan niemand anders.</p>

      <h2>Wat je zelf kunt</h2>
      <p>
        Onderaan elke mail van ons staat de link <strong>Pauzeren of voorkeuren</strong>. Die brengt je naar je eigen
        pagina. Daar kun je alles wat we van je bewaren bekijken en downloaden, en alles wissen. Met de link
        <strong>Afmelden</strong> onderaan elke mail meld je je in één klik af. Ben je nog ingeschreven en heb je geen mail
        van ons bij de hand? Schrijf je dan opnieuw in met hetzelfde adres: je krijgt dan een mail met je eigen links.
      </p>
      <p>
        Je mag ons ook altijd mailen op ${mailto} om je gegevens in te zien, te laten verbeteren of te laten wissen, of om
        bezwaar te maken.
      </p>
      <p>
        Vind je dat we niet goed met je gegevens omgaan? Dan mag je een klacht indienen bij de
        <a href="https://www.autoriteitpersoonsgegevens.nl">Autoriteit Persoonsgegevens</a> in Nederland, of bij de
        <a href="https://www.gegevensbeschermingsautoriteit.be">Gegevensbeschermingsautoriteit</a> in België.
      </p>

      <p class="muted">
        Versie van deze tekst: ${PRIVACY_VERSION}. Bij je inschrijving bewaren we welke versie er toen stond.
        <a href="/">Naar de inschrijfpagina</a>
      </p>`,
  });
});
