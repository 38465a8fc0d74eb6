/** One line to call or chat when it is too much. */
export type HelpLine = {
  name: string;
  country: "Nederland" | "België" | "Nederland en België";
  /** As a reader dials or reads it. */
  phone: string;
  /** For the `tel:` link. */
  tel: string;
  hours: string;
  chat?: { url: string; hours: string };
  /** Who it is for, in one short Dutch sentence. */
  about: string;
};

/**
 * The urgent lines, in one place for every page that shows them (the help page, the thank-you
 * page after a heavy answer). The numbers are those of the help page, checked against public
 * sources on 2026-11-23; check them again before changing them.
 */
export const CARE_LINES: readonly HelpLine[] = [
  {
    name: "113 Zelfmoordpreventie",
    country: "Nederland",
    phone: "113 of 0800-0113",
    tel: "08000113",
    hours: "gratis en anoniem, dag en nacht",
    chat: { url: "https://www.113.nl", hours: "dag en nacht" },
    about: "Als je aan zelfdoding denkt, of je zorgen maakt om iemand anders.",
  },
  {
    name: "Zelfmoordlijn",
    country: "België",
    phone: "1813",
    tel: "1813",
    hours: "gratis en anoniem, dag en nacht",
    chat: { url: "https://www.zelfmoord1813.be", hours: "dag en nacht" },
    about: "Als je aan zelfdoding denkt, of je zorgen maakt om iemand anders.",
  },
  {
    name: "Tele-Onthaal",
    country: "België",
    phone: "106",
    tel: "106",
    hours: "gratis en anoniem, dag en nacht",
    chat: { url: "https://www.tele-onthaal.be", hours: "dag en nacht" },
    about: "Als je gewoon met iemand wilt praten.",
  },
  {
    name: "Alarmnummer",
    country: "Nederland en België",
    phone: "112",
    tel: "112",
    hours: "dag en nacht",
    about: "Bij direct gevaar.",
  },
];
