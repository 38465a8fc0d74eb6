import { z } from "zod";
import type { IssueQuestion } from "../../mechanisms/db/schema.ts";
import { amsterdamTime } from "../../mechanisms/lib/amsterdam-time.ts";

/** Longest subject line that still shows whole in a phone's inbox list, as for lessons. */
export const MAX_SUBJECT = 60;
const MAX_BODY = 20_000;

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The author's issue form: what she typed, checked, with Dutch messages that name the field. */
export const issueFormSchema = z
  .object({
    onderwerp: z
      .string()
      .trim()
      .min(1, "Geef het nummer een onderwerp.")
      .max(MAX_SUBJECT, `Het onderwerp past op een telefoon tot ${MAX_SUBJECT} tekens; maak het wat korter.`),
    voorvertoning: z
      .string()
      .trim()
      .max(110, "De voorvertoning is hoogstens 110 tekens: de regel die in de inbox onder het onderwerp staat."),
    tekst: z
      .string()
      .trim()
      .min(1, "Het nummer heeft nog geen tekst.")
      .max(
        MAX_BODY,
        `De tekst is langer dan ${MAX_BODY.toLocaleString("nl-NL")} tekens; dat leest niet meer als één mail.`,
      ),
    vraag: z.string().trim().max(200, "De vraag is hoogstens 200 tekens.").default(""),
    antwoorden: z.string().default(""),
    openbaar: z.literal("ja").optional(),
  })
  .transform((form, ctx) => {
    const answers = lines(form.antwoorden);
    let question: IssueQuestion | null = null;
    if (form.vraag) {
      if (answers.length < 2 || answers.length > 5 || answers.some((answer) => answer.length > 40)) {
        ctx.addIssue({
          code: "custom",
          path: ["antwoorden"],
          message: "Een vraag heeft 2 tot 5 antwoorden, elk op een eigen regel en hoogstens 40 tekens.",
        });
        return z.NEVER;
      }
      // Keys never change once the issue is sent, and are words, never numbers (links name answers by number).
      question = { prompt: form.vraag, answers: answers.map((label, i) => ({ key: `antwoord-${i + 1}`, label })) };
    } else if (answers.length > 0) {
      ctx.addIssue({ code: "custom", path: ["vraag"], message: "Je gaf antwoorden, maar nog geen vraag." });
      return z.NEVER;
    }
    return {
      subject: form.onderwerp,
      preheader: form.voorvertoning,
      body: form.tekst,
      question,
      public: form.openbaar === "ja",
    };
  });

export type IssueInput = z.output<typeof issueFormSchema>;

/** A moment typed in a datetime-local field, read on Amsterdam's clock. */
export const sendAtSchema = z.object({
  tijdstip: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Kies een dag en een tijd.")
    .transform((value) => {
      const [year, month, day, hour, minute] = value.split(/[-T:]/).map(Number) as [
        number,
        number,
        number,
        number,
        number,
      ];
      return amsterdamTime(year, month, day, hour, minute);
    }),
});
