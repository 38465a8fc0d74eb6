import { z } from "zod";

/** Trims the address and lower-cases its domain (in its ASCII form), leaving the local part as typed. */
export function normaliseEmail(input: string): string {
  const value = input.trim();
  const at = value.lastIndexOf("@");
  if (at < 1 || at === value.length - 1) return value;
  let domain = value.slice(at + 1).toLowerCase();
  // The URL parser drops tabs and newlines, decodes %-escapes and stops at "/", "?", "#" or ":",
  // which would turn "anna@voorbeeld.nl/x" into a valid other address; only a plain domain goes in.
  if (!/^[\p{L}\p{M}\p{N}.-]+$/u.test(domain)) return value;
  try {
    domain = new URL(`http://${domain}`).hostname;
  } catch {
    return value;
  }
  return `${value.slice(0, at)}@${domain}`;
}

const controlCharacters = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * The name goes into our mail ("Hoi Anna,"): it must not carry a link or an address there.
 * `://`, `www.`, `@`, or a word-dot-word that reads as a domain ("kwaad.biz"); initials like "J.P." pass.
 */
const linkLike = /:\/\/|www\.|@|[\p{L}\p{N}-]\.\p{L}{2,}/iu;

export const signupSchema = z.object({
  email: z
    .string({ message: "Vul je e-mailadres in." })
    .trim()
    .min(1, "Vul je e-mailadres in.")
    .max(254, "Dit e-mailadres is te lang. Kijk je het even na?")
    .transform(normaliseEmail)
    .pipe(z.email("Dit lijkt geen geldig e-mailadres. Kijk je het even na?")),
  voornaam: z
    .string()
    .optional()
    .transform((value) => value?.replace(controlCharacters, "").replace(/\s+/g, " ").trim() || undefined)
    .pipe(
      z
        .string()
        .max(60, "Je voornaam is te lang voor onze mails: hoogstens 60 tekens. Een roepnaam is ook goed.")
        .refine((name) => !linkLike.test(name), "Je voornaam kan geen link of e-mailadres bevatten.")
        .optional(),
    ),
  bron: z.enum(["formulier", "embed"]).catch("formulier"),
});

export type SignupInput = z.infer<typeof signupSchema>;
