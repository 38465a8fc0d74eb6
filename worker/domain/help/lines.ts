/**
 * Where a reader can turn, in the Netherlands and in Belgium: the one source of the numbers the
 * help page and the thank-you page after a heavy answer show. Checked against the organisations'
 * own words and public reporting on 2026-12-06 (the commit that wrote this file names each
 * source); where an hour could not be checked, the line says to look on the site instead of
 * claiming it. Check them again before changing them, and change the mail footer
 * (emails/_components/layout.tsx) with them.
 */

/** One line a reader can call, and chat with where that is possible. */
export type HelpLine = {
  name: string;
  country: "Nederland" | "België" | "Nederland en België";
  /** The number as a reader reads and dials it. */
  phone: string;
  /** The number for a tel: link: digits only. */
  tel: string;
  /** When someone answers the phone, as it reads after "Bel …,". */
  hours: string;
  /** The chat, with when it is open as it reads in brackets after the site's name. */
  chat?: { url: string; hours: string };
  /** Who the line is for, in one or two calm sentences. */
  about: string;
};

const LOOK_ON_THE_SITE = "kijk daar wanneer de chat open is";

/** The lines for someone in distress right now: talk to someone today, or at once. */
export const CARE_LINES: readonly HelpLine[] = [
  {
    name: "113 Zelfmoordpreventie",
    country: "Nederland",
    phone: "113",
    tel: "113",
    hours: "dag en nacht",
    chat: { url: "https://www.113.nl", hours: "dag en nacht" },
    about: "Als je aan zelfdoding denkt, of je zorgen maakt om iemand anders. Gratis en anoniem; 0800-0113 kan ook.",
  },
  {
    name: "De Luisterlijn",
    country: "Nederland",
    phone: "088 0767 000",
    tel: "0880767000",
    hours: "dag en nacht",
    chat: { url: "https://www.deluisterlijn.nl", hours: LOOK_ON_THE_SITE },
    about: "Als je met iemand wilt praten over wat je bezighoudt. Vertrouwelijk en anoniem.",
  },
  {
    name: "Zelfmoordlijn 1813",
    country: "België",
    phone: "1813",
    tel: "1813",
    hours: "dag en nacht",
    chat: { url: "https://www.zelfmoord1813.be", hours: "elke avond van 17 tot 24 uur" },
    about: "Als je aan zelfdoding denkt, of je zorgen maakt om iemand anders. Gratis en anoniem.",
  },
  {
    name: "Tele-Onthaal",
    country: "België",
    phone: "106",
    tel: "106",
    hours: "dag en nacht",
    chat: { url: "https://www.tele-onthaal.be", hours: LOOK_ON_THE_SITE },
    about: "Als je met iemand wilt praten over wat je bezighoudt. Gratis en anoniem.",
  },
  {
    name: "Noodnummer 112",
    country: "Nederland en België",
    phone: "112",
    tel: "112",
    hours: "dag en nacht",
    about: "Bij direct gevaar, voor jou of voor iemand anders. In België bel je voor de politie rechtstreeks 101.",
  },
];

/** The other lines: violence at home, and a first stop for whatever weighs on you in Belgium. */
export const HELP_LINES: readonly HelpLine[] = [
  {
    name: "Veilig Thuis",
    country: "Nederland",
    phone: "0800-2000",
    tel: "08002000",
    hours: "dag en nacht",
    chat: { url: "https://www.veiligthuis.nl", hours: LOOK_ON_THE_SITE },
    about:
      "Bij geweld thuis, ook als je twijfelt of je zorgen maakt om iemand anders. Gratis, en anoniem als je dat wilt.",
  },
  {
    name: "Hulplijn 1712",
    country: "België",
    phone: "1712",
    tel: "1712",
    hours: "op werkdagen",
    chat: { url: "https://www.1712.be", hours: LOOK_ON_THE_SITE },
    about:
      "Bij geweld, misbruik of mishandeling, thuis of elders: voor wie het meemaakt, wie het ziet en wie het doet. Gratis en anoniem.",
  },
  {
    name: "CAW (Centrum Algemeen Welzijnswerk)",
    country: "België",
    phone: "0800 13 500",
    tel: "080013500",
    hours: "op werkdagen",
    about:
      "Voor elke vraag over je welzijn: een moeilijke relatie, persoonlijke problemen, geldzorgen, problemen in je gezin. Gratis.",
  },
];

/** The lines of one country. */
export function linesOf(lines: readonly HelpLine[], country: HelpLine["country"]): HelpLine[] {
  return lines.filter((line) => line.country === country);
}
