import * as z from "zod/mini";
import { unsupportedMarkup } from "../../../emails/_components/markdown.ts";
import type { IssueQuestion } from "../../mechanisms/db/schema.ts";
import { amsterdamTime } from "../../mechanisms/lib/amsterdam-time.ts";
import { gentleWording, gentleWordings } from "../course/gentle-answers.ts";

/** Longest subject line that still shows whole in a phone's inbox list, as for lessons. */
export const MAX_SUBJECT = 60;
const MAX_BODY = 20_000;

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The author's issue form: what she typed, checked, with Dutch messages that name the field. */
export const issueFormSchema = z.pipe(
  z
    .object({
      onderwerp: z
        .string()
        .check(
          z.trim(),
          z.minLength(1, "Geef het nummer een onderwerp."),
          z.maxLength(
            MAX_SUBJECT,
            `Het onderwerp past op een telefoon tot ${MAX_SUBJECT} tekens; maak het wat korter.`,
          ),
        ),
      voorvertoning: z
        .string()
        .check(
          z.trim(),
          z.maxLength(
            110,
            "De voorvertoning is hoogstens 110 tekens: de regel die in de inbox onder het onderwerp staat.",
          ),
        ),
      tekst: z
        .string()
        .check(
          z.trim(),
          z.minLength(1, "Het nummer heeft nog geen tekst."),
          z.maxLength(
            MAX_BODY,
            `De tekst is langer dan ${MAX_BODY.toLocaleString("nl-NL")} tekens; dat leest niet meer als één mail.`,
          ),
        ),
      vraag: z._default(z.string().check(z.trim(), z.maxLength(200, "De vraag is hoogstens 200 tekens.")), ""),
      antwoorden: z._default(z.string(), ""),
      openbaar: z.optional(z.literal("ja")),
      // A form from before the choice existed opens with the greeting, as every issue did then.
      groet: z._default(z.enum(["ja", "nee"], { error: "Kies of de mail met een aanhef begint." }), "ja"),
    })
    .check(
      z.superRefine((form, ctx) => {
        for (const message of textProblems(form.tekst, form.groet === "ja"))
          ctx.addIssue({ code: "custom", path: ["tekst"], message });
      }),
    ),
  z.transform((form, ctx) => {
    const refuse = (path: string, message: string) => {
      ctx.issues.push({ code: "custom", path: [path], message, input: form });
      return z.NEVER;
    };
    const answers = lines(form.antwoorden);
    let question: IssueQuestion | null = null;
    if (form.vraag) {
      if (answers.length < 2 || answers.length > 5 || answers.some((answer) => answer.length > 40))
        return refuse(
          "antwoorden",
          "Een vraag heeft 2 tot 5 antwoorden, elk op een eigen regel en hoogstens 40 tekens.",
        );
      if (!answers.some((answer) => gentleWording(answer)))
        return refuse(
          "antwoorden",
          `Elke vraag heeft een zachte uitweg nodig, zoals in de lessen: maak van ${gentleWordings} een van de antwoorden.`,
        );
      // Keys never change once the issue is sent, and are words, never numbers (links name answers by number).
      const labels = answers.map((answer) => gentleWording(answer) ?? answer);
      question = { prompt: form.vraag, answers: labels.map((label, i) => ({ key: `antwoord-${i + 1}`, label })) };
    } else if (answers.length > 0) return refuse("vraag", "Je gaf antwoorden, maar nog geen vraag.");
    return {
      subject: form.onderwerp,
      preheader: form.voorvertoning,
      body: form.tekst,
      question,
      public: form.openbaar === "ja",
      greeting: form.groet === "ja",
    };
  }),
);

/** How an opening line greets, in her words: then the mail's own "Hoi Anna," would say it twice. */
const OPENING_GREETING = /^(hoi|hallo|hey|hee|lieve|beste|dag|goedemorgen|goedemiddag|goedenavond)\b/i;

/**
 * What in her text no mail would show as she meant it, one Dutch sentence each: an image, raw
 * HTML, or a greeting of her own while the mail opens with one too.
 */
function textProblems(text: string, greeting: boolean): string[] {
  const problems: string[] = [];
  const { images, html } = unsupportedMarkup(text);
  if (images.length > 0)
    problems.push(
      `Een afbeelding kan niet in een nummer: een mail laadt niets van elders. Haal ${images.length === 1 ? "de afbeelding" : `de ${images.length} afbeeldingen`} (![…](…)) uit je tekst; de rest staat er nog.`,
    );
  if (html.length > 0)
    problems.push(
      `HTML zoals ${html[0]!.slice(0, 40)} komt niet in een mail. Schrijf in Markdown: **vet**, *schuin*, [link](https://…). Je tekst staat er nog.`,
    );
  const opening = text.trim().split(/\r?\n/)[0] ?? "";
  if (greeting && OPENING_GREETING.test(opening))
    problems.push(
      `Je tekst begint al met een aanhef (${opening.slice(0, 30)}), en de mail begint ook met "Hoi Anna,". Kies hieronder "Zonder aanhef", of haal de jouwe weg.`,
    );
  return problems;
}

export type IssueInput = z.output<typeof issueFormSchema>;

/** Years an issue may be planned in: a later one is a typing slip, not a plan (an earlier one is long past). */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
const CHOOSE_A_MOMENT = "Kies een dag en een tijd om het nummer in te plannen.";
const LOCAL_MOMENT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const monthName = (year: number, month: number) =>
  new Intl.DateTimeFormat("nl-NL", { month: "long", timeZone: "UTC" }).format(Date.UTC(year, month - 1, 1));

/** Why a typed year, month, day, hour and minute is no moment on any calendar: Dutch sentences, none if it is one. */
function calendarProblems(year: number, month: number, day: number, hour: number, minute: number): string[] {
  const problems: string[] = [];
  const yearExists = year >= FIRST_YEAR && year <= LAST_YEAR;
  if (year > LAST_YEAR) problems.push(`Het jaar ${year} ligt te ver weg; kies een jaar tot en met ${LAST_YEAR}.`);
  if (year < FIRST_YEAR) problems.push(`Het jaar ${year} is al lang voorbij.`);
  const monthExists = month >= 1 && month <= 12;
  if (!monthExists) problems.push(`Maand ${month} bestaat niet; een jaar heeft 12 maanden.`);
  if (yearExists && monthExists) {
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const name = monthName(year, month);
    if (day < 1 || day > days)
      problems.push(`${day} ${name} ${year} bestaat niet; ${name} ${year} heeft ${days} dagen.`);
  } else if (day < 1 || day > 31) problems.push(`Dag ${day} bestaat niet; een maand heeft hoogstens 31 dagen.`);
  if (hour > 23) problems.push(`Uur ${hour} bestaat niet; de klok loopt van 00:00 tot 23:59.`);
  if (minute > 59) problems.push(`Minuut ${minute} bestaat niet; een uur heeft de minuten 00 tot en met 59.`);
  return problems;
}

/**
 * A moment typed in a datetime-local field, read on Amsterdam's clock. A browser only sends
 * moments that exist; anything else (month 13, 31 April, hour 25) is refused, never rolled over.
 */
export const sendAtSchema = z.object({
  tijdstip: z.pipe(
    z.string({ error: CHOOSE_A_MOMENT }),
    z.transform((value: string, ctx) => {
      const parts = LOCAL_MOMENT.exec(value)?.slice(1).map(Number);
      const problems = parts
        ? calendarProblems(...(parts as [number, number, number, number, number]))
        : [CHOOSE_A_MOMENT];
      for (const message of problems) ctx.issues.push({ code: "custom", message, input: value });
      if (!parts || problems.length > 0) return z.NEVER;
      const [year, month, day, hour, minute] = parts as [number, number, number, number, number];
      return amsterdamTime(year, month, day, hour, minute);
    }),
  ),
});
